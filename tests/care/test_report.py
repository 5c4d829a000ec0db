"""The one-page report: HTML, a PDF read back as an image and as text, and the FHIR Bundle (issue 15)."""

import json

import pypdfium2
from fhir.resources.R4B.bundle import Bundle

from earnedsecure.care.models import Category
from tests.care.conftest import grant
from tests.care.data import DIARY_WORDS, history


def _pdf(content: bytes):
    document = pypdfium2.PdfDocument(content)
    assert len(document) == 1  # one page
    page = document[0]
    text = page.get_textpage().get_text_range()
    image = page.render(scale=1).to_pil().convert("L")
    return text, image


def test_the_pdf_shows_the_figures_and_no_words(alice, theo_totp, theo_client):
    history(alice, worse=True)
    grant(alice, theo_totp)
    response = theo_client.get(f"/clinician/client/{alice.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, image = _pdf(response.content)
    low, high = image.getextrema()
    assert low < 100 and high > 200  # ink on paper: not a blank page
    dark = image.histogram()[:128]
    dark = sum(dark)
    assert dark > 2000
    assert "Alice" in text
    assert "PHQ-9" in text and "worse" in text
    assert "3 activations" in text and "1 protest, 2 direct" in text
    assert "Noticing the pattern" in text
    for word in DIARY_WORDS.split():
        assert word not in text


def test_the_pdf_holds_only_the_granted_categories(alice, theo_totp, theo_client):
    history(alice, worse=True, item9=1)
    grant(alice, theo_totp, categories=[Category.PATHWAY])
    text, _ = _pdf(theo_client.get(f"/clinician/client/{alice.pk}/report.pdf").content)
    assert "Noticing the pattern" in text
    assert "PHQ-9" not in text and "activations" not in text and "question 9" not in text


def test_the_html_report(alice, theo_totp, theo_client):
    history(alice, worse=True)
    grant(alice, theo_totp)
    page = theo_client.get(f"/clinician/client/{alice.pk}/").content.decode()
    assert "Between-session report" in page and "worse" in page and DIARY_WORDS not in page


def test_the_fhir_bundle_validates(alice, theo_totp, theo_client):
    history(alice)
    grant(alice, theo_totp, categories=[Category.CHECK_INS])
    response = theo_client.get(f"/clinician/client/{alice.pk}/check-ins.fhir.json")
    assert response.status_code == 200
    bundle = Bundle.model_validate(json.loads(response.content))
    kinds = {entry.resource.__resource_type__ for entry in bundle.entry}
    assert kinds == {"QuestionnaireResponse", "Observation"}
    assert DIARY_WORDS not in response.content.decode()


def test_the_person_downloads_the_same_report_and_file(alice, alice_client):
    history(alice, worse=True)
    text, _ = _pdf(alice_client.get("/account/therapist/my-report.pdf").content)
    assert "Alice" in text and "PHQ-9" in text and "Noticing the pattern" in text
    response = alice_client.get("/account/therapist/my-check-ins.fhir.json")
    Bundle.model_validate(json.loads(response.content))


def test_the_person_only_gets_their_own(alice, charlie_client):
    history(alice)
    text, _ = _pdf(charlie_client.get("/account/therapist/my-report.pdf").content)
    assert "Alice" not in text and "PHQ-9" not in text


def test_the_same_figures_make_the_same_files(alice, alice_client):
    """Downloads carry no minute or second they were made at (a walk comparing pages would see them change)."""
    from datetime import UTC, datetime

    import time_machine

    with time_machine.travel(datetime(2026, 11, 30, 12, 0, tzinfo=UTC), tick=False):
        history(alice)
        alice_client.force_login(alice)
        first = [alice_client.get(path).content for path in DOWNLOADS]
    with time_machine.travel(datetime(2026, 11, 30, 12, 7, 30, tzinfo=UTC), tick=False):
        assert [alice_client.get(path).content for path in DOWNLOADS] == first


DOWNLOADS = ("/account/therapist/my-report.pdf", "/account/therapist/my-check-ins.fhir.json")
