"""Therapists on the same instance, what a person lets a named therapist read, the log of every such read, and
homework (issue 15; checklist items 31, 39-40, 42, 50, 60, 64).

- ``Therapist``: a role an operator gives to an account (``earnedsecure manage care_add_therapist``); the
  account stays a person's own, with its own sign-in and two-factor (no shared clinician logins, item 64).
- ``Grant``: the person (``owner``) lets one therapist read some categories until ``expires_at``. Read-only by
  construction: no view of a therapist's writes anything of the person's but the access log and homework.
- ``AccessLogEntry``: append-only and tamper-evident. Each row's ``row_hash`` is the SHA-256 of its own content
  and the hash of the row before it in the same person's chain; the model refuses update and delete, and on
  PostgreSQL a trigger does too (migration 0002). Only the cascade of the person's own account deletion removes
  their chain, whole.
- ``Homework``: a tool, lesson or program a therapist suggests; the person sees it on home and may decline.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Category(models.TextChoices):
    """What a grant may cover. Each is read through its own page section and logged under its own name."""

    CHECK_INS = "check_ins", "Check-ins and scores"
    ACTIVATION = "activation", "Activation summary"
    PATHWAY = "pathway", "Pathway stage"
    SAFETY = "safety", "Safety alerts"


# What each category shows, in the words the person reads before granting it.
CATEGORY_DETAIL = {
    Category.CHECK_INS: "your questionnaire scores over time and whether they changed reliably",
    Category.ACTIVATION: "how often and how strongly you were activated, time to calm, what helped; not your words",
    Category.PATHWAY: "which stage of the pathway you have reached",
    Category.SAFETY: "when you answer the mood check-in's question 9 above 'not at all'; not the answer itself",
}


class Therapist(models.Model):
    """This account is a therapist's. Given by an operator; the account signs in with two-factor to use it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist")
    display_name = models.CharField(max_length=120)
    added_at = models.DateTimeField()

    def __str__(self):
        return self.display_name


class Grant(models.Model):
    """``owner`` lets ``therapist`` read the chosen categories until ``expires_at``, or until revoked."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    therapist = models.ForeignKey(Therapist, on_delete=models.CASCADE, related_name="grants")
    check_ins = models.BooleanField(default=False)
    activation = models.BooleanField(default=False)
    pathway = models.BooleanField(default=False)
    safety = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The therapist's last caseload visit for this client: item-9 alerts are counted since then.
    last_visit_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="care_grant_expires_after"),
            models.CheckConstraint(
                condition=Q(check_ins=True) | Q(activation=True) | Q(pathway=True) | Q(safety=True),
                name="care_grant_some_category",
            ),
            models.UniqueConstraint(
                fields=["owner", "therapist"], condition=Q(revoked_at__isnull=True), name="care_one_open_grant"
            ),
        ]

    def __str__(self):
        return f"Grant {self.pk}"

    @property
    def categories(self) -> list[str]:
        return [value for value in Category.values if getattr(self, value)]

    def category_labels(self) -> list[str]:
        return [Category(value).label for value in self.categories]


class AppendOnly(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the access log is append-only")

    def delete(self):
        raise PermissionError("the access log is append-only")


class AccessLogEntry(models.Model):
    """One read of ``owner``'s data by a therapist: who, which categories, what action, when (UTC), and the id
    of the request that read it (the ``X-Request-ID`` answer header and the server's log lines: core/logs.py).
    No content.

    The actor is kept by id and name, not as a foreign key: the person's log outlives the therapist's account.
    Rows written before request ids existed have an empty one.
    """

    class Action(models.TextChoices):
        CASELOAD = "caseload", "Saw on the caseload"
        REPORT = "report", "Opened the report"
        PDF = "pdf", "Downloaded the report (PDF)"
        FHIR = "fhir", "Downloaded the check-ins (FHIR)"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor_id = models.PositiveIntegerField()
    actor_name = models.CharField(max_length=120)
    # The categories this one read covered, as their keys joined by commas, in ``Category`` order.
    categories = models.CharField(max_length=80)
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField()
    request_id = models.CharField(max_length=32, blank=True, default="")
    previous_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["owner", "at"], name="care_log_owner_time")]
        # One successor per row: two reads logged at once cannot fork a person's chain.
        constraints = [models.UniqueConstraint(fields=["owner", "previous_hash"], name="care_log_one_successor")]

    def __str__(self):
        return f"Access {self.pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the access log is append-only")

    def category_labels(self) -> list[str]:
        return [Category(key).label for key in self.categories.split(",") if key]


class Homework(models.Model):
    """A tool, lesson or program ``therapist`` suggested to ``owner``. Declining tells the therapist only that."""

    class Kind(models.TextChoices):
        TOOL = "tool", "A calming tool"
        LESSON = "lesson", "A lesson"
        PROGRAM = "program", "A program"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    therapist = models.ForeignKey(Therapist, on_delete=models.CASCADE, related_name="homework")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField(max_length=80)
    suggested_at = models.DateTimeField()
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-suggested_at", "-pk"]

    def __str__(self):
        return f"Homework {self.pk} ({self.kind})"
