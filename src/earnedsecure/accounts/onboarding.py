"""A new person's first steps, said once: which steps, in what order, where each one is, and the first steps
offered at the end (issue 13: sign-up, then what this is and is not, consent, country and time zone, one first
step the person chooses).

The order is kept on the account (``User.onboarding``), so a person can leave and come back to where they
were; sign-in lands there (accounts/adapter.py). The consent door (accounts/middleware.py) is the only gate:
before consent it sends a new person to their step rather than into the app. After consent nothing is
blocked; the remaining steps are offered, not forced.
"""

from dataclasses import dataclass

from django.urls import reverse

from earnedsecure.accounts.models import User
from earnedsecure.content.loader import get_lesson
from earnedsecure.domain.cycle.vocabulary import BREATHING_478
from earnedsecure.domain.instruments.registry import get_instrument

Step = User.Onboarding

# The four steps a person sees, in order, with the page of each (the consent page is the existing one).
STEP_PAGES: tuple[tuple[Step, str], ...] = (
    (Step.ABOUT, "onboarding_about"),
    (Step.CONSENT, "consent"),
    (Step.PLACE, "onboarding_place"),
    (Step.FIRST_STEP, "onboarding_first_step"),
)
ORDER: tuple[Step, ...] = (*(step for step, _ in STEP_PAGES), Step.DONE)


def is_onboarding(user) -> bool:
    """True while a signed-in person has steps left (never for an account that did not come through sign-up)."""
    return user.is_authenticated and user.onboarding != Step.DONE


def step_number(step: Step) -> int:
    """1 to 4, as the "Step N of 4" line says it."""
    return ORDER.index(step) + 1


def reached(user, step: Step) -> bool:
    """Has the person come as far as ``step``? (Back goes to earlier steps; later ones wait their turn.)"""
    return ORDER.index(Step(user.onboarding)) >= ORDER.index(step)


def step_after(step: Step) -> Step:
    return ORDER[ORDER.index(step) + 1]


def url_of(step: Step) -> str:
    pages = dict(STEP_PAGES)
    return reverse(pages[step]) if step in pages else reverse("home")


def current_url(user) -> str:
    """Where the person left off: the page of their step, or home once they are done."""
    return url_of(Step(user.onboarding))


def progress(step: Step) -> dict:
    """What the "Step N of 4" line and the Back link need, for a template."""
    number = step_number(step)
    return {
        "number": number,
        "total": len(STEP_PAGES),
        "title": step.label,
        "back_url": url_of(ORDER[number - 2]) if number > 1 else "",
    }


@dataclass(frozen=True)
class FirstStep:
    """One of the first steps offered at the end: the person picks one and goes straight to it."""

    key: str
    title: str
    text: str
    url: str


# What each first step is comes from its own one definition (the check-in's items, the lesson's title and
# length, the tool's label and summary), so this page cannot drift from the pages it leads to.
CHECK_IN = "ecr-r"
LESSON = "what-is-anxious-attachment"
TOOL = BREATHING_478


def first_steps() -> tuple[FirstStep, ...]:
    """The choices at step 4, in the order shown: a check-in, a lesson, a tool, or a look around."""
    check_in = get_instrument(CHECK_IN)
    lesson = get_lesson(LESSON)
    return (
        FirstStep(
            key="check_in",
            title="How you feel in close relationships",
            text=f"A private check-in: {len(check_in.items)} short statements about closeness and worry, "
            "each answered on a scale. It gives you a starting point to look back on later.",
            url=reverse("assessments:take", args=[check_in.slug]),
        ),
        FirstStep(
            key="lesson",
            title=lesson.title,
            text=f"A {lesson.minutes}-minute read. {lesson.summary}",
            url=reverse("journey:lesson", args=[lesson.slug]),
        ),
        FirstStep(
            key="tool",
            title=TOOL.label,
            text=f"A calming tool for right now. {TOOL.summary}",
            url=reverse("diary:tool", args=[TOOL.slug]),
        ),
        FirstStep(
            key="look_around",
            title="I'll look around first",
            text="Go to your home page and find your own way in.",
            url=reverse("home"),
        ),
    )
