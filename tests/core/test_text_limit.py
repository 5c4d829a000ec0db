"""One free-text limit (domain/limits.py), on every page and API input: a counter, a message, never a cut.

Text over the limit is refused with the same message everywhere; the page comes back with every character
the person typed (browsers cut a paste silently at ``maxlength``, so the attribute must never be written),
and nothing is stored.
"""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from earnedsecure.coach.models import MessageDraft, ThoughtRecord
from earnedsecure.core.free_text import FreeTextField
from earnedsecure.core.models import SafetyPlan
from earnedsecure.diary.models import Activation, SavouringEntry, ToolSession
from earnedsecure.domain.limits import TEXT_MAX_CHARS, too_long_message

# Over the limit by three, with an end that a cut would lose.
LONG = "x" * TEXT_MAX_CHARS + "END"
MESSAGE = too_long_message(len(LONG))

PAGES = [
    pytest.param(
        "/diary/activated/",
        {"trigger": "unavailable", "intensity": "7", "thought": LONG, "response": "waited"},
        Activation,
        id="diary-activated",
    ),
    pytest.param(
        "/diary/good-moments/new/", {"what_happened": LONG, "with_partner": "on"}, SavouringEntry, id="savouring"
    ),
    pytest.param("/diary/tools/grounding/", {"distress_before": "6", "see": LONG}, ToolSession, id="grounding"),
    pytest.param(
        "/help/plan/", {"warning_signs": LONG, "what_matters_most": "my sister"}, SafetyPlan, id="safety-plan"
    ),
    pytest.param("/think/messages/new/", {"draft": LONG, "action": "save"}, MessageDraft, id="message-coach"),
    pytest.param(
        "/think/thoughts/new/",
        {"automatic_thought": "They are late", "emotion": LONG, "intensity_before": "6", "action": "check"},
        ThoughtRecord,
        id="thought-emotion",
    ),
]


@pytest.mark.parametrize(("url", "data", "model"), PAGES)
def test_it_refuses_over_limit_text_on_the_pages_and_keeps_every_character(alice_client, url, data, model):
    response = alice_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert MESSAGE in html
    assert LONG in html  # the whole text is back in the box, its end included
    if model is not None:
        assert not model.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/diary/activated/", "/diary/good-moments/new/", "/help/plan/", "/think/messages/new/", "/think/thoughts/new/"],
)
def test_the_pages_show_the_limit_and_never_let_the_browser_cut(alice_client, url):
    html = alice_client.get(url).content.decode()
    assert "maxlength" not in html
    assert f'data-max-chars="{TEXT_MAX_CHARS}"' in html
    assert "Up to 5,000 characters." in html  # written under the box, so it shows without JavaScript
    assert "earnedsecure/text-limit.js" in html


def test_the_counter_script_is_served_by_the_app():
    path = finders.find("earnedsecure/text-limit.js")
    assert path is not None
    script = Path(path).read_text(encoding="utf-8")
    assert "data-max-chars" in script and ".slice(" not in script and ".substring(" not in script


def test_a_free_text_field_refuses_rather_than_cuts():
    field = FreeTextField(required=False)
    assert field.clean("x" * TEXT_MAX_CHARS) == "x" * TEXT_MAX_CHARS
    with pytest.raises(Exception, match="This is 5,003 characters"):
        field.clean(LONG)
    assert field.widget_attrs(field.widget) == {"data-max-chars": str(TEXT_MAX_CHARS)}


API = [
    pytest.param(
        "/api/v1/diary/activations", {"trigger": "other", "intensity": 3, "thought": LONG}, Activation, "thought"
    ),
    pytest.param("/api/v1/diary/savouring", {"what_happened": LONG}, SavouringEntry, "what_happened"),
    pytest.param(
        "/api/v1/coach/thoughts", {"automatic_thought": LONG, "intensity_before": 5}, ThoughtRecord, "automatic_thought"
    ),
    pytest.param(
        "/api/v1/coach/thoughts",
        {"automatic_thought": "x", "emotion": LONG, "intensity_before": 5},
        ThoughtRecord,
        "emotion",
    ),
    pytest.param("/api/v1/coach/messages", {"draft": LONG}, MessageDraft, "draft"),
    pytest.param("/api/v1/coach/analyze/message", {"text": LONG}, None, "text"),
]


@pytest.mark.parametrize(("url", "body", "model", "field"), API)
def test_the_api_refuses_over_limit_text_with_the_same_message(alice_client, url, body, model, field):
    response = alice_client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["fields"] == {field: MESSAGE}
    assert MESSAGE in response.json()["error"]
    if model is not None:
        assert not model.objects.exists()


def test_the_api_takes_text_at_the_limit(alice_client):
    response = alice_client.post(
        "/api/v1/diary/savouring", {"what_happened": "x" * TEXT_MAX_CHARS}, content_type="application/json"
    )
    assert response.status_code == 201
    assert len(SavouringEntry.objects.get().what_happened) == TEXT_MAX_CHARS
