"""Validated questionnaires as declarative definitions, with one scoring engine (framework-free).

Instruments: ECR-R (Fraley, Waller & Brennan 2000, doi:10.1037/0022-3514.78.2.350); ECR-RS for a romantic
partner, mother, father and best friend (Fraley et al. 2011, doi:10.1037/a0022898); PHQ-9 (Kroenke, Spitzer
& Williams 2001, doi:10.1046/j.1525-1497.2001.016009606.x); GAD-7 (Spitzer et al. 2006,
doi:10.1001/archinte.166.10.1092). Reliable change follows Jacobson & Truax (1991). FHIR export lives in
``earnedsecure.domain.instruments.fhir``.
"""

from .definitions import (
    AnswerProblem,
    Instrument,
    InvalidAnswers,
    Item,
    ResponseOption,
    ScoringRule,
    SeverityBand,
    Subscale,
    UnknownInstrument,
)
from .prototype import PROTOTYPE_RULE, ErrorBand, Prototype, error_band, nearest_prototype
from .registry import REGISTRY, get_instrument
from .reliable_change import (
    Change,
    Direction,
    Outcome,
    RCAssumptions,
    compare,
    reliable_change_index,
    smallest_reliable_change,
)
from .scoring import Score, SubscaleScore, parse_answers, score, score_in_published_order, validate_answers

__all__ = [
    "PROTOTYPE_RULE",
    "REGISTRY",
    "AnswerProblem",
    "Change",
    "Direction",
    "ErrorBand",
    "Instrument",
    "InvalidAnswers",
    "Item",
    "Outcome",
    "Prototype",
    "RCAssumptions",
    "ResponseOption",
    "Score",
    "ScoringRule",
    "SeverityBand",
    "Subscale",
    "SubscaleScore",
    "UnknownInstrument",
    "compare",
    "error_band",
    "get_instrument",
    "nearest_prototype",
    "parse_answers",
    "reliable_change_index",
    "score",
    "score_in_published_order",
    "smallest_reliable_change",
    "validate_answers",
]
