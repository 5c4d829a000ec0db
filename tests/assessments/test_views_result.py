import re
from datetime import UTC, datetime, timedelta

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from earnedsecure.domain.instruments import get_instrument

from .helpers import ecr, phq9, submit, uniform_answers

WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)
SAFETY = "data-item9-response"
PHQ_9 = get_instrument("phq-9")


def test_it_requires_login(client, alice):
    row = submit(alice, "phq-9", phq9(3), WHEN)
    assert client.get(f"/check-ins/results/{row.pk}/").status_code == 302


def test_it_shows_both_dimensions_the_plot_and_the_prototype_with_its_rule(alice, alice_client):
    row = submit(alice, "ecr-r", ecr("ecr-r", 6, 2), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "6.00" in html and "2.00" in html
    assert '<svg class="plane"' in html and "plane__band" in html and "<desc" in html
    # Named gently, beside the two dimensions, with what it can't tell; the rule one tap away.
    scores = html.split('aria-labelledby="scores-heading"')[1].split("</section>")[0]
    assert "closest to the pattern researchers call “anxious-preoccupied”" in scores
    assert "Worry about being loved or left" in scores and "Unease with closeness" in scores
    assert "It is a rough landmark, not a type" in scores and "Nearest prototype" not in html
    fold = html.split("data-how-worked-out")[1].split("</details>")[0]
    assert "a score of exactly 4.0 or below counts as low" in fold
    assert "reliability of 0.85" in fold and 'href="/check-ins/settings/research/"' in fold
    assert "Its strengths" in html and "It changes" in html
    assert "diagnos" not in html.split("<footer")[0].lower()
    assert "<title>Check-ins · Notebook</title>" in html


def test_it_says_what_the_answers_mean_in_words_before_any_number(alice, alice_client):
    row = submit(alice, "ecr-r", ecr("ecr-r", 6, 2), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    main = html.split("<main")[1]
    words = main.split("data-in-words")[1].split("</section>")[0]
    assert "Worry about being loved or left is strong for you at the moment" in words
    assert "Letting people close and leaning on them comes fairly easily to you" in words
    assert main.index("data-in-words") < main.index("score-big")
    headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", main, re.S)
    assert headings[0] == "How you feel in close relationships: your answers"
    assert not [h for h in headings if re.search(r"ECR|PHQ|GAD|prototype", h)]
    # The acronym, licence and citation only in the folds.
    outside = re.sub(r"<details.*?</details>", "", main, flags=re.S)
    assert "ECR-R" not in outside and "doi:" not in outside and "About this questionnaire" in main


def test_a_result_about_one_person_says_so(alice, alice_client):
    row = submit(alice, "ecr-rs", ecr("ecr-rs", 6, 2), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    words = html.split("data-in-words")[1].split("</section>")[0]
    assert "about one particular person, your partner, not about your relationships in general" in words
    assert "<h1>How you feel with your partner: your answers</h1>" in html


def test_a_mood_result_in_words_says_it_is_no_diagnosis(alice, alice_client):
    row = submit(alice, "phq-9", phq9(12), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    words = html.split("data-in-words")[1].split("</section>")[0]
    assert "low mood and the things that come with it bothered you a fair amount" in words
    assert "not a diagnosis" in words and "question 9" not in words
    assert "<h1>Your mood over the last two weeks: your answers</h1>" in html


def test_a_low_total_never_outweighs_question_9_in_the_words(alice, alice_client):
    row = submit(alice, "phq-9", phq9(0, item9=1), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    words = html.split("data-in-words")[1].split("</section>")[0]
    assert "little or not at all" in words and "Your answer to question 9 matters more than this total" in words


def test_a_change_is_one_plain_sentence_with_the_formula_in_the_fold(alice, alice_client):
    submit(alice, "ecr-r", ecr("ecr-r", 7, 7), WHEN)
    row = submit(alice, "ecr-r", ecr("ecr-r", 1, 7), WHEN + timedelta(days=91))
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    changes = html.split('aria-labelledby="change-heading"')[1].split("</section>")[0]
    visible = changes.split("<details")[0]
    assert "Worry about being loved or left went down from 7 to 1, more than the wobble of measurement" in visible
    assert "Unease with closeness and leaning on others stayed at 7" in visible
    for detail in ("Jacobson", "reliability", "standard deviation", "1.96"):
        assert detail not in visible
    fold = changes.split("<details")[1]
    assert "Jacobson &amp; Truax" in fold and "reliability of 0.85" in fold and "√(1 − r)" in fold


def test_it_shows_the_band_and_what_to_do_next(alice, alice_client):
    row = submit(alice, "phq-9", phq9(12), WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "Moderate" in html and "What to do next" in html and "talking to your doctor" in html
    assert SAFETY not in html


def test_gad_7_of_ten_or_more_says_it_screens_positive(alice, alice_client):
    row = submit(alice, "gad-7", uniform_answers("gad-7", 2), WHEN)
    assert "closer look with a professional" in alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()


def test_it_says_whether_the_change_since_last_time_is_reliable(alice, alice_client):
    submit(alice, "phq-9", phq9(15), WHEN)
    row = submit(alice, "phq-9", phq9(8), WHEN + timedelta(days=14))
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "15 → 8" in html and "recovered" in html  # a reliable fall from a case to below 10


def test_the_ecr_r_never_says_recovered(alice, alice_client):
    submit(alice, "ecr-r", ecr("ecr-r", 7, 7), WHEN)
    row = submit(alice, "ecr-r", ecr("ecr-r", 1, 1), WHEN + timedelta(days=91))
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert "improved" in html
    assert "recovered" not in html.lower().replace("never &quot;recovery&quot;", "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.fixed_dictionaries({item.id: st.integers(0, 3) for item in PHQ_9.items}))
def test_the_safety_block_is_shown_iff_item_9_is_above_zero(alice, alice_client, answers):
    row = submit(alice, "phq-9", answers, WHEN)
    html = alice_client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert (SAFETY in html) == (answers[PHQ_9.safety_item_id] > 0)
    if SAFETY in html:
        # At the top, before the score, with the person's own crisis lines (Alice is in the UK).
        assert html.index(SAFETY) < html.index("Your score")
        assert "116 123" in html and 'href="/help/crisis/"' in html


def test_the_safety_block_falls_back_without_a_country(db):
    from tests.personas import make_person

    person = make_person("nocountry", country="")
    row = submit(person, "phq-9", phq9(0, item9=2), WHEN)
    client = Client()
    client.force_login(person)
    html = client.get(f"/check-ins/results/{row.pk}/").content.decode()
    assert SAFETY in html and "call your local emergency number now" in html


def test_it_hides_other_peoples_data(alice, bob, theo, charlie):
    row = submit(alice, "phq-9", phq9(12, item9=1), WHEN)
    for person in (bob, theo, charlie):
        client = Client()
        client.force_login(person)
        assert client.get(f"/check-ins/results/{row.pk}/").status_code == 404
    owner = Client()
    owner.force_login(alice)
    assert owner.get(f"/check-ins/results/{row.pk}/").status_code == 200


def test_an_unfinished_response_has_no_result_page(alice, alice_client):
    from earnedsecure.assessments.services import response_start

    paused = response_start(user=alice, instrument="gad-7")
    assert alice_client.get(f"/check-ins/results/{paused.pk}/").status_code == 404
