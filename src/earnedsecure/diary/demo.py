"""The demo person's diary: months of activations, tool sessions and good moments that tell a story.

Early weeks: four to six activations a week at intensity 6-9, mostly protest behaviours, recovery taking
many hours to more than a day. Later: one or two a week, intensity 3-5, direct words or soothing first,
calm again within minutes to an hour. A setback around the fourth month (a stressful stretch at work and
a partner away) brings the old pattern back for a while, as the report says it will ("Progress is
Non-Linear"). Breathing and urge surfing help this person most; grounding helps less.
"""

import math
from datetime import datetime, timedelta

from earnedsecure.diary.models import Activation, Protest, Response, SavouringEntry, ToolSession, Trigger

NOTES = {
    Trigger.UNAVAILABLE: [
        "Sam's partner Alex didn't answer three messages all afternoon",
        "Alex said he needed a quiet evening on his own",
        "He went out with his friends and his phone was off",
        "He was distracted all through dinner, on his laptop",
        "No goodnight text while he was away for work",
    ],
    Trigger.THREAT: [
        "He mentioned his ex had messaged him",
        "His reply was just 'ok'",
        "He laughed a lot with a colleague at the party",
        "He seemed irritated when I asked about the weekend",
    ],
    Trigger.NEED_UNMET: [
        "I told him I'd had an awful day and he changed the subject",
        "I asked for a hug and he said later",
        "I asked if we could talk tonight and he said he was too tired",
    ],
    Trigger.UNCERTAINTY: [
        "He hasn't said whether he's coming to my sister's birthday",
        "We talked about moving in and he went quiet",
        "Mixed signals about the holiday plans",
    ],
    Trigger.OTHER: ["A bad meeting at work and then the flat was empty", "Saw an old photo of us and spiralled"],
}
BODY = [
    "Tight chest, shallow breathing",
    "Hot face, stomach in knots",
    "Restless hands, can't sit still",
    "Lump in my throat",
    "Heart racing, jaw clenched",
    "Heavy, tired, a bit shaky",
]
THOUGHTS = [
    "He's losing interest. This is how it started last time.",
    "If he cared he would have answered by now.",
    "I'm too much for him. He'll leave.",
    "He'd rather be anywhere than with me.",
    "Something is wrong and he isn't telling me.",
    "I always ruin it by needing too much.",
    "Maybe he's busy. But what if he isn't?",
    "I feel far from him and I don't like it, but this is a feeling, not a fact.",
]
DIRECT = [
    "I noticed I got anxious when I didn't hear from you. Could you send a quick text when you're free?",
    "I'm feeling a bit insecure about us tonight. Can we have ten minutes to talk?",
    "I'm hurt about earlier and need a little time. Can we talk tomorrow evening?",
    "I'd love a hug when you're back, I've had a rough day.",
]
PROTEST_NOTES = [
    "Sent five messages in an hour",
    "Said 'fine, maybe this isn't working'",
    "Went quiet and cold all evening",
    "Picked a fight about the dishes",
    "Posted a photo from the bar to make him notice",
]
OUTCOMES = [
    "He was in a meeting and called at lunch.",
    "His phone had died. He was sorry and came home early.",
    "He said he just needed to decompress after work; we were fine by bedtime.",
    "The ex was asking about a mutual friend's wedding. Nothing more.",
    "He'd been worried about his dad and hadn't said. We talked it through.",
    "He said yes to the birthday the next morning; he'd forgotten to reply.",
    "We argued, then made up, but I felt awful about the messages.",
    "He was hurt that I'd said I wanted to end it. Took two days to feel close again.",
    "He texted from the train: 'Miss you, back at 8.'",
    "Nothing bad happened at all. He was just tired.",
    "He came over, we watched a film, it was lovely.",
    "He asked me to stop checking where he was. That stung, but he was right.",
]
MOMENTS = [
    "Alex brought me tea in bed without me asking",
    "We laughed until we cried at the terrible film",
    "He held my hand the whole walk home",
    "He remembered the name of my difficult colleague and asked how it went",
    "Cooking together on Sunday, music on, no rush",
    "He sent a photo of a dog that looked like our neighbour's",
    "He said he was proud of me for the presentation",
    "Quiet evening reading on the sofa, feet touching",
    "He fixed my bike and left a note on the saddle",
    "We planned the summer trip and he was excited",
    "He called on his lunch break just to say hi",
    "Breakfast in the garden, first warm day",
    "He hugged me when I got home and didn't let go first",
    "We made up quickly after a small disagreement and it felt easy",
    "He introduced me to his new team as 'my favourite person'",
    "Walk by the river, we talked about nothing for an hour",
    "He saved me the last slice of cake",
    "He listened to the whole story about my sister without checking his phone",
    "Dancing badly in the kitchen",
    "He asked what I needed when I was stressed, and just did it",
    "Woke up and felt calm about us, nothing special happened",
    "Board games with friends, we were a good team",
    "He texted me a song that reminded him of us",
    "Sunday market, he bought me flowers",
    "Sat on the balcony watching the rain together",
]


def _clamp(value, low, high):
    return max(low, min(high, value))


def seed(*, user, months: int, rng, now: datetime) -> None:
    days = max(months * 30, 14)
    start = now - timedelta(days=days)
    setback_from, setback_to = days * 0.55, days * 0.72  # around month four of six

    def progress(day: float) -> float:
        return _clamp(day / days, 0.0, 1.0)

    def setback(day: float) -> float:
        if setback_from <= day <= setback_to:
            middle = (setback_from + setback_to) / 2
            return 1.0 - abs(day - middle) / ((setback_to - setback_from) / 2) * 0.5
        return 0.0

    activations: list[Activation] = []
    week = 0
    while week * 7 < days:
        day0 = week * 7
        p, s = progress(day0 + 3), setback(day0 + 3)
        rate = 5.2 - 3.8 * p + 2.6 * s
        count = int(_clamp(round(rate + rng.uniform(-1.0, 1.0)), 0, 8))
        for _ in range(count):
            day = day0 + rng.uniform(0, 7)
            occurred = start + timedelta(days=day)
            occurred = occurred.replace(
                hour=rng.choice([8, 12, 13, 17, 18, 19, 20, 21, 22, 22, 23]), minute=rng.randrange(60)
            )
            if occurred > now - timedelta(hours=4):
                continue
            p, s = progress(day), setback(day)
            trigger = rng.choices(Trigger.values, weights=[5, 3, 2, 2 + 2 * s, 1])[0]
            intensity = int(_clamp(round(7.6 - 3.8 * p + 2.2 * s + rng.uniform(-1.2, 1.2)), 1, 10))
            protest_chance = _clamp(0.72 - 0.7 * p + 0.4 * s, 0.05, 0.85)
            if rng.random() < protest_chance:
                response = Response.PROTEST
            else:
                response = rng.choices(
                    [Response.DIRECT, Response.SOOTHING, Response.WAITED], weights=[2 + 3 * p, 2, 1.5]
                )[0]
            urges = sorted(set(rng.choices(Protest.values, weights=[3, 1, 5, 1, 3, 2, 2], k=rng.choice([1, 1, 2]))))
            # Recovery on a log scale: a day or more at first, tens of minutes by the end.
            log_minutes = math.log(1300) * (1 - p) + math.log(14) * p + math.log(5) * s + rng.gauss(0, 0.55)
            if response == Response.PROTEST:
                log_minutes += 0.5
            recovery = int(_clamp(math.exp(log_minutes), 3, 4 * 24 * 60))
            activation = Activation(
                owner=user,
                occurred_at=occurred,
                trigger=trigger,
                trigger_note=rng.choice(NOTES[trigger]),
                intensity=intensity,
                body_sensations=rng.choice(BODY) if rng.random() < 0.7 else "",
                thought=rng.choice(THOUGHTS[:7] if p < 0.6 else THOUGHTS),
                urges=urges,
                response=response,
                response_note=rng.choice(DIRECT)
                if response == Response.DIRECT
                else rng.choice(PROTEST_NOTES)
                if response == Response.PROTEST
                else "",
                protest_result=rng.choices(["worked", "backfired", "mixed"], weights=[3, 5, 2])[0]
                if response == Response.PROTEST
                else "",
            )
            # The two most recent entries still wait for "what actually happened?".
            answered = occurred < now - timedelta(days=2) and rng.random() < 0.9
            if answered:
                activation.outcome = rng.choice(OUTCOMES)
                activation.outcome_recorded_at = occurred + timedelta(hours=rng.uniform(3, 30))
                activation.calm_at = min(occurred + timedelta(minutes=recovery), now)
                activation.recovery_minutes = int((activation.calm_at - occurred).total_seconds() // 60)
            activations.append(activation)
        week += 1
    activations.sort(key=lambda a: a.occurred_at)
    recent = [a for a in activations if a.occurred_at >= now - timedelta(days=2)]
    if not recent and activations:
        # Make sure the "close the loop" prompt has something to show.
        last = activations[-1]
        last.occurred_at = now - timedelta(hours=rng.uniform(5, 20))
        last.outcome, last.outcome_recorded_at, last.calm_at, last.recovery_minutes = "", None, None, None
    Activation.objects.bulk_create(activations)

    # ~40 tool sessions from the second month on: breathing and urge surfing help most, grounding least.
    effects = {
        "breathing_478": (3.2, 1.1),
        "urge_surfing": (3.0, 1.3),
        "muscle_relaxation": (2.0, 1.4),
        "self_compassion": (1.8, 1.3),
        "grounding_54321": (0.8, 1.2),
    }
    weights = [10, 9, 6, 5, 8]
    linked = [a for a in activations if a.response in (Response.SOOTHING, Response.WAITED)]
    sessions = []
    session_count = max(8, round(40 * months / 6))
    for i in range(session_count):
        day = days * (0.2 + 0.8 * (i + rng.random()) / session_count)
        tool = rng.choices(list(effects), weights=weights)[0]
        mean, spread = effects[tool]
        before = int(_clamp(round(rng.uniform(5, 9) - 2 * progress(day)), 2, 10))
        after = int(_clamp(round(before - rng.gauss(mean, spread)), 0, 10))
        started = start + timedelta(days=day)
        if started > now - timedelta(minutes=30):
            continue
        activation = None
        if linked and rng.random() < 0.5:
            activation = min(linked, key=lambda a: abs((a.occurred_at - started).total_seconds()))
            started = activation.occurred_at + timedelta(minutes=rng.randint(2, 15))
        sessions.append(
            ToolSession(
                owner=user,
                tool=tool,
                started_at=started,
                duration_seconds={"urge_surfing": 1200, "muscle_relaxation": 480}.get(tool, 180) + rng.randint(-30, 60),
                distress_before=before,
                distress_after=after,
                activation=activation,
            )
        )
    ToolSession.objects.bulk_create(sessions)

    # ~25 good moments, more and longer-lasting as the months go by.
    count = max(5, round(25 * months / 6))
    moments = []
    for i in range(count):
        p = (i + rng.random()) / count
        day = days * (p**0.8)
        occurred = (start + timedelta(days=day)).replace(hour=rng.choice([9, 13, 19, 20, 21]), minute=rng.randrange(60))
        if occurred > now:
            continue
        feeling = rng.choice([5, 20, 20, 60]) if p < 0.4 else rng.choice([60, 180, 180, 480, 1440])
        moments.append(
            SavouringEntry(
                owner=user,
                occurred_at=occurred,
                what_happened=MOMENTS[i % len(MOMENTS)],
                with_partner=rng.random() < 0.9,
                feeling_minutes=feeling,
                thanked_partner=rng.random() < 0.25 + 0.55 * p,
            )
        )
    SavouringEntry.objects.bulk_create(moments)
