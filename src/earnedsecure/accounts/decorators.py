from functools import wraps

from django.shortcuts import redirect
from django.urls import reverse

from earnedsecure.accounts.services import has_core_consent


def consent_required(view):
    """Send a person to the privacy notice and consent step before any sensitive question or entry."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated and not has_core_consent(request.user):
            return redirect(f"{reverse('consent')}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper
