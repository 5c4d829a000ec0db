from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject):
        # Discreet subjects: an inbox glance shows only the neutral name and a generic word.
        return f"{settings.NEUTRAL_NAME}: {subject}"


def axes_username(request, credentials=None):
    """The name axes throttles on, whatever the login form called it (allauth posts it as ``login``)."""
    credentials = credentials or {}
    for key in ("username", "email", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    if request is not None and request.method == "POST":
        return str(request.POST.get("login", "")).strip().lower()
    return ""
