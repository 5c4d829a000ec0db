"""Reads of studies: a person's own place in each, the counts a researcher sees, and who an export may hold.

Only research reads its tables. Nothing here returns another person's rows to a page: the researcher's view is
counts per study and version, never a participant.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q

from earnedsecure.accounts.selectors import consenting_owner_ids
from earnedsecure.research.models import Agreement, ConsentText, ExportRecord, Participant, ResearcherAccess, Study


class State:
    NOT_JOINED = "not_joined"
    IN = "in"
    AGREE_AGAIN = "agree_again"  # agreed to an older version of the text; left out of exports until they agree
    LEFT = "left"


@dataclass(frozen=True)
class StudyRow:
    study: Study
    text: ConsentText | None
    state: str
    agreed_version: int | None = None
    agreed_at: datetime | None = None
    left_at: datetime | None = None


def current_text(*, study: Study) -> ConsentText | None:
    """The study's newest consent text (the one people agree to now), or None before one is published."""
    return study.consent_texts.order_by("-version").first()


def study_for_person(*, slug: str) -> Study:
    """An open study by slug, or any study the person may need to leave; raises Study.DoesNotExist."""
    return Study.objects.get(slug=slug)


def studies_for_person(*, person) -> list[StudyRow]:
    """Every open study, and every study the person is or was in (even closed), with where they stand."""
    mine = {
        participant.study_id: participant
        for participant in Participant.objects.filter(person=person).prefetch_related("agreements")
    }
    rows = []
    for study in Study.objects.filter(Q(is_open=True) | Q(pk__in=mine.keys())).prefetch_related("consent_texts"):
        texts = sorted(study.consent_texts.all(), key=lambda t: t.version, reverse=True)
        text = texts[0] if texts else None
        participant = mine.get(study.pk)
        if participant is None:
            if text is not None:
                rows.append(StudyRow(study, text, State.NOT_JOINED))
            continue
        agreements = sorted(participant.agreements.all(), key=lambda a: a.agreed_at, reverse=True)
        open_agreement = next((a for a in agreements if a.withdrawn_at is None), None)
        if open_agreement is None:
            left = agreements[0].withdrawn_at if agreements else None
            rows.append(StudyRow(study, text, State.LEFT, left_at=left))
            continue
        state = State.IN if text is not None and open_agreement.version == text.version else State.AGREE_AGAIN
        rows.append(StudyRow(study, text, state, open_agreement.version, open_agreement.agreed_at))
    return rows


def participant_of(*, study: Study, person) -> Participant | None:
    return Participant.objects.filter(study=study, person=person).first()


def releasable(*, study: Study, version: int):
    """The study's participants an export may hold now: an open agreement to the current text, and the app's own
    consent still given (someone who withdrew it has asked the app to stop processing what they entered)."""
    return Participant.objects.filter(
        Exists(Agreement.objects.filter(participant=OuterRef("pk"), version=version, withdrawn_at__isnull=True)),
        study=study,
        person_id__in=consenting_owner_ids(purpose="core"),
    )


@dataclass(frozen=True)
class StudyCounts:
    study: Study
    versions: list[ConsentText]
    joined: int  # an open agreement to the current text
    agree_again: int  # an open agreement to an older text
    withdrawn: int  # no open agreement
    exports: int
    last_export: datetime | None


def study_counts() -> list[StudyCounts]:
    """For the researcher page: each study's consent versions and how many people stand where. No one's rows."""
    rows = []
    for study in Study.objects.prefetch_related("consent_texts").annotate(export_count=Count("exports", distinct=True)):
        versions = sorted(study.consent_texts.all(), key=lambda t: t.version, reverse=True)
        current = versions[0].version if versions else None
        participants = Participant.objects.filter(study=study)
        open_agreements = Agreement.objects.filter(participant=OuterRef("pk"), withdrawn_at__isnull=True)
        joined = participants.filter(Exists(open_agreements.filter(version=current))).count()
        open_any = participants.filter(Exists(open_agreements)).count()
        last = ExportRecord.objects.filter(study=study).order_by("-started_at").values_list("started_at", flat=True)
        rows.append(
            StudyCounts(
                study=study,
                versions=versions,
                joined=joined,
                agree_again=open_any - joined,
                withdrawn=participants.count() - open_any,
                exports=study.export_count,
                last_export=last.first(),
            )
        )
    return rows


def researcher_access_live(*, user, now: datetime) -> bool:
    """Whether ``user``'s time-boxed access to the studies page still runs (research.ResearcherAccess)."""
    return ResearcherAccess.objects.filter(user=user, until__gt=now).exists()
