import re

from django.test import Client

from earnedsecure.accounts.services import consent_withdraw
from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.domain.instruments import get_instrument


def post_page(client, slug, page, answers, action="next"):
    data = {"page": page, "action": action, **{f"item_{n}": v for n, v in answers.items()}}
    return client.post(f"/check-ins/{slug}/", data)


def test_it_requires_login(client, db):
    assert client.get("/check-ins/phq-9/").status_code == 302


def test_it_asks_for_consent_first(alice, alice_client):
    consent_withdraw(user=alice, purpose="core")
    response = alice_client.get("/check-ins/phq-9/")
    assert response.status_code == 302 and "consent" in response["Location"]


def test_it_shows_a_few_items_per_page_with_progress_and_fieldsets(alice_client):
    html = alice_client.get("/check-ins/ecr-r/").content.decode()
    assert "Page 1 of 6" in html and '<progress class="progress" max="6" value="1"' in html
    assert html.count("<fieldset") == 6 and html.count("<legend>") == 6
    assert "I&#x27;m afraid that I will lose my partner&#x27;s love." in html
    assert html.count('type="radio"') == 6 * 7
    # Nothing is stored just by looking.
    assert InstrumentResponse.objects.count() == 0


def test_it_walks_through_pages_and_scores_at_the_end(alice, alice_client):
    assert post_page(alice_client, "gad-7", 1, {1: 2, 2: 2, 3: 2, 4: 2})["Location"] == "/check-ins/gad-7/?page=2"
    response = post_page(alice_client, "gad-7", 2, {5: 1, 6: 1, 7: 1}, action="finish")
    row = InstrumentResponse.objects.get(owner=alice)
    assert response["Location"] == f"/check-ins/results/{row.pk}/"
    assert (row.status, row.total, row.band) == ("complete", 11, "moderate")


def test_a_missing_answer_is_named_and_nothing_chosen_is_lost(alice_client):
    response = post_page(alice_client, "phq-9", 1, {1: 2, 3: 1})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please choose an answer to go on." in html
    assert re.search(r'aria-describedby="id_item_2-error"', html)
    assert 'value="2" id="id_item_1_2" checked' in html


def test_it_pauses_and_resumes_on_the_first_unanswered_page(alice, alice_client):
    post_page(alice_client, "ecr-rs", 1, {1: 3, 2: 3, 3: 3})
    response = post_page(alice_client, "ecr-rs", 2, {4: 5}, action="pause")
    assert response["Location"] == "/check-ins/"
    row = InstrumentResponse.objects.get(owner=alice)
    assert row.status == "in_progress" and len(row.answers) == 4 and row.anxiety is None
    html = alice_client.get("/check-ins/ecr-rs/").content.decode()
    assert "Page 2 of 3" in html


def test_finishing_with_an_earlier_gap_sends_the_person_back_to_it(alice, alice_client):
    post_page(alice_client, "phq-9", 1, {1: 1, 2: 1}, action="pause")
    post_page(alice_client, "phq-9", 2, {4: 1, 5: 1, 6: 1})
    response = post_page(alice_client, "phq-9", 3, {7: 0, 8: 0, 9: 0}, action="finish")
    assert response["Location"] == "/check-ins/phq-9/?page=1"
    assert InstrumentResponse.objects.get(owner=alice).status == "in_progress"


def test_an_out_of_range_post_is_refused_without_saving(alice_client):
    response = post_page(alice_client, "gad-7", 1, {1: 9, 2: 1, 3: 1, 4: 1})
    assert response.status_code == 200
    # The answers are encrypted at rest, so they are read back in Python, not searched in SQL.
    assert not any("gad7.nervous_anxious" in row.answers for row in InstrumentResponse.objects.all())


def test_it_hides_other_peoples_data(alice, charlie):
    alice_side = Client()
    alice_side.force_login(alice)
    post_page(alice_side, "gad-7", 1, {1: 3, 2: 3, 3: 3, 4: 3}, action="pause")
    charlie_side = Client()
    charlie_side.force_login(charlie)
    html = charlie_side.get("/check-ins/gad-7/").content.decode()
    assert "checked" not in html and "Page 1 of 2" in html
    charlie_side.post("/check-ins/gad-7/discard/")
    assert InstrumentResponse.objects.filter(owner=alice).count() == 1


def test_the_person_can_delete_unfinished_answers(alice, alice_client):
    post_page(alice_client, "gad-7", 1, {1: 3}, action="pause")
    alice_client.post("/check-ins/gad-7/discard/")
    assert not InstrumentResponse.objects.filter(owner=alice).exists()


def test_every_item_of_every_instrument_is_reachable(alice_client):
    for slug in ("ecr-r", "ecr-rs", "ecr-rs-mother", "phq-9", "gad-7"):
        instrument = get_instrument(slug)
        seen = set()
        page = 1
        while True:
            html = alice_client.get(f"/check-ins/{slug}/?page={page}").content.decode()
            numbers = set(map(int, re.findall(r'name="item_(\d+)"', html)))
            if numbers <= seen:
                break
            seen |= numbers
            page += 1
        assert seen == {item.number for item in instrument.items}


def test_it_is_headed_by_what_it_asks_with_the_items_verbatim_and_the_detail_in_a_fold(alice_client):
    ecr_r = get_instrument("ecr-r")
    html = alice_client.get("/check-ins/ecr-r/").content.decode()
    assert "<h1>How you feel in close relationships</h1>" in html
    assert ecr_r.instructions in html  # the published instructions and items, never reworded
    for item in ecr_r.items[:6]:
        assert f"{item.number}.</span> {item.text}" in html.replace("&#x27;", "'")
    fold = html.split("<details")[1].split("</details>")[0]
    assert "About this questionnaire" in fold and "ECR-R" in fold and "Commercial use requires" in fold
    assert "ECR-R" not in html.split("<details")[0].split("</header>")[-1]
