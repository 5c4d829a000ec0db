"""A check-in page's radio buttons: written in one pass, the same HTML as Django's RadioSelect."""

import pytest
from django import forms

from earnedsecure.assessments.forms import field_name, page_form
from earnedsecure.domain.instruments import get_instrument


def _radios(form) -> list[str]:
    return [str(radio.tag()) + radio.choice_label + radio.id_for_label for field in form for radio in field]


@pytest.mark.parametrize("slug", ["ecr-r", "phq-9"])
def test_the_radios_are_what_django_writes(slug, monkeypatch):
    instrument = get_instrument(slug)
    items = instrument.items[:6]
    chosen = {field_name(items[0]): instrument.options[-1].value, field_name(items[2]): instrument.options[0].value}
    ours = [
        _radios(page_form(instrument, items)),
        _radios(page_form(instrument, items, initial=chosen)),
        _radios(page_form(instrument, items, data={k: str(v) for k, v in chosen.items()})),
    ]
    monkeypatch.setattr("earnedsecure.assessments.forms.OnePassRadioSelect", forms.RadioSelect)
    djangos = [
        _radios(page_form(instrument, items)),
        _radios(page_form(instrument, items, initial=chosen)),
        _radios(page_form(instrument, items, data={k: str(v) for k, v in chosen.items()})),
    ]
    assert ours == djangos
    assert sum(" checked" in radio for radio in ours[1]) == 2
