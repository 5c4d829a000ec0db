from django.conf import settings
from django.db import models

from earnedsecure.core.fields import EncryptedTextField


class SafetyPlan(models.Model):
    """A person's own plan for a crisis, in the six steps of the Safety Planning Intervention
    (Stanley & Brown, 2012, Cognitive and Behavioral Practice 19(2), 256-264), plus what matters most.

    Everything is the person's own words, encrypted at rest; one plan per person.
    """

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan")
    warning_signs = EncryptedTextField(blank=True, default="")
    coping_on_my_own = EncryptedTextField(blank=True, default="")
    people_and_places_for_distraction = EncryptedTextField(blank=True, default="")
    people_i_can_ask_for_help = EncryptedTextField(blank=True, default="")
    professionals_to_contact = EncryptedTextField(blank=True, default="")
    making_my_surroundings_safer = EncryptedTextField(blank=True, default="")
    what_matters_most = EncryptedTextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Safety plan of {self.owner_id}"

    def is_empty(self) -> bool:
        return not any(
            getattr(self, field.name) for field in self._meta.fields if isinstance(field, EncryptedTextField)
        )


class PersonKey(models.Model):
    """Which key in the key store (core/keystore.py) is this person's: a reference, never the key itself.

    The key, wrapped by the master key, is kept apart from this database, so no copy of it (a backup, free
    pages) holds a key. Deleting the person deletes this row (cascade) and destroys the key in the key store
    (core/crypto.py). Never exported, never shown.
    """

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_id = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Data key {self.key_id}"


class Submission(models.Model):
    """A form sent once (checklist item 79): the random token the form carried when it was shown, and the page its
    answer led to. The same form sent again (a retry after a timeout, a second tap on a slow phone) finds the row
    and is led to that page; nothing is stored twice. A random token and an address of the app, nothing the person
    wrote; kept a day (core/retention.py), deleted with the account. See core/submissions.py."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    answer = models.CharField(max_length=300, blank=True, default="")  # "" until the first send is answered
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "token"], name="submission_once_per_token")]

    def __str__(self):
        return f"Form sent by {self.owner_id}"
