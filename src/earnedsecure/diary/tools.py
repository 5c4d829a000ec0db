"""The self-soothing tools the mission report names ("Building Self-Regulation Skills"), as the pages show them."""

from dataclasses import dataclass

from earnedsecure.diary.models import Tool


@dataclass(frozen=True)
class ToolInfo:
    key: str
    slug: str
    name: str
    summary: str
    minutes: str
    template: str


TOOLS = [
    ToolInfo(
        Tool.BREATHING_478,
        "breathing",
        "4-7-8 breathing",
        "Breathe in for 4, hold for 7, breathe out for 8. The long out-breath tells your body it is safe.",
        "2 minutes",
        "breathing.html",
    ),
    ToolInfo(
        Tool.URGE_SURFING,
        "urge-surfing",
        "Urge-surfing timer",
        "Wait 20 minutes before acting on an urge. Urges rise, peak and pass, like a wave.",
        "20 minutes",
        "urge_surfing.html",
    ),
    ToolInfo(
        Tool.GROUNDING_54321,
        "grounding",
        "5-4-3-2-1 grounding",
        "Name what you can see, touch, hear, smell and taste, to come back to the room you are in.",
        "3 minutes",
        "grounding.html",
    ),
    ToolInfo(
        Tool.MUSCLE_RELAXATION,
        "muscle-relaxation",
        "Progressive muscle relaxation",
        "Tense and release one part of your body at a time, from your feet up.",
        "8 minutes",
        "muscle_relaxation.html",
    ),
    ToolInfo(
        Tool.SELF_COMPASSION,
        "self-compassion",
        "Self-compassion break",
        "Three short sentences: this is hard, others feel this too, may I be kind to myself.",
        "3 minutes",
        "self_compassion.html",
    ),
]

_BY_SLUG = {info.slug: info for info in TOOLS}
_BY_KEY = {info.key: info for info in TOOLS}


def tool_by_slug(slug: str) -> ToolInfo | None:
    return _BY_SLUG.get(slug)


def tool_by_key(key: str) -> ToolInfo | None:
    return _BY_KEY.get(key)
