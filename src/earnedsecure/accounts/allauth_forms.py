"""Our changes to allauth's own forms (named in settings.ACCOUNT_FORMS and MFA_FORMS)."""

from allauth.account.forms import (
    ChangePasswordForm,
    LoginForm,
    ReauthenticateForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    SetPasswordForm,
    SignupForm,
)
from allauth.account.models import EmailAddress
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as MFAReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django.conf import settings
from django.core.validators import MaxLengthValidator

from earnedsecure.accounts.selectors import two_step_kinds


class VerifiedOnlyResetPasswordForm(ResetPasswordForm):
    """Password reset that sends a link only to an address its owner has verified, when mail is on.

    allauth falls back to unverified addresses (and the user table's email column): an address someone added
    at an unlocked device, and never verified, would receive a way into the account. With mail off nothing can
    be verified and the "mail" is printed on the machine's own console, so allauth's rule stands there. The
    response is the same either way (ACCOUNT_PREVENT_ENUMERATION).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)

    def clean_email(self) -> str:
        email = super().clean_email()
        if settings.ACCOUNT_EMAIL_VERIFICATION != "none":
            verified = set(
                EmailAddress.objects.filter(email__iexact=email, verified=True, user__in=self.users).values_list(
                    "user_id", flat=True
                )
            )
            self.users = [user for user in self.users if user.pk in verified]
        return email


# The app's own words on allauth's forms (one voice at sign-in, issue 13): plain, warm, sentence case. Labels
# are the only text a form adds; the pages around them are the app's templates (accounts/templates/account,
# mfa, usersessions). Placeholders that repeated the label are dropped: a label that stays is easier to read.
CHOOSING_HELP = "At least 12 characters. A few unrelated words, like a short phrase, are easy to remember."
LABELS = {
    "login": ("Your username or email address", ""),
    "username": ("A username", "Letters, digits and @ . + - _ only. It need not be your name; only you see it."),
    "email": ("Your email address", ""),
    "email2": ("Your email address again", ""),
    "password": ("Your password", ""),
    "oldpassword": ("Your password now", ""),
    "password1": ("A new password", CHOOSING_HELP),
    "password2": ("The same password again", ""),
}


def relabel(form) -> None:
    """Put the app's words on an allauth form's fields (those it has of LABELS)."""
    for name, (label, help_text) in LABELS.items():
        field = form.fields.get(name)
        if field is None:
            continue
        field.label = label
        field.help_text = help_text
        field.widget.attrs.pop("placeholder", None)


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class NewAccountForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)
        if "password1" in self.fields:
            self.fields["password1"].label = "A password"


class PasswordChangeForm(ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class PasswordSetForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class NewPasswordFromLinkForm(ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class PasswordAgainForm(ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


def _label_code(form) -> None:
    """Word the code box for the second steps the person has: with no authenticator app (a passkey only), the box
    takes a recovery code alone. ``form.has_passkey`` tells the page to offer the passkey too."""
    kinds = two_step_kinds(user=form.user)
    form.has_passkey = "webauthn" in kinds
    if "totp" in kinds or not form.has_passkey:
        form.fields["code"].label = "The 6-digit code from your authenticator app, or a recovery code"
    else:
        form.fields["code"].label = "One of your recovery codes"
    form.fields["code"].widget.attrs.pop("placeholder", None)


class TwoStepCodeForm(AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_code(self)


class TwoStepCodeAgainForm(MFAReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_code(self)


def _limit_name(form, longest: int = 60) -> None:
    form.fields["name"].validators.append(MaxLengthValidator(longest))
    form.fields["name"].widget.attrs["maxlength"] = str(longest)


class PasskeyAddForm(AddWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "A name, to tell it apart later"
        self.fields["name"].help_text = "For example “my phone” or “blue key”. You can change it afterwards."
        _limit_name(self)


class PasskeyRenameForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Its name"
        _limit_name(self)


class TwoStepActivateForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "The 6-digit code your app shows now"
        self.fields["code"].widget.attrs.pop("placeholder", None)
