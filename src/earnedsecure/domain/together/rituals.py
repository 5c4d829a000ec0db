"""The couple's rituals, written once: the weekly check-in's questions and the repair ritual's steps.

Framework-free: plain values in, plain values out.

Source: the mission report, "For Couples with Anxious Attachment Dynamics": Build Emotional Safety ("create
predictability through routines for connection like ... evening check-ins"; "show responsiveness by noticing
and responding to bids for connection") and Create Repair Rituals (pre-conflict preparation, during conflict,
after conflict). No scores, no streaks, nothing to compare: each person answers for themselves, and the answers
are theirs to show or keep.
"""

from __future__ import annotations

from dataclasses import dataclass

# The weekly check-in: (key, question, hint). The key is the column its answer is kept in.
CHECK_IN_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("went_well", "What went well between us this week?", "Something small counts: a meal, a joke, a kind message."),
    ("felt_close", "A moment I felt close to you", "When, and what made it feel close."),
    ("need_next", "Something I need next week", 'One thing, said plainly: "I\'d like us to ..."'),
)


@dataclass(frozen=True)
class RepairStep:
    title: str
    text: str
    example: str = ""


# The repair ritual, in the report's shape: before, during and after a hard conversation.
REPAIR_RITUAL: tuple[tuple[str, str, tuple[RepairStep, ...]], ...] = (
    (
        "before",
        "Before",
        (
            RepairStep(
                "Name the pattern, together",
                "A shared, light phrase for the loop you both know. The pattern lives between you: neither of you "
                "is the problem.",
                "I think we're in our chase-and-retreat thing again.",
            ),
            RepairStep(
                "Choose the time",
                "Agree when to talk about the hard thing. Not late at night, not when either of you is on the way out.",
            ),
            RepairStep(
                "Both calm first",
                "A few slow breaths, a short walk. If either of you is still flooded, it can wait.",
            ),
            RepairStep(
                "Say why you're raising it",
                "Start with what you want for the two of you.",
                "I want to talk about this because I care about us, not to have a go at you.",
            ),
        ),
    ),
    (
        "during",
        "During",
        (
            RepairStep(
                "Speak from your side",
                "Say what you felt, not what they are.",
                "I felt anxious when I didn't hear from you, and my mind ran ahead.",
            ),
            RepairStep(
                "One topic",
                "If something else comes up, note it and agree when you'll come back to it.",
            ),
            RepairStep(
                "Say back what you heard",
                "Before you answer, check you understood.",
                "So you felt left out when I made plans without asking?",
            ),
            RepairStep(
                "Pause with a return time",
                "When it gets too hot, take a time-out and say when you'll be back. A pause with a time is not "
                "leaving.",
                "I need twenty minutes, and I'm not leaving. Let's carry on at eight.",
            ),
        ),
    ),
    (
        "after",
        "After",
        (
            RepairStep(
                "Repair out loud",
                "Own your part, briefly, without a 'but'.",
                "I'm sorry I raised my voice. I was scared, and I didn't handle it well.",
            ),
            RepairStep(
                "Reconnect",
                "A hug, holding hands, sitting close: if you both want to.",
            ),
            RepairStep(
                "Sum up what you agreed",
                "So you both leave with the same understanding.",
                "So we've agreed that ...",
            ),
            RepairStep(
                "Follow through",
                "Keeping the small promises made here is what turns a talk into trust.",
            ),
        ),
    ),
)
