from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied

from earnedsecure.core import crypto


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject):
        # Discreet subjects: an inbox glance shows only the neutral name and a generic word.
        return f"{settings.NEUTRAL_NAME}: {subject}"


class MFAAdapter(DefaultMFAAdapter):
    """Two-step sign-in secrets (the TOTP secret, the recovery-code seed) encrypted at rest.

    allauth passes every such secret through these hooks and stores what ``encrypt`` returns; without them a
    database row or a backup was enough to compute every code. The master field key is used (the secret
    belongs to the account, and allauth does not say whose it is); the row goes with the account.
    ``rotate_field_keys`` carries them over to a new master key (services.two_step_secrets_reencrypt).
    """

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)


def axes_username(request, credentials=None):
    """The name axes throttles on, whatever the login form called it (allauth posts it as ``login``)."""
    credentials = credentials or {}
    for key in ("username", "email", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    if request is not None and request.method == "POST":
        return str(request.POST.get("login", "")).strip().lower()
    return ""


def client_ip(request) -> str | None:
    """The client's address for axes, by allauth's rule (REMOTE_ADDR unless TRUSTED_PROXY_COUNT says otherwise).

    One rule for both, so the lockout and the rate limits never disagree about who is asking. A request with
    no address at all (an internal one, such as a test's forced sign-in) has none, as with axes's own rule.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
