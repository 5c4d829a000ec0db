"""Every instrument the project can administer, by slug.

An operator may switch an instrument off (the ECR-R and ECR-RS need the authors' permission for commercial
use); that choice lives in the app's settings, not here: the registry only says what exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .definitions import Instrument, UnknownInstrument
from .ecr_r import ECR_R
from .ecr_rs import ECR_RS_FATHER, ECR_RS_FRIEND, ECR_RS_MOTHER, ECR_RS_ROMANTIC
from .phq_gad import GAD_7, PHQ_9

REGISTRY: Mapping[str, Instrument] = MappingProxyType(
    {
        instrument.slug: instrument
        for instrument in (
            ECR_R,
            ECR_RS_ROMANTIC,
            ECR_RS_MOTHER,
            ECR_RS_FATHER,
            ECR_RS_FRIEND,
            PHQ_9,
            GAD_7,
        )
    }
)


def get_instrument(slug: str) -> Instrument:
    """The instrument registered under ``slug``; raises ``UnknownInstrument`` naming the known slugs."""
    try:
        return REGISTRY[slug]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise UnknownInstrument(f"No instrument {slug!r}. Known instruments: {known}.") from None
