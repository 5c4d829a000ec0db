"""Two people linked, and what each chooses to show the other (issue 14; checklist section E).

Every row belongs to one person (``owner``) and says something about that person's own side: a link is two
rows, one each, so that export, deletion and "only the owner reads it" work as for every other table, and
either side's unlinking or deletion removes both. Nothing here holds words a person wrote: the categories and
statuses are the app's own vocabulary (``domain.together.sharing``), and dates are days, never times, except
where a limit needs the hour (invites and wrong codes, never shown to the partner). The one exception is the
weekly check-in: its answers are a person's own words, encrypted at rest under their own key like all free text.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from earnedsecure.core.fields import EncryptedTextField
from earnedsecure.domain.together.sharing import ANSWERS, CATEGORY_TEXT, REQUESTS, STATUS_TEXT, Category
from earnedsecure.domain.together.sharing import Status as StatusKey
from earnedsecure.domain.together.timeouts import LONGEST, PLACES

CATEGORY_CHOICES = [(category.value, CATEGORY_TEXT[category][0]) for category in Category]
# What the access log can note besides the categories: the weekly check-ins a person chose to show (their own
# words, shown week by week, so the person sees on which days their partner read them; checklist item 45).
CHECK_IN_READ = "check_in"
ACCESS_CHOICES = [*CATEGORY_CHOICES, (CHECK_IN_READ, "The weekly check-ins you showed")]
STATUS_CHOICES = [(status.value, STATUS_TEXT[status]) for status in StatusKey]


class Invite(models.Model):
    """A one-time code a person made for their partner. Only its keyed hash is kept; the code is shown once."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # Used, replaced by a newer code, or ended by a reset: kept until it expires, so that it counts in the
    # day's limit.
    spent = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invite {self.pk} (until {self.expires_at:%Y-%m-%d})"


class CodeTry(models.Model):
    """A code entered that did not link: counted for the hourly limit on wrong codes."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tried_at = models.DateTimeField()

    def __str__(self):
        return f"Code try {self.pk}"


class Link(models.Model):
    """One side of a link: ``owner`` is linked with ``partner``. Made and removed in pairs (services)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    linked_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="partners_one_link_each"),
            models.CheckConstraint(condition=~Q(owner=F("partner")), name="partners_not_with_oneself"),
        ]

    def __str__(self):
        return f"Link {self.owner_id} -> {self.partner_id}"


class Share(models.Model):
    """A category the owner chose to show their linked partner. None exist until chosen; unlinking removes them."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "category"], name="partners_share_once")]

    def __str__(self):
        return f"Shows {self.category}"


class Status(models.Model):
    """The owner's self-chosen status, and the day it was chosen."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    chosen_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="partners_one_status")]

    def __str__(self):
        return f"Status {self.status}"


class Block(models.Model):
    """The owner blocked ``blocked``: any link between them ended, and no code between them links again."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "blocked"], name="partners_block_once")]

    def __str__(self):
        return f"Block {self.pk}"


class AccessRecord(models.Model):
    """The owner's partner was shown one of the owner's categories on ``day``: the day and the category only.

    Not how many times: a count per day would tell the owner how often their partner opens the app, which is
    the partner's own activity. The owner sees these on the Safety Check page; the partner never does.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=20, choices=ACCESS_CHOICES)
    day = models.DateField()

    class Meta:
        ordering = ["-day", "category"]
        constraints = [models.UniqueConstraint(fields=["owner", "category", "day"], name="partners_access_per_day")]

    def __str__(self):
        return f"{self.category} seen on {self.day}"


class EmergencyReset(models.Model):
    """The owner used Emergency Reset on this day. Seen by the owner only."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    done_on = models.DateField()

    def __str__(self):
        return f"Emergency reset on {self.done_on}"


class ReassuranceRequest(models.Model):
    """The owner asked their linked partner for reassurance on this day; the partner's one-tap answer, if any.

    Both see it while linked; unlinking removes it, so neither keeps the other's side.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answerer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    request = models.CharField(max_length=20, choices=list(REQUESTS.items()))
    asked_on = models.DateField()
    answer = models.CharField(max_length=20, choices=list(ANSWERS.items()), blank=True, default="")
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_on", "-pk"]

    def __str__(self):
        return f"Reassurance request {self.pk}"


class TimeoutAgreement(models.Model):
    """The longest a time-out may last and where to come back to, agreed while calm.

    ``partner`` empty: the owner's own agreement "for myself". Otherwise the owner proposed it to their linked
    partner, and it holds once the partner accepted it (``accepted_on``); unlinking removes it for both.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    longest_minutes = models.PositiveSmallIntegerField(choices=list(LONGEST.items()))
    place = models.CharField(max_length=20, choices=list(PLACES.items()), blank=True, default="")
    proposed_on = models.DateField()
    accepted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self):
        return f"Time-out agreement {self.pk}"


class TimeOut(models.Model):
    """The owner stepped away from ``waiter`` and committed to come back at ``return_at``.

    The return time is the one time of day shown to a partner: the owner chose it to be seen. No other time is
    kept (the start is a day; a return is kept or not, not when it happened). Unlinking removes it for both.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    waiter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_on = models.DateField()
    return_at = models.DateTimeField()
    place = models.CharField(max_length=20, choices=list(PLACES.items()), blank=True, default="")
    # Open until the owner comes back (kept True or False) or either side ends it (ended, kept stays None).
    ended = models.BooleanField(default=False)
    kept = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-return_at"]

    def __str__(self):
        return f"Time-out {self.pk}"


class CheckIn(models.Model):
    """The owner's answers to one week's check-in, in their own words, encrypted at rest.

    The columns are the keys of ``domain.together.rituals.CHECK_IN_QUESTIONS``. ``shared_with``: the linked
    partner the owner chose to show this week's answers to; cleared when the link ends, so a later partner never
    sees them. The partner sees the week, never when in it the answers were written or changed.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()  # the Monday of the owner's week
    went_well = EncryptedTextField(blank=True, default="")
    felt_close = EncryptedTextField(blank=True, default="")
    need_next = EncryptedTextField(blank=True, default="")
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-week"]
        constraints = [models.UniqueConstraint(fields=["owner", "week"], name="partners_one_check_in_a_week")]

    def __str__(self):
        return f"Check-in {self.pk} (week of {self.week})"


class PatternConsent(models.Model):
    """The owner chose to see the couple's pattern with ``partner``. Shown only while both sides hold one; either
    deletes theirs at once, and the other's page cannot tell that from "not chosen yet". Unlinking removes both."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agreed_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="partners_one_pattern_consent")]

    def __str__(self):
        return f"Pattern consent {self.pk}"
