"""What goes on a person's security log: receivers for Django's, allauth's and axes's sign-in signals.

Each receiver only names the event and calls ``services.security_event_record``, which also writes it to the
server's security log (core/logs.py); no address, browser or typed text is stored. A lockout goes to the server's
log only. Connected in ``AccountsConfig.ready``.
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from axes import signals as axes_signals
from django.contrib.auth import signals as auth_signals

from earnedsecure.accounts import services
from earnedsecure.accounts.models import SecurityEvent
from earnedsecure.core.logs import security_event_log

Kind = SecurityEvent.Kind


def _method(authenticator) -> str:
    return str(getattr(authenticator, "type", ""))


def signed_in(sender, request, user, **kwargs):
    services.security_event_record(user=user, kind=Kind.SIGNED_IN)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    name = credentials.get("username") or credentials.get("email") or credentials.get("login") or ""
    user = services.account_for_sign_in_name(str(name))
    if user is not None:
        services.security_event_record(user=user, kind=Kind.SIGN_IN_FAILED)
    else:  # no account to note it on: the server's log alone, without the name typed
        security_event_log(Kind.SIGN_IN_FAILED, actor_id=None, object_kind="accounts.User")


def locked_out(sender, request, username=None, **kwargs):
    """axes refused a sign-in because of too many failures: the server's log, with the account's number if the
    name typed is someone's (never the name or the address)."""
    user = services.account_for_sign_in_name(str(username or ""))
    security_event_log("locked_out", actor_id=getattr(user, "pk", None), object_kind="accounts.User", refused=True)


def two_step_failed(sender, request, user, **kwargs):
    services.security_event_record(user=user, kind=Kind.TWO_STEP_FAILED)


def two_step_added(sender, request, user, authenticator, **kwargs):
    services.security_event_record(user=user, kind=Kind.TWO_STEP_ADDED, method=_method(authenticator))


def two_step_removed(sender, request, user, authenticator, **kwargs):
    services.security_event_record(user=user, kind=Kind.TWO_STEP_REMOVED, method=_method(authenticator))


def recovery_codes_reset(sender, request, user, authenticator, **kwargs):
    services.security_event_record(user=user, kind=Kind.RECOVERY_CODES_RESET)


def password_changed(sender, request, user, **kwargs):
    services.security_event_record(user=user, kind=Kind.PASSWORD_CHANGED)


def password_reset(sender, request, user, **kwargs):
    services.security_event_record(user=user, kind=Kind.PASSWORD_RESET)


def email_added(sender, request, user, email_address, **kwargs):
    services.security_event_record(user=user, kind=Kind.EMAIL_ADDED)


def email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    services.security_event_record(user=user, kind=Kind.EMAIL_CHANGED)


def connect() -> None:
    uid = "earnedsecure.security_log."
    auth_signals.user_logged_in.connect(signed_in, dispatch_uid=uid + "signed_in")
    auth_signals.user_login_failed.connect(sign_in_failed, dispatch_uid=uid + "sign_in_failed")
    axes_signals.user_locked_out.connect(locked_out, dispatch_uid=uid + "locked_out")
    mfa_signals.authentication_failed.connect(two_step_failed, dispatch_uid=uid + "two_step_failed")
    mfa_signals.authenticator_added.connect(two_step_added, dispatch_uid=uid + "two_step_added")
    mfa_signals.authenticator_removed.connect(two_step_removed, dispatch_uid=uid + "two_step_removed")
    mfa_signals.authenticator_reset.connect(recovery_codes_reset, dispatch_uid=uid + "recovery_codes_reset")
    account_signals.password_changed.connect(password_changed, dispatch_uid=uid + "password_changed")
    account_signals.password_set.connect(password_changed, dispatch_uid=uid + "password_set")
    account_signals.password_reset.connect(password_reset, dispatch_uid=uid + "password_reset")
    account_signals.email_added.connect(email_added, dispatch_uid=uid + "email_added")
    account_signals.email_changed.connect(email_changed, dispatch_uid=uid + "email_changed")
