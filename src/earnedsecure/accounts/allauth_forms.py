"""Our changes to allauth's own forms (named in settings.ACCOUNT_FORMS)."""

from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from django.conf import settings


class VerifiedOnlyResetPasswordForm(ResetPasswordForm):
    """Password reset that sends a link only to an address its owner has verified, when mail is on.

    allauth falls back to unverified addresses (and the user table's email column): an address someone added
    at an unlocked device, and never verified, would receive a way into the account. With mail off nothing can
    be verified and the "mail" is printed on the machine's own console, so allauth's rule stands there. The
    response is the same either way (ACCOUNT_PREVENT_ENUMERATION).
    """

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
