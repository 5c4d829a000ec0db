from django.template.loader import render_to_string

from earnedsecure.core.risk import risk_context, strongest


def test_it_shows_nothing_when_there_is_no_risk(alice):
    context = risk_context(alice, {"level": "none", "kind": None})
    assert not context["risk_shown"]
    assert render_to_string("core/_risk_block.html", context).strip() == ""


def test_it_shows_the_persons_own_crisis_lines_calmly(alice):
    html = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "concern", "kind": "self_harm"}))
    assert "Samaritans" in html and "116 123" in html and 'href="tel:999"' in html
    assert "/help/crisis/" in html
    assert "not monitored" in html
    assert "National Domestic Abuse Helpline" not in html
    assert "card--urgent" not in html


def test_it_adds_domestic_violence_lines_for_violence_and_is_stronger_when_urgent(alice):
    html = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "urgent", "kind": "violence"}))
    assert "National Domestic Abuse Helpline" in html and "0808 2000 247" in html
    assert "card--urgent" in html and 'role="alert"' in html
    assert "in danger" in html


def test_it_points_to_the_help_page_when_the_country_is_unknown(alice):
    alice.country = ""
    html = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "urgent", "kind": "self_harm"}))
    assert "/help/crisis/" in html and "local emergency number" in html


def test_folding_it_away_keeps_a_one_line_summary_on_the_page(alice):
    html = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "concern", "kind": "self_harm"}))
    assert "<details" in html and " open" in html and "<summary" in html


def test_it_accepts_objects_with_to_dict_and_picks_the_strongest():
    class Risk:
        def to_dict(self):
            return {"level": "urgent", "kind": "self_harm"}

    top = strongest({"level": "concern", "kind": "violence"}, Risk(), None)
    assert (top["level"], top["kind"]) == ("urgent", "self_harm")
    assert top["kinds"] == ["violence", "self_harm"]  # violence help stays on the page too
    assert strongest()["level"] == "none"


def test_violence_among_the_kinds_brings_the_violence_lines(alice):
    context = risk_context(alice, {"level": "urgent", "kind": "self_harm", "kinds": ["self_harm", "violence"]})
    assert context["risk_violence"]


def test_where_a_country_has_no_national_violence_number_it_points_to_the_national_directory(alice):
    """Canada's domestic-violence lines are per province and shelter: the block names the national shelter map."""
    alice.country = "CA"
    html = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "urgent", "kind": "violence"}))
    assert "https://www.sheltersafe.ca" in html and "no single national number" in html
    calm = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "concern", "kind": "self_harm"}))
    assert "sheltersafe" not in calm
