from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied

from earnedsecure.accounts import onboarding
from earnedsecure.accounts.session_records import network_of
from earnedsecure.core import crypto


class AccountAdapter(DefaultAccountAdapter):
    # What allauth says when something is refused, in the app's own words (one voice at sign-in, issue 13).
    # A wrong username and a wrong password still get the same answer, so sign-in tells nobody who has an account.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account is closed.",
        "cannot_remove_primary_email": "This is the address the app writes to, so it stays until you add another.",
        "duplicate_email": "This address is on your account already.",
        "email_password_mismatch": "That email address and password don't go together. Check both and try again.",
        "email_taken": "Another account has this email address. Please use a different one.",
        "enter_current_password": "Please type your password now first.",
        "incorrect_code": "That code didn't work. Check it and try again.",
        "incorrect_password": "That isn't the password of this account. Please try again.",
        "invalid_login": "That didn't work. Check what you typed and try again.",
        "invalid_or_expired_key": "This link no longer works. Please ask for a new one.",
        "invalid_password_reset": "This link no longer works. Please ask for a new one.",
        "same_as_current": "That is the one you have now.",
        "too_many_login_attempts": "Too many tries for now. Please wait a while, or choose a new password.",
        "unknown_email": "That email address isn't on any account here.",
        "unverified_primary_email": "Please confirm your email address first: follow the link sent to it.",
        "username_password_mismatch": "That username and password don't go together. Check both and try again.",
        "username_taken": "Someone here already has this username. Please choose another.",
        "rate_limited": "That was a lot of tries in a short time. Please wait a minute, then try again.",
    }

    def get_login_redirect_url(self, request):
        # A new person who left their first steps unfinished comes back to where they were (a `next` still wins).
        if onboarding.is_onboarding(request.user):
            return onboarding.current_url(request.user)
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # Straight from sign-up to the first of the first steps: what this is and what it is not.
        return self.get_login_redirect_url(request)

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

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code didn't work. The app's code changes every 30 seconds: try the one it shows now.",
        "cannot_delete_authenticator": "Two-step sign-in can't be turned off here.",
        "unverified_email": "Please confirm your email address before turning on two-step sign-in.",
        "add_email_blocked": "Turn off two-step sign-in before adding an email address.",
        "cannot_generate_recovery_codes": "Recovery codes come with two-step sign-in: turn it on first.",
    }

    def generate_authenticator_name(self, user, type) -> str:
        """The name a new passkey or key gets unless the person types one: "Key 1", "Key 2" (allauth's "Master
        key" and "Backup key" said more than anyone knows about the key)."""
        return f"Key {Authenticator.objects.filter(user_id=user.pk, type=type).count() + 1}"

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


def client_network(request) -> str | None:
    """The network of the client's address (IPv4 /24, IPv6 /48), for axes (AXES_CLIENT_IP_CALLABLE).

    The address is found by allauth's rule (REMOTE_ADDR unless TRUSTED_PROXY_COUNT says otherwise), so the
    lockout and the rate limits never disagree about who is asking; axes is given only its network, which is
    all it then keeps (accounts/failed_sign_ins.py). A request with no address at all (an internal one, such
    as a test's forced sign-in) has none, as with axes's own rule.
    """
    try:
        address = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
    return network_of(address)
