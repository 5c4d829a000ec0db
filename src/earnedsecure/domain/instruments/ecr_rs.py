"""ECR-RS: the Relationship Structures questionnaire, one block of nine items per relationship target.

Fraley, R. C., Heffernan, M. E., Vicary, A. M., & Brumbaugh, C. C. (2011). The Experiences in Close
Relationships-Relationship Structures questionnaire: A method for assessing attachment orientations across
relationships. Psychological Assessment, 23(3), 615-625. doi:10.1037/a0022898

The same nine items are asked about each target (romantic partner, mother or mother-like figure, father or
father-like figure, best friend), answered 1-7. Avoidance = mean of items 1-6 with 1, 2, 3 and 4 reversed
(8 - x); anxiety = mean of items 7-9. Each target is its own ``Instrument`` because a score only means
something for the relationship it was asked about, and scores for two targets must never be averaged.

The item wording is copied verbatim from the project reference (shared/reference/instrument-items.md).
That reference fixes the scale as 1-7 but not the label of each point, so the ECR-R's seven agreement
labels are reused; the instructions are the project's own sentence naming the target, because the
reference does not give the form's instructions.
"""

from __future__ import annotations

from .definitions import Instrument, Item, ScoringRule, Subscale
from .ecr_r import AGREEMENT_OPTIONS, ATTACHMENT_TERMS

_ANX = "anxiety"
_AVO = "avoidance"

_ITEMS: tuple[tuple[str, str, str, bool], ...] = (
    ("ecrrs.avo.turn_to_in_need", "It helps to turn to this person in times of need.", _AVO, True),
    (
        "ecrrs.avo.discuss_problems",
        "I usually discuss my problems and concerns with this person.",
        _AVO,
        True,
    ),
    ("ecrrs.avo.talk_things_over", "I talk things over with this person.", _AVO, True),
    ("ecrrs.avo.easy_to_depend", "I find it easy to depend on this person.", _AVO, True),
    (
        "ecrrs.avo.uncomfortable_opening_up",
        "I don't feel comfortable opening up to this person.",
        _AVO,
        False,
    ),
    (
        "ecrrs.avo.prefer_not_show_feelings",
        "I prefer not to show this person how I feel deep down.",
        _AVO,
        False,
    ),
    (
        "ecrrs.anx.worry_not_cared_for",
        "I often worry that this person does not really care for me.",
        _ANX,
        False,
    ),
    ("ecrrs.anx.afraid_of_abandonment", "I'm afraid that this person may abandon me.", _ANX, False),
    (
        "ecrrs.anx.worry_cares_less",
        "I worry that this person won't care about me as much as I care about them.",
        _ANX,
        False,
    ),
)

# slug suffix -> (target key, target as named in the reference)
# slug suffix -> the person asked about, in everyday words (for titles: "How you feel with ...")
EVERYDAY_TARGETS: dict[str, str] = {
    "": "your partner",
    "-mother": "your mother (or a mother figure)",
    "-father": "your father (or a father figure)",
    "-friend": "your best friend",
}

TARGETS: dict[str, tuple[str, str]] = {
    "": ("romantic", "romantic partner"),
    "-mother": ("mother", "mother or mother-like figure"),
    "-father": ("father", "father or father-like figure"),
    "-friend": ("friend", "best friend"),
}


def _ecr_rs(suffix: str) -> Instrument:
    target, target_label = TARGETS[suffix]
    slug = f"ecr-rs{suffix}"
    return Instrument(
        slug=slug,
        name=f"Experiences in Close Relationships-Relationship Structures ({target_label})",
        short_name=f"ECR-RS ({target_label})",
        version="1",
        citation=(
            "Fraley, R. C., Heffernan, M. E., Vicary, A. M., & Brumbaugh, C. C. (2011). The Experiences in "
            "Close Relationships-Relationship Structures questionnaire: A method for assessing attachment "
            "orientations across relationships. Psychological Assessment, 23(3), 615-625."
        ),
        doi="10.1037/a0022898",
        source_url="https://internal.psychology.illinois.edu/~rcfraley/measures/relstructures.htm",
        terms=ATTACHMENT_TERMS,
        copyright=None,
        instructions=(
            f"Please answer the following questions about your {target_label}. "
            "Indicate how much you agree or disagree with each statement."
        ),
        stem=None,
        options=AGREEMENT_OPTIONS,
        items=tuple(
            Item(id=item_id, number=number, text=text, subscale=subscale, reverse=reverse)
            for number, (item_id, text, subscale, reverse) in enumerate(_ITEMS, start=1)
        ),
        # Avoidance first: it is items 1-6 in the published order.
        subscales=(
            Subscale(key=_AVO, name="Attachment avoidance", code=f"{slug}-avoidance"),
            Subscale(key=_ANX, name="Attachment anxiety", code=f"{slug}-anxiety"),
        ),
        scoring=ScoringRule.MEAN,
        commercial_use_restricted=True,
        target=target,
        title=f"How you feel with {EVERYDAY_TARGETS[suffix]}",
        asks=(
            f"About one particular person, {EVERYDAY_TARGETS[suffix]}: how easily you open up to them and lean "
            "on them, and how much you worry they care less than you do."
        ),
    )


ECR_RS_ROMANTIC = _ecr_rs("")
ECR_RS_MOTHER = _ecr_rs("-mother")
ECR_RS_FATHER = _ecr_rs("-father")
ECR_RS_FRIEND = _ecr_rs("-friend")
