"""The words of the anxious cycle, written once: what sets it off, the protest urges, what the person did,
whether a protest "worked", the soothing tools, the practices lessons point to, and when to ask what happened.

Source: the mission report, ``shared/mission/anxious-attachment-report.txt``:

* "The Self-Amplifying Mechanism": threat detection triggers distress, distress drives proximity seeking,
  which sometimes succeeds (partial reinforcement) and so repeats. The diary records each turn of it: the
  trigger, the urges, the response and, for a protest, whether it got the reassurance it sought.
* "Triggers and Activation Patterns": the four triggers (attachment figure unavailability, perception of
  threat, frustration of needs, uncertainty and ambiguity).
* "Common Protest Behaviors" and "Why Protest Behaviors Backfire": the six protest behaviours, what each looks
  like and why it costs more than it gains; a seventh, checking up on a partner (asking for their location,
  proof or passwords), from "Mutual Hypervigilance" and "Exposure to Uncertainty"; "For Partners ... Understand Protest Behaviors" gives the need
  under each one.
* "Communication Strategies" ("Replace protest behaviors with direct communication") and "Building
  Self-Regulation Skills" ("Practice Self-Soothing": 4-7-8 breathing, progressive muscle relaxation, 5-4-3-2-1
  grounding, self-compassion practices): the responses other than protest, and the tools.
* "Challenge Catastrophic Thoughts" ("Reality-check: In the past when I've felt this way, what actually
  happened?"): the follow-up that asks, hours later, what actually happened.

Each term has a ``key``, stored in the database and sent through the API, which never changes (renaming one
would need a data migration); a ``slug`` for URLs; and a ``label``, the words people read. Django choices, the
API's allowed values, labels on pages and tool URLs are all derived from the tables below.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, TypeVar

from earnedsecure.domain.instruments.ecr_r import ECR_R


@dataclass(frozen=True)
class Term:
    """One word of the vocabulary: its stored key, its URL slug and its label."""

    key: str
    slug: str
    label: str


@dataclass(frozen=True)
class Trigger(Term):
    """A kind of moment that switches the cycle on ("Triggers and Activation Patterns")."""


@dataclass(frozen=True)
class ProtestBehaviour(Term):
    """A protest behaviour: an indirect bid to restore closeness ("Common Protest Behaviors").

    ``label`` names it; ``urge`` is how the diary asks about it ("What do I feel the urge to do?");
    ``explanation`` says what it looks like, after the report; ``why_it_backfires`` summarises "Why Protest
    Behaviors Backfire"; ``underlying_need`` is the need it carries ("Understand Protest Behaviors");
    ``likely_feeling`` prefills the feeling of the direct message that can replace it.
    """

    urge: str
    explanation: str
    why_it_backfires: str
    underlying_need: str
    likely_feeling: str


@dataclass(frozen=True)
class Response(Term):
    """What the person did once activated. ``offer`` is how the "I'm activated" flow offers it as a choice;
    ``short_label`` names it in a chart legend."""

    offer: str
    short_label: str


@dataclass(frozen=True)
class ProtestResult(Term):
    """Whether a protest got the reassurance it sought: the partial reinforcement that keeps the cycle going."""


@dataclass(frozen=True)
class SoothingTool(Term):
    """A self-soothing tool with a page of its own ("Practice Self-Soothing")."""

    summary: str
    minutes: str


@dataclass(frozen=True)
class Practice(Term):
    """Something a lesson or a program week asks the person to do, named by its key in the content files.

    It opens either a soothing tool (``tool``) or another page of the app, named by its URL name (``page``,
    with ``page_args``). The key is already in slug form, so the slug is the key.
    """

    tool: SoothingTool | None = None
    page: str = ""
    page_args: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.tool is None) == (not self.page):
            raise ValueError(f"practice {self.key!r} opens either a tool or a page")


@dataclass(frozen=True)
class FollowUpWindow:
    """When to ask "what actually happened?" about an activation ("Challenge Catastrophic Thoughts").

    Not before ``opens_after`` (the moment has to have played out) and not after ``closes_after`` (by then the
    answer is a guess, and an old question only nags).
    """

    opens_after: timedelta
    closes_after: timedelta


T = TypeVar("T", bound=Term)


class Vocabulary(Generic[T]):
    """Terms in the order people see them, looked up by key or by slug. Keys and slugs are unique."""

    def __init__(self, *terms: T) -> None:
        self._terms = terms
        self._by_key = {term.key: term for term in terms}
        self._by_slug = {term.slug: term for term in terms}
        if len(self._by_key) != len(terms) or len(self._by_slug) != len(terms):
            raise ValueError(f"keys and slugs must be unique: {[term.key for term in terms]}")

    def __iter__(self) -> Iterator[T]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._by_key)

    def get(self, key: str) -> T:
        """The term stored as ``key``; ``KeyError`` if there is none."""
        return self._by_key[key]

    def by_slug(self, slug: str) -> T | None:
        return self._by_slug.get(slug)


TRIGGERS: Vocabulary[Trigger] = Vocabulary(
    # "Attachment Figure Unavailability"
    Trigger(key="unavailable", slug="unavailable", label="They seemed unavailable or distant"),
    # "Perception of Threat"
    Trigger(key="threat", slug="threat", label="Something felt like a threat to us"),
    # "Frustration of Needs"
    Trigger(key="need_unmet", slug="need-unmet", label="I reached out and it wasn't met"),
    # "Uncertainty and Ambiguity"
    Trigger(key="uncertainty", slug="uncertainty", label="Not knowing where I stand"),
    Trigger(key="other", slug="other", label="Something else"),
)

PROTEST_BEHAVIOURS: Vocabulary[ProtestBehaviour] = Vocabulary(
    ProtestBehaviour(
        key="testing",
        slug="testing",
        label="Testing the relationship",
        urge="Testing them or picking a fight",
        explanation="Picking a fight, a provocative remark (“You didn't text me all day, you're obviously "
        "pulling away!”) or a made-up problem, to see how committed they are.",
        why_it_backfires="Accusations and 'you always / you never' put your partner on trial instead of telling "
        "them what you need; they tend to defend themselves or back off, and any reassurance you win feels forced.",
        underlying_need="to feel connected and sure of where you stand",
        likely_feeling="insecure",
    ),
    ProtestBehaviour(
        key="threats",
        slug="threats",
        label="Threatening to leave",
        urge="Threatening to leave",
        explanation="Saying you will end it when you don't mean it (“Well, this isn't working”), to draw out "
        "reassurance.",
        why_it_backfires="Threats you don't mean teach your partner that the relationship is always on the line; "
        "they breed resentment and can bring about the ending you fear.",
        underlying_need="to know that you matter enough to be fought for",
        likely_feeling="insecure",
    ),
    ProtestBehaviour(
        key="excessive_contact",
        slug="excessive-contact",
        label="Excessive contact",
        urge="Calling or texting again and again",
        explanation="Call after call or text after text, or going to find them, while they are unavailable or "
        "need some space.",
        why_it_backfires="A stream of calls and texts while someone is unavailable tends to feel smothering, so "
        "they pull further away; and when a reply does come it rewards the pattern and makes it a habit.",
        underlying_need="to know they are there",
        likely_feeling="anxious",
    ),
    ProtestBehaviour(
        key="jealousy_induction",
        slug="jealousy-induction",
        label="Trying to make them jealous",
        urge="Trying to make them jealous",
        explanation="Flirting with someone else, mentioning an ex or pointing out another person's interest, "
        "so that they come after you.",
        why_it_backfires="Stirring jealousy may get a quick reaction, but it wears down trust and turns closeness "
        "into a contest, while the real need stays unspoken.",
        underlying_need="to feel that you are enough for them",
        likely_feeling="insecure",
    ),
    ProtestBehaviour(
        key="withdrawal",
        slug="withdrawal",
        label="Withdrawing affection",
        urge="Going cold or withholding affection",
        explanation="Holding back love, affection or contact to see whether they will chase you or reassure you.",
        why_it_backfires="Going cold to see whether they will chase you punishes you both; a partner who misses "
        "the signal may simply give you the distance, which seems to confirm the fear.",
        underlying_need="to be noticed and missed",
        likely_feeling="hurt",
    ),
    ProtestBehaviour(
        key="exaggerated_emotion",
        slug="exaggerated-emotion",
        label="Dramatic displays of feeling",
        urge="Showing more distress than I felt, to be comforted",
        explanation="Sobbing, rage or distress shown at full volume so that they will comfort you and take care "
        "of you.",
        why_it_backfires="Showing distress at full volume can bring comfort once, but repeated drama wears a "
        "partner out and drowns the one thing you need to say.",
        underlying_need="comfort and attention right now",
        likely_feeling="overwhelmed",
    ),
    # Checking and monitoring: the report's "Mutual Hypervigilance" (watching a partner for signs of rejection)
    # acted out, and the opposite of its "Exposure to Uncertainty" (tolerating not knowing a partner's
    # thoughts or location). Repeated, it shades into the monitoring the risk-and-abuse reference (2.8) lists
    # under coercive control, which is why it backfires is said plainly.
    ProtestBehaviour(
        key="monitoring",
        slug="monitoring",
        label="Checking up on them",
        urge="Checking their phone, location or messages",
        explanation="Asking where they are and who they are with, for their location, a photo as proof, "
        "screenshots of their messages or their passwords, or checking their phone yourself.",
        why_it_backfires="Proof calms the fear for a moment, then the next gap needs checking too; being watched "
        "tells your partner they are not trusted, and demands for locations or passwords can become control "
        "that harms you both.",
        underlying_need="to feel safe when you can't see them",
        likely_feeling="afraid",
    ),
)

RESPONSES: Vocabulary[Response] = Vocabulary(
    Response(
        key="protest",
        slug="protest",
        label="A protest behaviour",
        offer="I already acted on the urge",
        short_label="Protest",
    ),
    Response(
        key="direct",
        slug="direct",
        label="Said what I felt and needed, directly",
        offer="Say what I feel and need, directly",
        short_label="Direct",
    ),
    Response(
        key="soothing",
        slug="soothing",
        label="Used a self-soothing tool",
        offer="Calm my body first: a soothing tool",
        short_label="Soothed",
    ),
    Response(
        key="waited",
        slug="waited",
        label="Waited until the urge passed",
        offer="Wait it out: start an urge timer",
        short_label="Waited",
    ),
    Response(key="other", slug="other", label="Something else", offer="Something else", short_label="Other"),
)

PROTEST_RESULTS: Vocabulary[ProtestResult] = Vocabulary(
    ProtestResult(key="worked", slug="worked", label="It got me the reassurance I wanted"),
    ProtestResult(key="backfired", slug="backfired", label="It backfired"),
    ProtestResult(key="mixed", slug="mixed", label="Some of both"),
)

BREATHING_478 = SoothingTool(
    key="breathing_478",
    slug="breathing",
    label="4-7-8 breathing",
    summary="Breathe in for 4, hold for 7, breathe out for 8. The long out-breath tells your body it is safe.",
    minutes="2 minutes",
)
URGE_SURFING = SoothingTool(
    key="urge_surfing",
    slug="urge-surfing",
    label="Urge-surfing timer",
    summary="Wait 20 minutes before acting on an urge. Urges rise, peak and pass, like a wave.",
    minutes="20 minutes",
)
GROUNDING_54321 = SoothingTool(
    key="grounding_54321",
    slug="grounding",
    label="5-4-3-2-1 grounding",
    summary="Name what you can see, touch, hear, smell and taste, to come back to the room you are in.",
    minutes="3 minutes",
)
MUSCLE_RELAXATION = SoothingTool(
    key="muscle_relaxation",
    slug="muscle-relaxation",
    label="Progressive muscle relaxation",
    summary="Tense and release one part of your body at a time, from your feet up.",
    minutes="8 minutes",
)
SELF_COMPASSION = SoothingTool(
    key="self_compassion",
    slug="self-compassion",
    label="Self-compassion break",
    summary="Three short sentences: this is hard, others feel this too, may I be kind to myself.",
    minutes="3 minutes",
)
TOOLS: Vocabulary[SoothingTool] = Vocabulary(
    BREATHING_478, GROUNDING_54321, MUSCLE_RELAXATION, SELF_COMPASSION, URGE_SURFING
)
# The tools that calm in a few minutes, offered before another request for reassurance ("Practice
# Self-Soothing": calm yourself without immediately seeking partner reassurance).
QUICK_CALMING_TOOLS: tuple[SoothingTool, ...] = (BREATHING_478, GROUNDING_54321, SELF_COMPASSION)

PRACTICES: Vocabulary[Practice] = Vocabulary(
    Practice(key="breathing-478", slug="breathing-478", label="Try 4-7-8 breathing", tool=BREATHING_478),
    Practice(key="grounding-54321", slug="grounding-54321", label="Try 5-4-3-2-1 grounding", tool=GROUNDING_54321),
    Practice(key="muscle-relaxation", slug="muscle-relaxation", label="Try muscle relaxation", tool=MUSCLE_RELAXATION),
    Practice(
        key="self-compassion", slug="self-compassion", label="Try the self-compassion break", tool=SELF_COMPASSION
    ),
    Practice(key="urge-timer", slug="urge-timer", label="Open the urge timer", tool=URGE_SURFING),
    Practice(key="activation", slug="activation", label="Open “I’m activated”", page="diary:activated"),
    Practice(key="diary", slug="diary", label="Open your diary", page="diary:index"),
    Practice(key="thought-record", slug="thought-record", label="Start a thought record", page="coach:thought_new"),
    Practice(key="message-coach", slug="message-coach", label="Draft a message", page="coach:message_new"),
    Practice(key="savouring", slug="savouring", label="Note a good moment", page="diary:savouring_new"),
    Practice(
        key="assessment-ecr-r",
        slug="assessment-ecr-r",
        label=f"Answer “{ECR_R.title}”",  # the everyday title, as on the check-ins page, not the acronym
        page="assessments:take",
        page_args=("ecr-r",),
    ),
)

# Ask "what actually happened?" once a few hours have passed, and stop asking after two weeks.
FOLLOW_UP = FollowUpWindow(opens_after=timedelta(hours=3), closes_after=timedelta(days=14))
