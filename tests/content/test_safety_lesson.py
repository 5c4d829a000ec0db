"""The lesson "Is it my anxiety, or is it not safe?" and the links that lead to it.

A course about a too-sensitive alarm can teach someone to doubt an accurate one. These tests keep the safety
lesson reachable from every place that could do that: the lessons on the cycle, triggers, the anxious-avoidant
trap, what helps, partners, every lesson that recommends couples therapy, the "I'm activated" flow and the
first-run page. Sources: risk-and-abuse reference sheet, sections 2.8, 4 and 5.2 (Stark 2007; Home Office
2015; NDVH 2014).
"""

import re

import pytest

from earnedsecure.content.loader import get_lesson, load_lessons, load_programs
from earnedsecure.core import crisis_lines
from tests.links import main_links as _links
from tests.personas import _signed_in_client, make_person

SLUG = "anxiety-or-not-safe"
URL = f"/learn/{SLUG}/"
TITLE = "Is it my anxiety, or is it not safe?"

# Lessons where anxious-attachment framing could be misread as an explanation for being afraid of a partner.
MUST_LINK = [
    "the-cycle",
    "triggers",
    "anxious-avoidant-trap",
    "two-anxious-partners",
    "what-helps",
    "for-partners",
    "repair-rituals",
]

COUPLES_THERAPY = re.compile(
    r"couples?\W+(?:therap|counsel)|therap\w*\s+for\s+couples|emotionally focused therapy|\bEFT\b", re.IGNORECASE
)


def test_it_renders_the_safety_lesson(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{TITLE}</h1>" in html
    assert "<title>Learn" in html  # a neutral browser title: a partner glancing at the tab learns nothing
    assert "/help/crisis/" in _links(html)


def test_every_link_in_the_safety_lesson_opens(alice_client):
    hrefs = [href for href in _links(alice_client.get(URL).content.decode()) if href.startswith("/")]
    assert "/help/crisis/" in hrefs
    for href in hrefs:
        assert alice_client.get(href).status_code == 200, href


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.slug)
def test_every_lesson_practice_button_opens(alice_client, lesson):
    # A practice button that 404s leaves someone who was told to ground themselves with nowhere to go.
    html = alice_client.get(f"/learn/{lesson.slug}/").content.decode()
    practice = html[html.index('id="practice-heading"') :]
    href = _links("<main>" + practice)[0]
    assert alice_client.get(href).status_code == 200, href


@pytest.mark.parametrize("slug", MUST_LINK)
def test_it_is_linked_from_the_lessons_that_need_it(alice_client, slug):
    response = alice_client.get(f"/learn/{slug}/")
    assert response.status_code == 200
    assert URL in _links(response.content.decode())


def test_every_lesson_that_mentions_couples_therapy_links_to_the_safety_lesson_with_the_caveat(alice_client):
    mentioning = [
        lesson for lesson in load_lessons() if lesson.slug != SLUG and COUPLES_THERAPY.search(lesson.body_markdown)
    ]
    # The check must have something to check: these lessons recommend couples therapy today.
    assert {"anxious-avoidant-trap", "what-helps", "for-partners", "repair-rituals"} <= {
        lesson.slug for lesson in mentioning
    }
    missing = []
    for lesson in mentioning:
        html = alice_client.get(f"/learn/{lesson.slug}/").content.decode()
        caveat = "not advised while there is abuse" in " ".join(lesson.body_markdown.split())
        if URL not in _links(html) or not caveat:
            missing.append(lesson.slug)
    assert missing == []


def test_no_program_recommends_couples_therapy_without_the_link():
    for program in load_programs():
        text = "\n".join([program.introduction, *(week.text for week in program.week_plans)])
        if COUPLES_THERAPY.search(text):
            assert URL in text and "not advised while there is abuse" in text, program.slug


def test_the_partners_lesson_never_dismisses_manipulation(alice_client):
    body = " ".join(get_lesson("for-partners").body_markdown.split())
    assert "usually isn't" not in body and "usually is not" not in body
    assert "explains nothing about abuse" in body
    assert "If you feel controlled or afraid" in body
    links = _links(alice_client.get("/learn/for-partners/").content.decode())
    assert URL in links and "/help/crisis/" in links


def test_the_safety_lesson_says_anxious_attachment_never_explains_abuse():
    body = " ".join(get_lesson(SLUG).body_markdown.split())
    assert "Anxious attachment is never an explanation or an excuse" in body
    assert "not questioned away as a thinking trap" in body


def test_the_safety_lesson_names_no_phone_number_outside_the_crisis_table():
    known = {line.tel for country in crisis_lines.COUNTRIES.values() for line in country.lines}
    known |= {country.emergency for country in crisis_lines.COUNTRIES.values()}
    lesson = get_lesson(SLUG)
    text = "\n".join([lesson.summary, lesson.practice, lesson.body_markdown])
    numbers = {re.sub(r"\D", "", found) for found in re.findall(r"\d[\d ]*\d|\d", text)}
    years = {number for number in numbers if re.fullmatch(r"(19|20)\d\d", number)}
    single_digits = {number for number in numbers if len(number) == 1}  # 5-4-3-2-1 grounding
    assert numbers - years - single_digits - known == set()


def test_the_activated_flow_links_to_it(alice_client):
    html = alice_client.get("/diary/activated/").content.decode()
    assert URL in _links(html)
    assert "Feeling unsafe rather than anxious?" in html


def test_the_first_run_page_links_to_it(db):
    newcomer = make_person("dana", consent=False)
    response = _signed_in_client(newcomer).get("/account/consent/")
    assert response.status_code == 200
    assert URL in _links(response.content.decode())


def test_the_lesson_opens_before_consent(db):
    # The first-run page links here, so the lesson must open for someone who has not consented yet.
    newcomer = make_person("dana", consent=False)
    assert _signed_in_client(newcomer).get(URL).status_code == 200
