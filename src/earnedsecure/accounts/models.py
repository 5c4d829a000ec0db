import uuid
import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractUser
from django.db import models

from earnedsecure.core.crisis_lines import country_choices
from earnedsecure.core.fields import EncryptedJSONField


@cache
def timezone_choices() -> tuple[tuple[str, str], ...]:
    """Every named zone, by name. Read from disk once per process: the list changes only with tzdata itself."""
    return tuple((name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()) if "/" in name)


class User(AbstractUser):
    """A person using the app. Country chooses crisis lines; time zone is how dates are shown."""

    class Onboarding(models.TextChoices):
        """Where a new person is in their first steps (accounts/onboarding.py), in the order they walk them.

        Sign-up starts a person at ABOUT; every other account (made before onboarding existed, by a command,
        or the demo person) is DONE by default and never sees it.
        """

        ABOUT = "about", "What this is and what it is not"
        CONSENT = "consent", "Your agreement"
        PLACE = "place", "Your country and time zone"
        FIRST_STEP = "first_step", "A first step"
        DONE = "done", "Done"

    country = models.CharField(max_length=2, blank=True, default="", choices=country_choices())
    time_zone = models.CharField(max_length=64, default="UTC")
    # When the person ticked "I am 18 or older" at sign-up (the age gate, hazard log): the record of what was
    # confirmed and when. NULL for accounts made before sign-up asked, or made by a command (the demo person).
    adult_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # How far a new person got through their first steps, so they can leave and pick up where they were.
    onboarding = models.CharField(max_length=16, choices=Onboarding.choices, default=Onboarding.DONE)

    class Meta:
        db_table = "accounts_user"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's own time zone, for showing dates and bucketing days and weeks (UTC if unknown)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


class Consent(models.Model):
    """A versioned, withdrawable agreement for one purpose: core processing, and optional research counting."""

    class Purpose(models.TextChoices):
        CORE = "core", "Storing and analysing what I enter, on this machine, for my own use"
        # Optional, asked on the Think page: coach.selectors.suggestion_answer_counts counts only these people.
        RESEARCH = "research", "Counting my answers to the coach's suggestions with everyone else's, without my words"

    CURRENT_VERSION = {Purpose.CORE: 1, Purpose.RESEARCH: 1}

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=32, choices=Purpose.choices)
    version = models.PositiveSmallIntegerField()
    given_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "purpose"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "purpose", "version"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose_version",
            )
        ]

    def __str__(self):
        return f"{self.purpose} v{self.version}"


class SecurityEvent(models.Model):
    """Something that happened to the account's security, shown to its owner alone (Account, Security log).

    No address, browser or typed text is kept: the kind and the time say what a person needs to notice someone
    else at their account, and nothing that could itself be misused. Only the owner's own events are ever read.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "A sign-in with your username or email failed"
        TWO_STEP_FAILED = "two_step_failed", "A two-step sign-in code was refused"
        TWO_STEP_ADDED = "two_step_added", "Two-step sign-in added"
        TWO_STEP_REMOVED = "two_step_removed", "Two-step sign-in removed"
        RECOVERY_CODES_RESET = "recovery_codes_reset", "New recovery codes made"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET = "password_reset", "Password reset by email link"
        EMAIL_ADDED = "email_added", "A new email address was added (waiting for its link to be followed)"
        EMAIL_CHANGED = "email_changed", "Email address changed"
        EXPORTED = "exported", "All your data downloaded"

    class Method(models.TextChoices):
        """Which two-step sign-in method a two-step event is about (allauth's authenticator types)."""

        NONE = "", "—"
        TOTP = "totp", "authenticator app"
        RECOVERY_CODES = "recovery_codes", "recovery codes"
        WEBAUTHN = "webauthn", "security key"

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="security_events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    method = models.CharField(max_length=32, choices=Method.choices, blank=True, default=Method.NONE)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-at"])]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class KeptForm(models.Model):
    """A form a person sent after their session had ended (30 quiet minutes, or 12 hours after signing in).

    Its words are kept, encrypted with the person's own key, so that they come back after signing in instead of
    being lost (accounts/kept_forms.py). Only that person gets them back, only from the browser that sent them
    (the key is in a signed cookie there), and only for ``kept_forms.KEPT_FOR``; the daily retention purge
    deletes them after that, and they go with the account.
    """

    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    # {"path": where it was sent, "fields": [[name, value], ...]}: the address is encrypted too.
    form = EncryptedJSONField()
    kept_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"Kept form {self.pk}"


class ExportLink(models.Model):
    """A link to download everything of one person's, once, within ``exports.LINK_WORKS_FOR`` (15 minutes).

    Made after the person typed their password again (accounts/exports.py). Only a SHA-256 hash of its random
    token is kept: the token itself is shown once, in the answer that made it. Opening the link deletes the row,
    so it works once; a new link replaces an old one, and the account's deletion takes it. The export itself is
    never stored: it is built in memory when the link is opened.
    """

    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"Export link {self.pk}"
