"""Definitions against the project reference (docs/reference/): wording, keying, LOINC codes, bands.

The wording must be verbatim, so every item of every instrument is compared, not a sample. The reference is
kept in the repository, so these tests never skip: a missing file is a failure.
"""

from __future__ import annotations

import re

import pytest

from earnedsecure.domain.instruments import REGISTRY, Instrument, get_instrument

from . import reference

SCALES = {"Anx": "anxiety", "Avo": "avoidance"}


@pytest.fixture(scope="module")
def items_md() -> dict[str, str]:
    return reference.sections(reference.ITEMS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def facts_md() -> str:
    return " ".join(reference.FACTS_FILE.read_text(encoding="utf-8").split())


def _ours(instrument: Instrument) -> list[tuple[int, str, str, bool]]:
    return [(item.number, item.text, item.subscale, item.reverse) for item in instrument.items]


@pytest.mark.parametrize("slug", ["phq-9", "gad-7"])
def test_it_has_the_reference_wording_and_loinc_codes_of_the_screeners(items_md, slug):
    instrument = get_instrument(slug)
    expected = reference.screener_items(items_md[instrument.short_name])
    assert [(i.number, i.loinc, i.text) for i in instrument.items] == [(e.number, e.loinc, e.text) for e in expected]
    assert instrument.stem == reference.quoted_after(items_md[instrument.short_name], "Stem:")
    assert all(not item.reverse for item in instrument.items)


def test_it_has_the_reference_answers_and_copyright_of_the_screeners(items_md):
    phq = items_md["PHQ-9"]
    labels = reference.answer_labels(phq)
    copyright_line = reference.quoted_after(phq, "Copyright line to keep:")
    for slug in ("phq-9", "gad-7"):
        instrument = get_instrument(slug)
        assert {o.value: o.label for o in instrument.options} == labels
        assert instrument.copyright == copyright_line


def test_it_has_the_reference_ecr_r_items_and_keying(items_md):
    section = items_md["ECR-R"]
    expected = [(e.number, e.text, SCALES[e.scale], e.reverse) for e in reference.ecr_r_items(section)]
    assert len(expected) == 36
    assert _ours(get_instrument("ecr-r")) == expected


def test_it_has_the_reference_ecr_r_instructions_and_scale(items_md):
    section = items_md["ECR-R"]
    instrument = get_instrument("ecr-r")
    assert instrument.instructions == reference.quoted_after(section, "**Instructions:**")
    scale = re.search(r"\*\*Scale:\*\* (.+?) \(scored 1", section)
    assert scale is not None
    assert [o.label for o in instrument.options] == scale.group(1).split(" / ")
    assert [o.value for o in instrument.options] == list(range(1, 8))


@pytest.mark.parametrize("slug", ["ecr-rs", "ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend"])
def test_it_has_the_reference_ecr_rs_items_and_keying_for_every_target(items_md, slug):
    expected = [(e.number, e.text, SCALES[e.scale], e.reverse) for e in reference.ecr_rs_items(items_md["ECR-RS"])]
    assert len(expected) == 9
    assert _ours(get_instrument(slug)) == expected


def test_it_offers_exactly_the_reference_ecr_rs_targets(items_md):
    line = re.search(r"Targets \(one block per target\): (.+?)\. Each", items_md["ECR-RS"])
    assert line is not None
    named = set(line.group(1).split(", "))
    ours = {REGISTRY[slug].name.rsplit("(", 1)[1].rstrip(")") for slug in REGISTRY if slug.startswith("ecr-rs")}
    assert ours == named


@pytest.mark.parametrize(
    ("slug", "pattern"),
    [
        ("phq-9", r"PHQ-9 total = sum 0-27; .*?LOINC panel (\S+); items (.+?); total (\S+)"),
        ("gad-7", r"GAD-7 total = sum 0-21; .*?LOINC panel (\S+); items (.+?); total (\S+)"),
    ],
)
def test_it_has_the_reference_panel_item_and_total_loinc_codes(facts_md, slug, pattern):
    match = re.search(pattern, facts_md)
    assert match is not None
    panel, items, total = match.groups()
    instrument = get_instrument(slug)
    assert instrument.loinc_panel == panel
    assert [item.loinc for item in instrument.items] == items.split(", ")
    assert instrument.subscales[0].loinc == total.rstrip(".;")


def test_it_has_the_reference_loinc_answer_codes(facts_md):
    match = re.search(r"\(LOINC answers (.+?)\)", facts_md)
    assert match is not None
    for slug in ("phq-9", "gad-7"):
        assert [o.loinc_answer for o in get_instrument(slug).options] == match.group(1).split(", ")


@pytest.mark.parametrize(
    ("slug", "pattern"),
    [("phq-9", r"PHQ-9 total = sum 0-27; bands (.+?)[.;] "), ("gad-7", r"GAD-7 total = sum 0-21; bands (.+?)[.;] ")],
)
def test_it_has_the_reference_severity_bands(facts_md, slug, pattern):
    match = re.search(pattern, facts_md)
    assert match is not None
    expected = []
    for part in match.group(1).split(", "):
        low_high, label = part.split(" ", 1)
        low, high = low_high.split("-")
        expected.append((int(low), int(high), label))
    ours = [(b.low, b.high, b.label.lower()) for b in get_instrument(slug).bands]
    assert ours == expected


def test_it_has_the_reference_ecr_r_reverse_keys(facts_md):
    match = re.search(r"Reverse-keyed \(recode as 8 - x\): Anxiety ([\d, ]+)\. Avoidance ([\d, ]+)\.", facts_md)
    assert match is not None
    expected = {int(n) for group in match.groups() for n in group.split(", ")}
    assert {item.number for item in get_instrument("ecr-r").items if item.reverse} == expected
    assert "Item 21 is NOT reversed" in facts_md


def test_it_has_the_reference_ecr_rs_reverse_keys(facts_md):
    match = re.search(r"Avoidance = mean of items 1-6, with items ([\d, ]+) reversed", facts_md)
    assert match is not None
    expected = {int(n) for n in match.group(1).split(", ")}
    for slug in ("ecr-rs", "ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend"):
        assert {item.number for item in get_instrument(slug).items if item.reverse} == expected


@pytest.mark.parametrize(("slug", "doi"), [("ecr-r", "10.1037/0022-3514.78.2.350"), ("ecr-rs", "10.1037/a0022898")])
def test_it_cites_the_reference_doi(facts_md, slug, doi):
    assert f"doi:{doi}" in facts_md
    assert get_instrument(slug).doi == doi
