"""Writes of research: joining a study (a new agreement to its current text), leaving it, publishing a text."""

from datetime import datetime, timedelta

from django.db import transaction

from earnedsecure.domain.research.deidentify import new_date_shift, new_participant_code
from earnedsecure.research.models import Agreement, ConsentText, Participant, ResearcherAccess, Study


class StaleText(Exception):
    """The text the person read is no longer the current one: they must read the new one first."""


@transaction.atomic
def consent_text_publish(*, study: Study, text: str, now: datetime) -> ConsentText:
    """A new version of the study's consent text. Everyone in the study is asked to agree again; until they do,
    exports leave them out (selectors.releasable)."""
    latest = study.consent_texts.select_for_update().order_by("-version").first()
    return ConsentText.objects.create(
        study=study, version=(latest.version + 1) if latest else 1, text=text, published_at=now
    )


@transaction.atomic
def study_join(
    *, study: Study, person, version: int, birth_year: int, gender: str, relationship: str, now: datetime
) -> Participant:
    """The person agrees to ``version`` of the study's text (the one they were shown) and answers its questions.

    Their code and date shift are made the first time and kept if they leave and come back (so one study's
    releases stay longitudinal); an agreement to an older version still open is closed by the new one.
    """
    current = study.consent_texts.order_by("-version").values_list("version", flat=True).first()
    if current is None or version != current:
        raise StaleText
    participant = Participant.objects.select_for_update().filter(study=study, person=person).first()
    if participant is None:
        participant = Participant(
            study=study, person=person, code=new_participant_code(), shift_days=new_date_shift(), joined_at=now
        )
    participant.birth_year = birth_year
    participant.country = person.country
    participant.gender = gender
    participant.relationship = relationship
    participant.save()
    Agreement.objects.filter(participant=participant, withdrawn_at__isnull=True).update(withdrawn_at=now)
    Agreement.objects.create(participant=participant, person=person, version=version, agreed_at=now)
    return participant


@transaction.atomic
def study_leave(*, study: Study, person, now: datetime) -> bool:
    """The person leaves the study: from this moment no export holds them. False if they were not in it."""
    return bool(
        Agreement.objects.filter(participant__study=study, person=person, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
    )


RESEARCHER_DAYS = 90  # the default period of a researcher's access, renewed by the operator if the study goes on
RESEARCHER_DAYS_MOST = 366


@transaction.atomic
def researcher_grant(*, user, days: int, now: datetime) -> ResearcherAccess:
    """Let ``user`` see the studies page (counts only) for ``days`` from ``now``; granting again sets a new end."""
    from django.contrib.auth.models import Permission

    if not 1 <= days <= RESEARCHER_DAYS_MOST:
        raise ValueError(f"days must be 1 to {RESEARCHER_DAYS_MOST}")
    user.user_permissions.add(Permission.objects.get(codename="view_study_counts", content_type__app_label="research"))
    access, _ = ResearcherAccess.objects.update_or_create(
        user=user, defaults={"granted_at": now, "until": now + timedelta(days=days)}
    )
    return access


@transaction.atomic
def researcher_revoke(*, user) -> bool:
    """End ``user``'s access to the studies page at once. Whether there was any."""
    from django.contrib.auth.models import Permission

    user.user_permissions.remove(
        Permission.objects.get(codename="view_study_counts", content_type__app_label="research")
    )
    from earnedsecure.research.releases import releases_of_researcher_delete

    releases_of_researcher_delete(user=user)  # their download links stop with their access, files and all
    return ResearcherAccess.objects.filter(user=user).delete()[0] > 0
