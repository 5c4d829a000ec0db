import re

import pytest

from earnedsecure.coach import services
from earnedsecure.coach.models import ThoughtRecord
from tests.coach.helpers import activation, savouring

THOUGHT = "They're obviously pulling away from me. They will leave me and it will be a disaster."


def _step_one(**extra):
    return {
        "situation": "No reply since lunch",
        "automatic_thought": THOUGHT,
        "emotion": "scared",
        "intensity_before": "8",
        "trigger": "unavailable",
        "action": "check",
        **extra,
    }


def test_it_requires_login(client, db):
    for path in ("/think/", "/think/thoughts/new/", "/think/thoughts/1/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_asks_for_consent_first(client, db):
    from tests.personas import make_person

    client.force_login(make_person("dana", consent=False))
    response = client.get("/think/thoughts/new/")
    assert response.status_code == 302 and "/account/consent/" in response["Location"]


def test_the_index_offers_both_tools_and_recent_records(alice_client, alice):
    services.thought_record_create(
        owner=alice, automatic_thought="An earlier thought", intensity_before=7, intensity_after=3, suggested_traps=[]
    )
    html = alice_client.get("/think/").content.decode()
    assert 'href="/think/thoughts/new/"' in html and 'href="/think/messages/new/"' in html
    assert "An earlier thought" in html and "7.0" in html and "3.0" in html


def test_it_prefills_from_the_activation_in_the_diary(alice_client, alice):
    moment = activation(
        alice, trigger="threat", thought="They're bored of me", trigger_note="Quiet dinner", intensity=6
    )
    html = alice_client.get(f"/think/thoughts/new/?activation={moment.pk}").content.decode()
    assert "They&#x27;re bored of me" in html and "Quiet dinner" in html
    assert 'value="threat" selected' in html and 'value="6"' in html


def test_it_shows_the_top_traps_with_their_words_marked_and_the_question(alice_client):
    response = alice_client.post("/think/thoughts/new/", _step_one(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "These are suggestions, not a verdict" in html
    assert html.count('class="card trap"') in (1, 2, 3)
    assert "<mark>" in html and "Ask yourself:" in html
    assert 'value="fits"' in html and 'value="no"' in html


def test_no_trap_found_is_a_valid_answer(alice_client):
    html = alice_client.post(
        "/think/thoughts/new/", _step_one(automatic_thought="I'd like to see them on Friday."), follow=True
    ).content.decode()
    assert "No thinking trap stood out" in html and "valid answer" in html


def test_it_shows_what_actually_happened_the_last_times(alice_client, alice):
    for day in range(1, 8):
        activation(alice, days_ago=day, outcome=f"They were busy, time {day}", minutes=30)
    activation(alice, trigger="threat", outcome="Other kind of moment")
    savouring(alice, what="Pancakes together on Sunday")
    html = alice_client.post("/think/thoughts/new/", _step_one(), follow=True).content.decode()
    assert "In the past when you felt this way, here's what actually happened" in html
    assert "<strong>7 times</strong>" in html and "about 30 minutes" in html
    assert "They were busy, time 1" in html and "Other kind of moment" not in html
    assert html.count("This turned out fine") == 7
    assert "Pancakes together on Sunday" in html


def test_it_saves_the_record_and_shows_before_and_after(alice_client, alice):
    past = [activation(alice, days_ago=d, outcome="Fine in the end") for d in (1, 2, 3)]
    moment = activation(alice, days_ago=0)
    step_two = _step_one(
        action="save",
        activation=str(moment.pk),
        evidence_for="They were quiet",
        evidence_against="They had a deadline",
        past_fine=[str(past[0].pk), str(past[1].pk)],
        balanced_thought="They're busy, which doesn't mean they don't care.",
        intensity_after="4",
    )
    shown = alice_client.post("/think/thoughts/new/", _step_one(), follow=True).context
    found, other = shown["traps"], shown["form"].fields["other_traps"].choices[0][0]
    step_two[f"trap_{found[0]['name']}"] = "fits"
    step_two["other_traps"] = [other]
    response = alice_client.post("/think/thoughts/new/", step_two)
    assert response.status_code == 302, response.context["form"].errors
    record = ThoughtRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/think/thoughts/{record.pk}/"
    assert record.activation == moment and record.intensity_before == 8 and record.intensity_after == 4
    assert record.confirmed_traps == [found[0]["name"], other]
    assert record.past_times_checked == 3 and record.past_times_fine == 2
    html = alice_client.get(response["Location"]).content.decode()
    assert "eased the feeling by 4 points" in html
    assert "They had a deadline" in html and "2 turned out fine" in html


def test_bad_input_is_explained_and_nothing_typed_is_lost(alice_client):
    response = alice_client.post(
        "/think/thoughts/new/", _step_one(action="save", intensity_after="11", evidence_for="Keep me please")
    )
    html = response.content.decode()
    assert response.status_code == 200 and not ThoughtRecord.objects.exists()
    assert "Keep me please" in html and 'aria-invalid="true"' in html
    response = alice_client.post("/think/thoughts/new/", _step_one(automatic_thought="", situation="Still here"))
    html = response.content.decode()
    assert "Write the thought down first, even a few words." in html and "This field is required" not in html
    assert "Still here" in html


def test_going_back_to_edit_keeps_the_words(alice_client):
    html = alice_client.post("/think/thoughts/new/", _step_one(action="edit")).content.decode()
    assert "Look at this thought" in html and "pulling away" in html


@pytest.mark.parametrize("text", ["I want to kill myself.", "I don't want to be alive anymore and I have a plan."])
def test_it_shows_crisis_lines_at_the_top_when_a_thought_carries_risk(alice_client, text):
    html = alice_client.post("/think/thoughts/new/", _step_one(automatic_thought=text)).content.decode()
    block = html.index("data-risk-block")
    assert block < html.index("What you wrote")
    assert "Samaritans" in html and "not monitored" in html


def test_the_safety_page_shows_every_box_the_person_filled_in_never_an_empty_quote(alice_client):
    # The risk was in the situation and the thought was left empty: the page quoted the empty thought alone.
    html = alice_client.post(
        "/think/thoughts/new/",
        _step_one(situation="I sorted out who gets my cat after I'm gone.", automatic_thought="", emotion=""),
    ).content.decode()
    assert "data-risk-block" in html
    quoted = re.findall(r'<blockquote class="thought-quote">(.*?)</blockquote>', html, re.S)
    assert [text.strip() for text in quoted] == ["I sorted out who gets my cat after I&#x27;m gone."]
    html = alice_client.post(
        "/think/thoughts/new/", _step_one(situation="A quiet evening.", automatic_thought="I want to kill myself.")
    ).content.decode()
    quoted = re.findall(r'<blockquote class="thought-quote">(.*?)</blockquote>', html, re.S)
    assert [text.strip() for text in quoted] == ["A quiet evening.", "I want to kill myself.", "scared"]
    assert "What happened?" in html and "What went through your mind?" in html


def test_an_idiom_is_not_a_risk(alice_client):
    html = alice_client.post(
        "/think/thoughts/new/", _step_one(automatic_thought="I'm dying to see them and this traffic is killing me.")
    ).content.decode()
    assert "data-risk-block" not in html


def test_the_saved_record_keeps_showing_the_crisis_lines(alice_client, alice):
    record = services.thought_record_create(
        owner=alice, automatic_thought="I want to kill myself", intensity_before=9, suggested_traps=[]
    )
    assert "data-risk-block" in alice_client.get(f"/think/thoughts/{record.pk}/").content.decode()


def test_it_hides_other_peoples_data(charlie_client, alice):
    record = services.thought_record_create(
        owner=alice, automatic_thought="secret", intensity_before=5, suggested_traps=[]
    )
    moment = activation(alice, thought="Alice's private thought")
    assert charlie_client.get(f"/think/thoughts/{record.pk}/").status_code == 404
    assert charlie_client.post(f"/think/thoughts/{record.pk}/delete/").status_code == 404
    assert charlie_client.get(f"/think/thoughts/new/?activation={moment.pk}").status_code == 404
    assert charlie_client.post("/think/thoughts/new/", _step_one(activation=str(moment.pk))).status_code == 404
    assert "secret" not in charlie_client.get("/think/").content.decode()
    assert ThoughtRecord.objects.filter(pk=record.pk).exists()


def test_it_deletes_a_record(alice_client, alice):
    record = services.thought_record_create(owner=alice, automatic_thought="x", intensity_before=5, suggested_traps=[])
    assert alice_client.post(f"/think/thoughts/{record.pk}/delete/").status_code == 302
    assert not ThoughtRecord.objects.exists()


def test_the_index_renders_in_a_few_queries(alice_client, alice, django_assert_max_num_queries):
    for _ in range(30):
        services.thought_record_create(owner=alice, automatic_thought="x", intensity_before=5, suggested_traps=[])
    # The first request in a minute also records the session's last activity (core's idle timeout), not part
    # of the page's cost: warm up once, as the other query-count tests do.
    alice_client.get("/still-here/")
    with django_assert_max_num_queries(10):
        assert alice_client.get("/think/").status_code == 200


def test_it_rates_with_the_same_0_to_10_buttons_as_the_diary(alice_client):
    html = alice_client.get("/think/thoughts/new/").content.decode()
    assert 'type="number"' not in html
    assert (
        '<fieldset class="field scale"' in html and "<legend>How strong is the feeling, from 0 to 10?</legend>" in html
    )
    for n in range(11):
        assert f'type="radio" name="intensity_before" value="{n}"' in html
    finish = alice_client.post("/think/thoughts/new/", _step_one(), follow=True).content.decode()
    assert 'type="number"' not in finish and 'type="radio" name="intensity_after" value="10"' in finish


@pytest.mark.parametrize("rating", ["", "11", "-1", "five"])
def test_a_missing_or_odd_rating_is_explained_in_plain_words(alice_client, rating):
    html = alice_client.post("/think/thoughts/new/", _step_one(intensity_before=rating)).content.decode()
    assert "Choose a number from 0 to 10." in html and "pulling away" in html
    assert "less than or equal" not in html and "greater than" not in html and "not one of the available" not in html
    assert 'aria-describedby="id_intensity_before_error"' in html


def test_a_record_with_no_trap_chosen_says_so_kindly(alice_client, alice):
    from django.utils import timezone

    record = ThoughtRecord.objects.create(
        owner=alice, automatic_thought="They're late", intensity_before=6, created_at=timezone.now()
    )
    html = alice_client.get(f"/think/thoughts/{record.pk}/").content.decode()
    assert "None you were sure of." in html and "None. That" not in html
