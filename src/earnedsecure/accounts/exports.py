"""A person's own export, through a single-use link (the security checklist, item 57).

1. On the export page, after typing their password again (allauth's re-authentication), the person presses
   "Prepare my export". :func:`export_link_create` makes a random token, keeps only its SHA-256 hash with the
   owner and an expiry :data:`LINK_WORKS_FOR` away, and the answer shows the link, once. A new link replaces
   the person's earlier one, so each person has at most one.
2. Opening the link (:func:`export_download`) spends it: the row is deleted in the same transaction that builds
   the zip, so a second opening, anyone else's opening and an opening after the 15 minutes all find nothing and
   answer 404. The delete is the check: of two openings at once only one deletes the row. If building the zip
   fails, the transaction rolls back and the link still works.
3. The zip (domain/portability.py) holds the JSON document of ``services.account_export`` and one CSV per
   exported model, built in memory when the link is opened; nothing of it is stored, on disk or in the database.

The token and its hash come from core/link_tokens.py (the researcher's release link uses the same).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from earnedsecure.accounts import services
from earnedsecure.accounts.models import ExportLink, SecurityEvent
from earnedsecure.core import personal_data
from earnedsecure.core.link_tokens import new_token, token_hash
from earnedsecure.domain import portability

LINK_MINUTES = 15  # the checklist's most
LINK_WORKS_FOR = timedelta(minutes=LINK_MINUTES)


# What each table's CSV file holds, in a person's words, for the zip's README. Every exported model needs one
# (a test holds this list equal to personal_data's registry, so a new model cannot be left unexplained).
TABLE_DESCRIPTIONS = {
    "account.emailaddress": "Your email addresses, and whether each is verified",
    "accounts.consent": "What you agreed to (and when), and any agreement you took back",
    "accounts.keptform": "Forms you sent after being signed out, kept for an hour to send again",
    "accounts.securityevent": "Your security log: sign-ins, refused tries, password, email and two-step changes",
    "accounts.user": "Your account: name, email, country and time zone (never your password)",
    "assessments.changeassumption": "Your own figures for telling real change from noise in a questionnaire",
    "assessments.instrumentresponse": "Your check-ins (questionnaires): answers, scores and when",
    "assessments.safetyflag": "Answers above 'not at all' to the PHQ-9 question about thoughts of self-harm",
    "assessments.schedule": "How often you asked to be reminded of each check-in",
    "care.accesslogentry": "Each time a therapist you let in read your data: who, what and when",
    "care.grant": "Therapists you let read your data: what they may see and until when",
    "care.homework": "Tools, lessons and programs a therapist suggested to you",
    "care.therapist": "Your therapist profile, if this account is a therapist's",
    "coach.messagedraft": "Messages you drafted, their rewrites, and how they went",
    "coach.suggestionanswer": "Your answers to the coach's suggestions (fits, does not fit, not sure)",
    "coach.thoughtrecord": "Your thought records: the thought, the evidence and the balanced thought",
    "core.safetyplan": "Your safety plan",
    "diary.activation": "Your diary of activated moments: trigger, intensity, thoughts, urges and how it went",
    "diary.savouringentry": "Good moments you noted",
    "diary.toolsession": "Calming tools you used, and your distress before and after",
    "journey.lessonprogress": "Lessons you marked as read",
    "journey.pathwaystagereached": "Stages of the pathway you reached",
    "journey.programenrolment": "Programs you started or paused",
    "journey.reminder": "Reminders the app made for you",
    "journey.reminderpreference": "How and when you want reminders",
    "partners.accessrecord": "Days on which your partner was shown each thing you chose to show",
    "partners.block": "People you blocked from linking with you",
    "partners.checkin": "Your answers to the weekly check-in with your partner",
    "partners.codetry": "Codes you entered that did not link (kept for an hour, for the limit on tries)",
    "partners.emergencyreset": "Days you used Emergency Reset",
    "partners.invite": "Codes you made for a partner (only a scrambled form of each code is kept)",
    "partners.link": "Your link with a partner, and when it was made",
    "partners.patternconsent": "Whether you chose to see your pattern as a couple",
    "partners.reassurancerequest": "Reassurance you asked your partner for, and their answer",
    "partners.share": "What you chose to show your partner",
    "partners.status": "The status you chose to show",
    "partners.timeout": "Time-outs you took, and when you said you would be back",
    "partners.timeoutagreement": "The time-out agreement: the longest a time-out may last and where to meet",
    "research.agreement": "Research studies you agreed to join, and any you left",
    "research.participant": "Your place in each research study (a random code, no name)",
}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes


@transaction.atomic
def export_link_create(*, user, now: datetime | None = None) -> tuple[str, datetime]:
    """A new single-use link for ``user``'s export: (its token, to show once; when it stops working)."""
    now = now or timezone.now()
    ExportLink.objects.filter(owner=user).delete()  # one link a person: a new one replaces the last
    token, kept = new_token()
    expires_at = now + LINK_WORKS_FOR
    ExportLink.objects.create(owner=user, token_hash=kept, expires_at=expires_at)
    return token, expires_at


def export_zip(*, user, now: datetime | None = None) -> ExportFile:
    """Everything of ``user``'s as a zip: the JSON document, one CSV per exported model, and a README."""
    document = services.account_export(user=user)
    if now is not None:
        document["exported_at"] = now
    made = document["exported_at"]
    document_json = json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    # The CSV files are written from the JSON's own values, read back, so they hold exactly what it holds.
    data = json.loads(document_json)["data"]
    tables = [
        portability.Table(
            name=registration.model._meta.label_lower,
            description=TABLE_DESCRIPTIONS[registration.model._meta.label_lower],
            columns=personal_data.export_columns(registration),
            rows=data[registration.model._meta.label_lower],
        )
        for registration in personal_data.registrations()
    ]
    folder = f"notebook-export-{made:%Y%m%d-%H%M}"
    content = portability.export_zip(
        folder=folder, document_json=document_json, exported_at=f"{made:%d %b %Y, %H:%M} UTC", tables=tables
    )
    return ExportFile(filename=f"{folder}.zip", content=content)


@transaction.atomic
def export_download(*, user, token: str, now: datetime | None = None) -> ExportFile | None:
    """Spend ``user``'s link with this token and give the zip; None if there is no such link (used, someone
    else's, expired or never made). The download is noted on the person's security log."""
    now = now or timezone.now()
    spent, _ = ExportLink.objects.filter(owner=user, token_hash=token_hash(token), expires_at__gt=now).delete()
    if not spent:
        return None
    export = export_zip(user=user, now=now)
    services.security_event_record(user=user, kind=SecurityEvent.Kind.EXPORTED)
    return export


def export_links_expire(*, now: datetime) -> int:
    """Forget everyone's export links that stopped working before ``now`` (the daily retention purge)."""
    return ExportLink.objects.filter(expires_at__lte=now).delete()[0]
