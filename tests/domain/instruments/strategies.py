"""Hypothesis strategies for instruments and complete, valid answer sets."""

from __future__ import annotations

from hypothesis import strategies as st

from earnedsecure.domain.instruments import REGISTRY, Instrument


def answers_for(instrument: Instrument) -> st.SearchStrategy[dict[str, int]]:
    value = st.integers(instrument.min_value, instrument.max_value)
    return st.fixed_dictionaries({item.id: value for item in instrument.items})


instruments = st.sampled_from(list(REGISTRY.values()))


@st.composite
def instrument_and_answers(draw: st.DrawFn) -> tuple[Instrument, dict[str, int]]:
    instrument = draw(instruments)
    return instrument, draw(answers_for(instrument))
