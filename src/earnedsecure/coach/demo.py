"""The demo person's thought records and message drafts: a story of the cycle loosening over the months.

Early on, the thoughts are full of mind reading, catastrophising and fortune telling, the feeling eases only
a little, and the messages are protest behaviours (testing, threats, excessive contact) that the person
rewrites with the coach. Later the traps are fewer, the feeling starts lower and eases further, and most
messages are plain and kind, sent as they are. Records link to the diary's demo activations with the same
kind of trigger where there is one nearby, so the reality check has something to show.
"""

from datetime import timedelta

from earnedsecure.coach.models import MessageDraft, SuggestionAnswer, ThoughtRecord

# (trigger, situation, thought, emotion, before, after, confirmed traps, evidence for, evidence against, balanced)
THOUGHTS = [
    (
        "unavailable",
        "Sent Alex a message at lunch. No reply by six.",
        "He's pulling away from me. If he cared he would have replied by now.",
        "scared",
        8,
        6,
        ["mind_reading", "all_or_nothing"],
        "He's been quieter all week.",
        "Tuesday was his big deadline; he told me so. Yesterday he replied within the hour.",
        "He's busy with the deadline, which doesn't mean he doesn't care. I'll ask how it went tonight.",
    ),
    (
        "unavailable",
        "Alex said he needed a quiet night on his own.",
        "This is the beginning of the end. He's going to leave me, like everyone always does.",
        "panicky",
        9,
        6,
        ["catastrophizing", "fortune_telling", "overgeneralizing"],
        "My last relationship started ending with 'I need space'.",
        "Alex isn't my ex. He asked to see me on Friday in the same message.",
        "Needing a night alone is normal. He made a plan to see me, which is the opposite of leaving.",
    ),
    (
        "threat",
        "At dinner Alex laughed at a message from someone at work.",
        "He'd rather be talking to someone more interesting than me.",
        "jealous",
        7,
        5,
        ["mind_reading", "comparing"],
        "He was on his phone for a few minutes.",
        "He showed me the message afterwards; it was a joke about his manager. He asked about my week.",
        "A funny message from a colleague isn't a verdict on me.",
    ),
    (
        "uncertainty",
        "No good-morning text today.",
        "Something's wrong. He's annoyed with me and won't say it.",
        "anxious",
        8,
        5,
        ["mind_reading", "fortune_telling"],
        "We had a small disagreement about the weekend.",
        "We sorted the weekend out and he said goodnight with a heart. He sleeps through his alarm a lot.",
        "I don't know why there was no text. Most likely he overslept. I can just say good morning myself.",
    ),
    (
        "need_unmet",
        "Saturday plans got moved to Sunday because of Alex's sister.",
        "I'm always the one who gets pushed aside.",
        "hurt",
        6,
        3,
        ["overgeneralizing", "personalizing"],
        "This is the second time this month plans have moved.",
        "Both times it was family. Last weekend he cancelled drinks with friends to see me.",
        "Plans moved once for a good reason. I can say I was disappointed without making it a trial.",
    ),
    (
        "threat",
        "Alex was short with me on the phone after work.",
        "I must have done something wrong.",
        "guilty",
        6,
        3,
        ["personalizing"],
        "He didn't ask how my day was.",
        "He'd had a long day with a difficult client, and said so later.",
        "His mood is about his day, not a judgement on me.",
    ),
    (
        "uncertainty",
        "I asked about meeting Alex's parents. He said 'maybe in the spring'.",
        "He'll never be serious about me.",
        "sad",
        7,
        4,
        ["fortune_telling", "all_or_nothing"],
        "He didn't give a date.",
        "His parents live abroad and 'spring' is when they visit. He introduced me to his friends.",
        "'Not yet' isn't 'never'. I can ask what spring would look like.",
    ),
    (
        "need_unmet",
        "Alex went to a friend's birthday without me.",
        "I feel left out, so I must not matter to him.",
        "left out",
        6,
        3,
        ["emotional_reasoning"],
        "I wasn't invited.",
        "It was a small dinner for old school friends; partners weren't invited. He texted me a photo.",
        "Feeling left out is real, and it isn't proof that I don't matter.",
    ),
    (
        "unavailable",
        "No reply for three hours while Alex was on a work trip.",
        "There's the old 'he's pulling away' story again.",
        "uneasy",
        4,
        2,
        [],
        "",
        "He's in meetings all day; he said he'd call at nine, and he usually does.",
        "I noticed the story without believing it. I'll go for a walk and wait for the call.",
    ),
    (
        "threat",
        "We disagreed about where to go on holiday.",
        "A disagreement doesn't mean we're breaking up, but it still stings.",
        "disappointed",
        4,
        2,
        [],
        "",
        "We talked it through and both gave a little.",
        "Couples disagree. We handled it well.",
    ),
    (
        "need_unmet",
        "Alex forgot to call at the time he said.",
        "I should be over this by now. Why does it still get to me?",
        "frustrated",
        5,
        2,
        ["should_statements"],
        "It still hurt for a bit.",
        "It passed in twenty minutes this time. A few months ago it would have taken the whole evening.",
        "Progress isn't never feeling it; it's coming back faster. And he called an hour later to apologise.",
    ),
    (
        "uncertainty",
        "A quiet evening, both of us on our phones.",
        "Maybe he's bored of me. Or maybe we're both just tired.",
        "unsure",
        3,
        1,
        [],
        "",
        "We'd both had long weeks. He put his feet on my lap.",
        "We're tired, and comfortable. Quiet can be safe.",
    ),
]

# (draft, final text, outcome, waited first): early protest, later plain and kind.
MESSAGES = [
    (
        "You didn't text me all day - you're obviously pulling away!",
        "I notice I'm feeling anxious when I don't hear from you all day. I know you're busy at work, and I'm "
        "working on managing this feeling. Would you be willing to send a quick text at lunch?",
        "sent_rewritten",
        False,
    ),
    (
        "Fine. Clearly I'm not a priority. Maybe we should just stop seeing each other.",
        "I'm feeling hurt that our plans changed again. I know work is unpredictable for you right now. Can we "
        "pick one evening this week that's just ours?",
        "sent_rewritten",
        False,
    ),
    (
        "Why aren't you answering??? Call me. Call me now. I've called you five times.",
        "",
        "not_sent",
        True,
    ),
    (
        "Had a great night at Sam's party, Jordan wouldn't stop flirting with me lol",
        "",
        "not_sent",
        False,
    ),
    (
        "You obviously don't care about me, so I won't bother you anymore.",
        "I'm feeling insecure about us and need some reassurance. Can we talk about how we're doing tonight?",
        "sent_rewritten",
        True,
    ),
    (
        "Do you still love me? You seemed distant tonight.",
        "I'm feeling a bit insecure tonight and could use some reassurance. Can we have a cuddle and talk?",
        "sent_rewritten",
        False,
    ),
    (
        "I'm hurt by what happened at dinner and need some time to process. Let's talk tomorrow evening?",
        "I'm hurt by what happened at dinner and need some time to process. Let's talk tomorrow evening?",
        "sent_as_is",
        False,
    ),
    (
        "Hope the presentation went well! Want to get takeaway tonight?",
        "Hope the presentation went well! Want to get takeaway tonight?",
        "sent_as_is",
        False,
    ),
    (
        "I noticed I got anxious when I didn't hear from you today. No rush, but a quick text when you're free "
        "would help.",
        "I noticed I got anxious when I didn't hear from you today. No rush, but a quick text when you're free "
        "would help.",
        "sent_as_is",
        False,
    ),
    (
        "Thank you for calling when you said you would. It really helped.",
        "Thank you for calling when you said you would. It really helped.",
        "sent_as_is",
        False,
    ),
]


def _spread(count: int, *, months: int, rng, now):
    """``count`` moments from the start of the history to a few days ago, oldest first."""
    first_day = max(months * 30 - 6, count + 2)
    return [
        now - timedelta(days=first_day * (1 - i / count) + 2, hours=rng.randint(0, 10), minutes=rng.randint(0, 59))
        for i in range(count)
    ]


def seed(*, user, months, rng, now):
    from earnedsecure.coach import analysis
    from earnedsecure.coach.services import answers_to, suggestions_from
    from earnedsecure.diary.selectors import activation_list

    activations = list(activation_list(user=user).values_list("id", "occurred_at", "trigger"))
    used: set[int] = set()

    records = []
    answers = []
    for when, story in zip(_spread(len(THOUGHTS), months=months, rng=rng, now=now), THOUGHTS, strict=True):
        trigger, situation, thought, emotion, before, after, confirmed, ev_for, ev_against, balanced = story
        suggested = suggestions_from(analysis.analyze_thought(thought))
        shown = {s["name"] for s in suggested}
        nearby = [
            (abs((at - when).total_seconds()), pk, at)
            for pk, at, kind in activations
            if kind == trigger and pk not in used and abs((at - when).days) <= 10 and at < now
        ]
        activation_id = None
        if nearby and rng.random() < 0.8:
            _, activation_id, at = min(nearby)
            used.add(activation_id)
            when = at + timedelta(minutes=rng.randint(20, 90))
        records.append(
            ThoughtRecord(
                owner=user,
                activation_id=activation_id,
                trigger=trigger,
                situation=situation,
                automatic_thought=thought,
                emotion=emotion,
                intensity_before=before,
                evidence_for=ev_for,
                evidence_against=ev_against,
                balanced_thought=balanced,
                intensity_after=after,
                created_at=min(when, now - timedelta(minutes=5)),
            )
        )
        answers.append(
            answers_to(
                owner=user,
                kind=SuggestionAnswer.Kind.TRAP,
                suggested=suggested,
                fits=confirmed,
                not_this=[name for name in shown if name not in confirmed][:1],
                now=records[-1].created_at,
            )
        )
    ThoughtRecord.objects.bulk_create(records)
    for record, rows in zip(records, answers, strict=True):
        for row in rows:
            row.thought_record = record
    SuggestionAnswer.objects.bulk_create([row for rows in answers for row in rows])

    drafts = []
    answers = []
    for when, (draft, final_text, outcome, waited) in zip(
        _spread(len(MESSAGES), months=months, rng=rng, now=now), MESSAGES, strict=True
    ):
        found = analysis.analyze_message(draft)
        # The demo person recognised the first behaviour the coach found and left the others open.
        answers.append(
            answers_to(
                owner=user,
                kind=SuggestionAnswer.Kind.PROTEST,
                suggested=found["behaviours"],
                fits=[b["name"] for b in found["behaviours"][:1]],
                not_this=[],
                now=when,
            )
        )
        drafts.append(
            MessageDraft(
                owner=user,
                draft=draft,
                behaviours=[{"name": b["name"], "evidence": b.get("evidence", "")} for b in found["behaviours"]],
                rewrite=found.get("rewrite", "") if found["behaviours"] else "",
                final_text=final_text,
                outcome=outcome,
                outcome_recorded_at=when + timedelta(hours=rng.randint(1, 20)),
                is_reassurance_request=analysis.is_reassurance_request(draft),
                waited_first=waited,
                created_at=when,
            )
        )
    MessageDraft.objects.bulk_create(drafts)
    for message, rows in zip(drafts, answers, strict=True):
        for row in rows:
            row.message_draft = message
    SuggestionAnswer.objects.bulk_create([row for rows in answers for row in rows])
