"""Studies, their versioned consent texts, who joined which version, and every export made.

A person's research consent is their own, per study, and separate from the app's consent (accounts.Consent):
joining is opt-in, asks the password again, and stores the version of the text agreed to. A new version of the
text asks everyone to agree again; until they do, they are left out of exports. Withdrawing leaves every export
after it at once. What identifies a participant in a release (a random code, a random date shift) is made once
per study and person (domain/research/deidentify.py) and never derived from anything else about them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from earnedsecure.core.crisis_lines import country_choices
from earnedsecure.domain.research.deidentify import GENDERS, NOT_SAID, RELATIONSHIPS


class Study(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What the study asks and why, in plain words, shown to people")
    run_by = models.CharField(max_length=200, help_text="Who runs it and who answers questions about it")
    is_open = models.BooleanField(default=True, help_text="Open studies are listed for people to join")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        permissions = [("view_study_counts", "Can see studies, consent versions and counts (no one's data)")]
        verbose_name_plural = "studies"

    def __str__(self):
        return self.title


class ConsentText(models.Model):
    """One version of a study's consent text. Published versions are never edited: a change is a new version."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="consent_texts")
    version = models.PositiveSmallIntegerField()
    text = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["study", "-version"]
        constraints = [models.UniqueConstraint(fields=["study", "version"], name="one_text_per_study_version")]

    def __str__(self):
        return f"{self.study.slug} v{self.version}"


class Participant(models.Model):
    """A person in one study: their random code and date shift there, and what they answered when joining.

    Kept after withdrawing (the person's page says when they left) and deleted with the account.
    """

    study = models.ForeignKey(Study, on_delete=models.PROTECT, related_name="participants")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=16, editable=False)
    shift_days = models.SmallIntegerField(editable=False)
    birth_year = models.PositiveSmallIntegerField()
    # The account's country when joining (crisis lines choose it), kept here so the study knows what it released.
    country = models.CharField(max_length=2, blank=True, default="", choices=country_choices())
    gender = models.CharField(max_length=16, choices=list(GENDERS.items()), default=NOT_SAID)
    relationship = models.CharField(max_length=16, choices=list(RELATIONSHIPS.items()), default=NOT_SAID)
    joined_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["study", "person"], name="one_participant_per_study_person"),
            models.UniqueConstraint(fields=["study", "code"], name="participant_code_unique_in_study"),
            models.CheckConstraint(
                condition=Q(shift_days__gte=-180, shift_days__lte=180) & ~Q(shift_days=0), name="shift_within_180"
            ),
        ]

    def __str__(self):
        return f"Participant {self.code}"


class Agreement(models.Model):
    """A person's agreement to one version of a study's consent text, and when they withdrew it (if they did)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="agreements")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveSmallIntegerField()
    agreed_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-agreed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_agreement_per_participant",
            )
        ]

    def __str__(self):
        return f"v{self.version} agreed {self.agreed_at:%Y-%m-%d}"


class ExportRecord(models.Model):
    """One export: who ran it, for whom and under which data-use agreement, and how many; never any content."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        PARQUET = "parquet", "Parquet"

    study = models.ForeignKey(Study, on_delete=models.PROTECT, related_name="exports")
    run_by = models.CharField(max_length=150, help_text="The operating-system account that ran the command")
    recipient = models.CharField(max_length=200)
    data_use_agreement = models.CharField(max_length=100)
    format = models.CharField(max_length=8, choices=Format.choices)
    consent_version = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    people_consenting = models.PositiveIntegerField(default=0)
    people_released = models.PositiveIntegerField(default=0)
    people_suppressed = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=dict, help_text="Rows written per table")
    generalization = models.JSONField(default=dict, help_text="The level chosen for each quasi-identifier")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"Export of {self.study.slug} at {self.started_at:%Y-%m-%d %H:%M}"


class ResearcherAccess(models.Model):
    """How long an account may see the studies page (checklist item 67: research access is time-boxed and
    revocable). Given by an operator (``earnedsecure manage research researcher --username U --days N``) beside
    the permission, ended at once by ``--revoke``; past ``until`` the page answers 404 as to anyone else. It shows
    counts only, never a person's row, but even counts are for the time agreed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_at = models.DateTimeField()
    until = models.DateTimeField()

    def __str__(self):
        return f"Studies page until {self.until:%Y-%m-%d}"


class Release(models.Model):
    """A download link to one export's files for one researcher, for a few days (checklist item 67: "the
    artifact download link expires"). Only the SHA-256 hash of the link's random token is kept; the zip lies in
    the data folder's ``releases`` (0600) until the link expires, when the daily purge deletes row and file."""

    export = models.OneToOneField(ExportRecord, on_delete=models.CASCADE, related_name="release")
    researcher = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    file_name = models.CharField(max_length=64, help_text="The zip's name in the data folder's releases")
    expires_at = models.DateTimeField()
    downloads = models.PositiveIntegerField(default=0)
    last_downloaded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Release of export {self.export_id} until {self.expires_at:%Y-%m-%d %H:%M}"
