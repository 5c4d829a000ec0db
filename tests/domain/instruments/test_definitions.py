"""The registry and the shape of each definition: counts, keying, codes, terms and pinned fingerprints."""

from __future__ import annotations

import dataclasses
import re

import pytest

from earnedsecure.domain.instruments import (
    REGISTRY,
    Instrument,
    Item,
    ResponseOption,
    ScoringRule,
    SeverityBand,
    Subscale,
    UnknownInstrument,
    get_instrument,
)

ECR_RS_SLUGS = ("ecr-rs", "ecr-rs-mother", "ecr-rs-father", "ecr-rs-friend")

# Changing anything a person reads or a score depends on changes the fingerprint. When this test fails,
# bump the instrument's ``version`` (so stored answers stay traceable to their text) and pin the new value.
PINNED_FINGERPRINTS = {
    ("ecr-r", "1"): "7ffd128f814eca648a4a6b65cb2225847c8776d9572e34b21ba2938672ad0113",
    ("ecr-rs", "1"): "66f07540fee8f9406b89a3af88e4df2dce26c3061d4e5718464a9e566167a71d",
    ("ecr-rs-mother", "1"): "1b407cc64fa9d3d89a20bb951b53da8e9c4b9f75c4b06cbf94daba56634a7bf0",
    ("ecr-rs-father", "1"): "108a2093496024cfaa17f3282d39548d66919aa7ce332c6dd5deb3100dbaae24",
    ("ecr-rs-friend", "1"): "29b653487821848602c032b40471aea856fe40e26e7661e112b6c1bb310d0890",
    ("phq-9", "1"): "1a1599ea453e44a97ce1ae1e97ad22d658f39c52aa9251051d4aeff0f956a856",
    ("gad-7", "1"): "f73c5f8c6bcb44e2c9114886c7c414c941822393fac7729d5b0b896cd39349ee",
}


def test_it_registers_exactly_the_shipped_instruments():
    assert list(REGISTRY) == ["ecr-r", *ECR_RS_SLUGS, "phq-9", "gad-7"]
    assert all(instrument.slug == slug for slug, instrument in REGISTRY.items())


def test_it_names_the_known_slugs_for_an_unknown_one():
    with pytest.raises(UnknownInstrument, match=r"No instrument 'ecr-s'\. Known instruments: ecr-r, ecr-rs, "):
        get_instrument("ecr-s")


def test_it_does_not_ship_the_ecr_s_or_ras():
    assert not {"ecr-s", "ras"} & set(REGISTRY)


@pytest.mark.parametrize(
    ("slug", "items", "values", "scoring", "subscale_sizes"),
    [
        ("ecr-r", 36, (1, 7), ScoringRule.MEAN, {"anxiety": 18, "avoidance": 18}),
        *[(slug, 9, (1, 7), ScoringRule.MEAN, {"avoidance": 6, "anxiety": 3}) for slug in ECR_RS_SLUGS],
        ("phq-9", 9, (0, 3), ScoringRule.SUM, {"total": 9}),
        ("gad-7", 7, (0, 3), ScoringRule.SUM, {"total": 7}),
    ],
)
def test_it_has_the_published_shape(slug, items, values, scoring, subscale_sizes):
    instrument = get_instrument(slug)
    assert len(instrument.items) == items
    assert (instrument.min_value, instrument.max_value) == values
    assert instrument.scoring is scoring
    assert {s.key: len(instrument.subscale_items(s.key)) for s in instrument.subscales} == subscale_sizes


@pytest.mark.parametrize(
    ("slug", "anxiety_numbers", "reversed_numbers"),
    [
        # Fraley et al. (2000) order: 1-18 anxiety, 19-36 avoidance; item 21 is NOT reversed.
        ("ecr-r", set(range(1, 19)), {9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36}),
        # Fraley et al. (2011): avoidance 1-6 with 1-4 reversed; anxiety 7-9.
        *[(slug, {7, 8, 9}, {1, 2, 3, 4}) for slug in ECR_RS_SLUGS],
    ],
)
def test_it_keys_the_attachment_items_as_published(slug, anxiety_numbers, reversed_numbers):
    instrument = get_instrument(slug)
    assert {i.number for i in instrument.items if i.subscale == "anxiety"} == anxiety_numbers
    assert {i.number for i in instrument.items if i.reverse} == reversed_numbers


def test_it_does_not_reverse_ecr_r_item_21():
    item = get_instrument("ecr-r").item_by_number(21)
    assert item.text == "I find it difficult to allow myself to depend on romantic partners."
    assert item.reverse is False


@pytest.mark.parametrize("slug", list(REGISTRY))
def test_it_ties_each_item_id_to_its_instrument_and_subscale(slug):
    instrument = get_instrument(slug)
    prefix = {"ecr-r": "ecrr", "phq-9": "phq9", "gad-7": "gad7"}.get(slug, "ecrrs")
    scale = {"anxiety": "anx.", "avoidance": "avo.", "total": ""}
    for item in instrument.items:
        assert re.fullmatch(r"[a-z0-9]+(\.[a-z]+)?\.[a-z0-9_]+", item.id), item.id
        assert item.id.startswith(f"{prefix}.{scale[item.subscale]}"), item.id


def test_it_uses_the_same_item_ids_for_every_ecr_rs_target_but_names_the_target():
    targets = [get_instrument(slug) for slug in ECR_RS_SLUGS]
    assert len({tuple(i.id for i in t.items) for t in targets}) == 1
    assert [t.target for t in targets] == ["romantic", "mother", "father", "friend"]
    assert "mother or mother-like figure" in get_instrument("ecr-rs-mother").instructions
    assert "romantic partner" in get_instrument("ecr-rs").instructions


@pytest.mark.parametrize(
    ("slug", "restricted", "doi"),
    [
        ("ecr-r", True, "10.1037/0022-3514.78.2.350"),
        *[(slug, True, "10.1037/a0022898") for slug in ECR_RS_SLUGS],
        ("phq-9", False, "10.1046/j.1525-1497.2001.016009606.x"),
        ("gad-7", False, "10.1001/archinte.166.10.1092"),
    ],
)
def test_it_states_terms_citation_and_commercial_restriction(slug, restricted, doi):
    instrument = get_instrument(slug)
    assert instrument.commercial_use_restricted is restricted
    assert instrument.doi == doi
    assert instrument.citation and instrument.terms
    if restricted:
        assert "permission" in instrument.terms
    else:
        assert instrument.copyright is not None
        assert instrument.copyright.startswith("Copyright (c) Pfizer Inc.")
        assert instrument.copyright.endswith("No permission required to reproduce, translate, display or distribute.")


@pytest.mark.parametrize(("slug", "version"), list(PINNED_FINGERPRINTS))
def test_it_changes_the_fingerprint_only_with_a_new_version(slug, version):
    instrument = get_instrument(slug)
    assert instrument.version == version
    assert instrument.fingerprint() == PINNED_FINGERPRINTS[(slug, version)]


def test_it_fingerprints_a_one_word_change():
    instrument = get_instrument("gad-7")
    items = list(instrument.items)
    items[3] = dataclasses.replace(items[3], text="Trouble relaxing.")
    assert dataclasses.replace(instrument, items=tuple(items)).fingerprint() != instrument.fingerprint()


def _tiny(**changes: object) -> Instrument:
    fields: dict[str, object] = {
        "slug": "tiny",
        "name": "Tiny",
        "short_name": "TINY",
        "version": "1",
        "citation": "c",
        "doi": "d",
        "source_url": None,
        "terms": "t",
        "copyright": None,
        "instructions": None,
        "stem": None,
        "options": (ResponseOption(0, "no"), ResponseOption(1, "yes")),
        "items": (Item("tiny.a", 1, "A", "total"), Item("tiny.b", 2, "B", "total")),
        "subscales": (Subscale("total", "Total", "tiny-total"),),
        "scoring": ScoringRule.SUM,
        "commercial_use_restricted": False,
    }
    fields.update(changes)
    return Instrument(**fields)  # type: ignore[arg-type]


def test_a_well_formed_definition_is_accepted():
    assert _tiny().subscale_range("total") == (0.0, 2.0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"items": (Item("tiny.a", 1, "A", "total"), Item("tiny.a", 2, "B", "total"))}, "duplicate item ids"),
        ({"items": (Item("tiny.a", 2, "A", "total"), Item("tiny.b", 1, "B", "total"))}, "numbered 1..n"),
        ({"options": (ResponseOption(0, "no"), ResponseOption(2, "yes"))}, "consecutive"),
        ({"items": (Item("tiny.a", 1, "A", "total"), Item("tiny.b", 2, "B", "other"))}, "known subscale"),
        ({"safety_item_id": "tiny.c"}, "unknown safety item"),
        ({"bands": (SeverityBand("low", "Low", 0, 0), SeverityBand("high", "High", 2, 2))}, "tile"),
        ({"bands": (SeverityBand("low", "Low", 0, 1), SeverityBand("high", "High", 1, 2))}, "tile"),
    ],
)
def test_it_refuses_a_malformed_definition_at_import(changes, message):
    with pytest.raises(ValueError, match=message):
        _tiny(**changes)
