from django.db import connection

from earnedsecure.accounts import services
from earnedsecure.core.models import SafetyPlan


def test_it_requires_login(client, db):
    response = client.get("/help/plan/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_starts_as_a_form_and_saves_the_persons_own_words(alice_client, alice, canary):
    response = alice_client.get("/help/plan/")
    assert response.status_code == 200
    assert b"1. My warning signs" in response.content and b"Save my plan" in response.content
    response = alice_client.post(
        "/help/plan/", {"warning_signs": f"Not sleeping {canary}", "people_i_can_ask_for_help": "Jo 07700 900123"}
    )
    assert response.status_code == 302
    page = alice_client.get("/help/plan/").content.decode()
    assert canary in page and "Change my plan" in page  # shown, not re-asked
    with connection.cursor() as cursor:
        cursor.execute("SELECT warning_signs FROM core_safetyplan")
        (stored,) = cursor.fetchone()
    assert canary not in stored  # encrypted at rest


def test_a_too_long_answer_is_refused_next_to_the_field_and_kept(alice_client):
    response = alice_client.post("/help/plan/", {"warning_signs": "x" * 5000 + "END", "what_matters_most": "my sister"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is 5,003 characters; the limit is 5,000." in html
    assert "x" * 5000 + "END" in html and "my sister" in html and "maxlength" not in html
    assert not SafetyPlan.objects.exists()


def test_each_person_only_ever_sees_their_own_plan(alice_client, alice, charlie_client, canary):
    SafetyPlan.objects.create(owner=alice, what_matters_most=canary)
    assert canary not in charlie_client.get("/help/plan/").content.decode()
    assert canary in alice_client.get("/help/plan/").content.decode()


def test_it_is_one_tap_from_the_crisis_page_and_from_every_crisis_block(client, alice):
    from django.template.loader import render_to_string

    from earnedsecure.core.risk import risk_context

    assert 'href="/help/plan/"' in client.get("/help/crisis/").content.decode()
    block = render_to_string("core/_risk_block.html", risk_context(alice, {"level": "concern", "kind": "self_harm"}))
    assert 'href="/help/plan/"' in block


def test_it_is_in_the_export_and_gone_after_deletion(alice, canary):
    SafetyPlan.objects.create(owner=alice, coping_on_my_own=canary)
    assert canary in services.account_export_json(user=alice)
    services.account_delete(user=alice)
    assert not SafetyPlan.objects.exists()
