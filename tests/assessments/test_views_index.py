import re
from datetime import UTC, datetime

from django.test import Client
from django.utils import timezone

from earnedsecure.assessments.services import response_start

from .helpers import ecr, phq9, submit, uniform_answers

WHEN = datetime(2026, 3, 1, 20, tzinfo=UTC)


def test_it_requires_login(client, db):
    response = client.get("/check-ins/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_lists_the_instruments_with_their_terms_and_whats_due(alice_client):
    html = alice_client.get("/check-ins/").content.decode()
    assert "Commercial use requires the permission of the authors." in html
    assert "No permission required to reproduce, translate, display or distribute." in html
    assert "Ready when you are" in html and ">How you feel in close relationships</a>" in html
    assert "<title>Check-ins · Notebook</title>" in html


def test_it_names_each_questionnaire_by_what_it_asks_with_the_detail_in_a_fold(alice_client):
    html = alice_client.get("/check-ins/").content.decode()
    headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)
    assert "Your mood over the last two weeks" in headings and "How you feel with your partner" in headings
    assert not [h for h in headings if re.search(r"ECR|PHQ|GAD", h)]
    assert "36 short questions, about 6 minutes · suggested every 3 months" in html
    # Acronyms, licences and citations only inside the "About this questionnaire" folds.
    folds = re.findall(r"<details class=\"about-questionnaire\".*?</details>", html, re.S)
    assert len(folds) == 7 and "<summary>About this questionnaire</summary>" in folds[0]
    outside = re.sub(r"<details class=\"about-questionnaire\".*?</details>", "", html, flags=re.S)
    for detail in ("ECR-R", "PHQ-9", "doi:", "Terms:", "Fraley"):
        assert detail not in outside.split("<footer")[0]
        assert detail in html


def test_one_new_questionnaire_a_day_and_another_on_request(alice, alice_client):
    submit(alice, "ecr-r", ecr("ecr-r", 5, 2), timezone.now())
    html = alice_client.get("/check-ins/").content.decode()
    assert "Ready when you are" not in html and "Coming up" in html and "Do another now" in html
    coming = html.split("data-coming-up")[1].split("</section>")[0]
    assert coming.index("Your mood") < coming.index("Worry and nerves") < coming.index("your partner")
    response = alice_client.post("/check-ins/another/")
    assert response.status_code == 302 and response["Location"] == "/check-ins/phq-9/"
    html = alice_client.get("/check-ins/").content.decode()
    assert "Carry on: Your mood over the last two weeks" in html
    assert "Carry on: Worry" not in html and "Coming up" in html


def test_while_new_ones_still_come_one_a_day_the_whole_list_waits_in_a_fold(alice, alice_client):
    """Issue 13: a newcomer read "one a day, so it never turns into homework" above seven Start buttons."""
    html = alice_client.get("/check-ins/").content.decode()
    fold = html.split('<details class="all-check-ins"')[1].split("</details>\n</section>")[0]
    assert "Every questionnaire, to start one yourself" in fold
    assert fold.count(">Start<") == 7
    assert ">Start<" not in html.split('<details class="all-check-ins"')[0]
    paused = response_start(user=alice, instrument="gad-7")
    html = alice_client.get("/check-ins/").content.decode()
    assert '<details class="all-check-ins" data-all-check-ins open>' in html  # Carry on stays in sight
    paused.delete()
    for slug in ("ecr-r", "phq-9", "gad-7", "ecr-rs"):
        submit(alice, slug, uniform_answers(slug, 1), timezone.now())
    html = alice_client.get("/check-ins/").content.decode()
    assert "all-check-ins" not in html and "Everything you can check in on" in html


def test_another_only_answers_a_post_and_opens_nothing_when_none_is_coming(alice, alice_client):
    assert alice_client.get("/check-ins/another/").status_code == 405
    opened = [alice_client.post("/check-ins/another/")["Location"] for _ in range(4)]
    assert opened == ["/check-ins/phq-9/", "/check-ins/gad-7/", "/check-ins/ecr-rs/", "/check-ins/"]
    assert alice_client.post("/check-ins/another/")["Location"] == "/check-ins/"


def test_it_shows_recent_results_and_a_paused_check_in(alice, alice_client):
    submit(alice, "phq-9", phq9(11), WHEN)
    submit(alice, "ecr-r", ecr("ecr-r", 5, 2), WHEN)
    paused = response_start(user=alice, instrument="gad-7")
    paused.answers = {"gad7.nervous_anxious": 2}
    paused.save()
    html = alice_client.get("/check-ins/").content.decode()
    assert "total 11 (moderate)" in html
    assert "anxiety 5.00 · avoidance 2.00" in html
    assert "Carry on (1 of 7 answered)" in html


def test_recent_results_say_in_words_what_each_means(alice, alice_client):
    """Issue 13: "Recent results" listed "total 11 (moderate)" and "anxiety 5.00 · avoidance 2.00" with no word of
    what they mean; the words are those of the result pages (domain/instruments/plain.py), the numbers after."""
    submit(alice, "phq-9", phq9(11), WHEN)
    submit(alice, "ecr-r", ecr("ecr-r", 6, 3), WHEN)
    submit(alice, "gad-7", uniform_answers("gad-7", 0), WHEN)
    html = alice_client.get("/check-ins/").content.decode()
    recent = html.split('id="recent-heading"')[1].split("</section>")[0]
    assert "low mood and the things that come with it bothered you a fair amount" in recent
    assert "Strongly worried about being loved or left; closeness mostly comfortable." in recent
    assert "worry and nerves bothered you little or not at all." in recent
    words = recent.index("Strongly worried about being loved or left")
    assert words < recent.index("anxiety 6.00 · avoidance 3.00")  # the words first, the scores after


def test_it_hides_a_switched_off_instrument(alice_client, settings):
    settings.DISABLED_INSTRUMENTS = ["ecr-r"]
    html = alice_client.get("/check-ins/").content.decode()
    assert "/check-ins/ecr-r/" not in html
    assert alice_client.get("/check-ins/ecr-r/").status_code == 404


def test_it_hides_other_peoples_data(alice, charlie, canary):
    submit(alice, "phq-9", phq9(11), WHEN)
    client = Client()
    client.force_login(charlie)
    html = client.get("/check-ins/").content.decode()
    assert "total 11" not in html and "Recent results" not in html


def test_it_stays_at_a_few_queries_with_a_long_history(alice, alice_client, django_assert_max_num_queries):
    for day in range(40):
        submit(alice, "gad-7", uniform_answers("gad-7", 1), datetime(2025, 1, 1 + day % 28, tzinfo=UTC))
    with django_assert_max_num_queries(10):
        assert alice_client.get("/check-ins/").status_code == 200
