"""Synthetic people in a study, made in bulk, for the export tests and the memory benchmark.

Every person gets an account, the app's consent, a participant row (random code and shift, quasi-identifiers
drawn from a seeded generator) and an agreement to the study's current text; ``rows_each`` activations, check-ins
and tool sessions spread over a year. Nothing here goes through the pages: it is a population, not a walk.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from earnedsecure.accounts.models import Consent
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.diary.models import Activation, Protest, Response, Tool, ToolSession, Trigger
from earnedsecure.domain.research.deidentify import GENDERS, RELATIONSHIPS, new_date_shift, new_participant_code
from earnedsecure.research.models import Agreement, Participant, Study
from earnedsecure.research.services import consent_text_publish

COUNTRIES = ["GB"] * 8 + ["US"] * 6 + ["DE"] * 3 + ["FR", "IE", "NL", "CA", "AU", "IS", "MT", "NZ", "LU"]


@dataclass
class Made:
    people: list
    participants: list


def study_with_text(slug="attachment-change", version_text="We count how attachment anxiety changes."):
    study = Study.objects.create(
        slug=slug, title=f"Study {slug}", summary="How anxious attachment changes.", run_by="A lab"
    )
    consent_text_publish(study=study, text=version_text, now=timezone.now())
    return study


def people(n, *, seed=15, prefix="p", rows_each=0, batch=500):
    """``n`` accounts with the app's consent (no password: they never sign in)."""
    User = get_user_model()
    made = User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{i}",
                email=f"{prefix}{i}@example.com",
                password="!",
                country=random.Random(seed + i).choice(COUNTRIES),
            )
            for i in range(n)
        ],
        batch_size=batch,
    )
    made = list(User.objects.filter(username__startswith=prefix).order_by("pk")) if made[0].pk is None else made
    Consent.objects.bulk_create(
        [
            Consent(owner=u, purpose=Consent.Purpose.CORE, version=Consent.CURRENT_VERSION[Consent.Purpose.CORE])
            for u in made
        ],
        batch_size=batch,
    )
    if rows_each:
        rows(made, rows_each=rows_each, seed=seed, batch=batch)
    return made


def join(study, persons, *, seed=15, batch=500, **fixed):
    """Each person joins ``study`` at its current text, with quasi-identifiers drawn at random unless ``fixed``."""
    rng = random.Random(seed)
    version = study.consent_texts.order_by("-version").first().version
    now = timezone.now()
    participants = Participant.objects.bulk_create(
        [
            Participant(
                study=study,
                person=p,
                code=new_participant_code(),
                shift_days=new_date_shift(),
                birth_year=fixed.get("birth_year", now.year - min(80, max(18, round(rng.gauss(36, 11))))),
                country=p.country,
                gender=fixed.get("gender", rng.choice(list(GENDERS))),
                relationship=fixed.get("relationship", rng.choice(list(RELATIONSHIPS))),
                joined_at=now - timedelta(days=rng.randint(0, 400)),
            )
            for p in persons
        ],
        batch_size=batch,
    )
    if participants and participants[0].pk is None:
        participants = list(Participant.objects.filter(study=study, person__in=persons))
    Agreement.objects.bulk_create(
        [Agreement(participant=pt, person_id=pt.person_id, version=version, agreed_at=now) for pt in participants],
        batch_size=batch,
    )
    return participants


def rows(persons, *, rows_each, seed=15, batch=2000):
    """``rows_each`` activations, and a third as many check-ins and tool sessions, for each person."""
    rng = random.Random(seed)
    now = timezone.now()
    activations, check_ins, sessions = [], [], []
    for person in persons:
        for _ in range(rows_each):
            occurred = now - timedelta(days=rng.uniform(1, 365))
            recovery = rng.randint(2, 600)
            activations.append(
                Activation(
                    owner=person,
                    occurred_at=occurred,
                    trigger=rng.choice(Trigger.values),
                    intensity=rng.randint(0, 10),
                    urges=rng.sample(Protest.values, 2),
                    response=rng.choice(Response.values),
                    calm_at=occurred + timedelta(minutes=recovery),
                    recovery_minutes=recovery,
                )
            )
        for _ in range(max(1, rows_each // 3)):
            completed = now - timedelta(days=rng.uniform(1, 365))
            total = rng.randint(0, 27)
            check_ins.append(
                InstrumentResponse(
                    owner=person,
                    instrument="phq-9",
                    instrument_version="1",
                    status=InstrumentResponse.Status.COMPLETE,
                    started_at=completed,
                    completed_at=completed,
                    total=total,
                    band="minimal" if total < 5 else "mild" if total < 10 else "moderate",
                )
            )
            sessions.append(
                ToolSession(
                    owner=person,
                    tool=rng.choice(Tool.values),
                    started_at=now - timedelta(days=rng.uniform(1, 365)),
                    duration_seconds=rng.randint(30, 600),
                    distress_before=rng.randint(3, 10),
                    distress_after=rng.randint(0, 6),
                )
            )
        if len(activations) >= batch:
            Activation.objects.bulk_create(activations, batch_size=batch)
            InstrumentResponse.objects.bulk_create(check_ins, batch_size=batch)
            ToolSession.objects.bulk_create(sessions, batch_size=batch)
            activations, check_ins, sessions = [], [], []
    Activation.objects.bulk_create(activations, batch_size=batch)
    InstrumentResponse.objects.bulk_create(check_ins, batch_size=batch)
    ToolSession.objects.bulk_create(sessions, batch_size=batch)
