from dataclasses import replace

import pytest

from earnedsecure.content.loader import get_lesson, load_lessons
from earnedsecure.domain.cycle import PRACTICES
from earnedsecure.journey.models import LessonProgress
from earnedsecure.journey.practices import practice_url
from earnedsecure.journey.rendering import lesson_parts, render_markdown
from tests.history import HISTORY_MONTHS, client_with_history


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda practice: practice.key)
def test_every_practice_opens_a_page(alice_client, practice):
    assert alice_client.get(practice_url(practice)).status_code == 200


def test_it_requires_login(client):
    assert client.get("/learn/").status_code == 302
    assert client.get("/learn/the-cycle/").status_code == 302
    assert client.post("/learn/the-cycle/read/").status_code == 302


def test_the_course_lists_every_lesson_with_minutes(alice_client):
    response = alice_client.get("/learn/")
    assert response.status_code == 200
    text = response.content.decode()
    for lesson in load_lessons():
        assert f"/learn/{lesson.slug}/" in text
    assert f"0 of {len(load_lessons())} read" in text
    assert "Ten weeks of CBT-informed practice" in text
    assert 'href="/learn/pathway/"' in text  # where the person is on the path: one link away


def test_each_lesson_address_is_what_reverse_writes():
    from django.urls import reverse, set_script_prefix

    from earnedsecure.journey.selectors import lesson_urls

    # Under a prefix with the placeholder in it too: only the slug's place is filled in.
    for prefix in ("/", "/under_a_prefix/"):
        set_script_prefix(prefix)
        try:
            urls = lesson_urls()
            assert urls == {lesson.slug: reverse("journey:lesson", args=[lesson.slug]) for lesson in load_lessons()}
        finally:
            set_script_prefix("/")
    assert lesson_urls()["the-cycle"] == "/learn/the-cycle/"


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.slug)
def test_each_lesson_ends_with_its_practice_button(alice_client, lesson):
    response = alice_client.get(f"/learn/{lesson.slug}/")
    assert response.status_code == 200
    text = response.content.decode()
    practice = text.index('id="practice-heading"')
    assert f'href="{practice_url(PRACTICES.get(lesson.practice_tool))}"' in text[practice:]
    assert "<title>Learn" in text  # a neutral title, whatever the lesson is about


def test_the_cycle_lesson_shows_a_diagram_and_the_full_list_without_javascript(alice_client):
    lesson = get_lesson("the-cycle")
    text = alice_client.get("/learn/the-cycle/").content.decode()
    assert "<svg" in text and 'role="img"' in text
    assert text.count('class="cycle__node"') == len(lesson.cycle_steps) == 7
    assert text.count("<li data-step=") == 7
    assert "data-cycle-controls" in text and "hidden data-cycle-controls" in text  # the button appears with JS
    assert "journey/cycle.js" in text
    # The ordered list is shown once (as the step-through), not again in the body.
    assert text.count("Sometimes rewarded") == 2  # the diagram's description and the list item


def test_marking_as_read_and_unread(alice, alice_client):
    response = alice_client.post("/learn/the-cycle/read/")
    assert response.status_code == 302
    assert LessonProgress.objects.filter(owner=alice, lesson_slug="the-cycle").count() == 1
    alice_client.post("/learn/the-cycle/read/")  # twice is still once
    assert LessonProgress.objects.filter(owner=alice).count() == 1
    assert f"1 of {len(load_lessons())} read" in alice_client.get("/learn/").content.decode()
    alice_client.post("/learn/the-cycle/read/", {"read": "no"})
    assert not LessonProgress.objects.filter(owner=alice).exists()


def test_it_hides_other_peoples_data(alice, charlie_client):
    LessonProgress.objects.create(owner=alice, lesson_slug="the-cycle", read_at="2026-01-01T10:00Z")
    assert f"0 of {len(load_lessons())} read" in charlie_client.get("/learn/").content.decode()
    assert "You read this" not in charlie_client.get("/learn/the-cycle/").content.decode()


def test_an_unknown_lesson_is_not_found(alice_client):
    assert alice_client.get("/learn/no-such-lesson/").status_code == 404
    assert alice_client.post("/learn/no-such-lesson/read/").status_code == 404


def test_raw_html_and_odd_links_in_content_come_out_as_text():
    html = render_markdown("Hello <script>alert(1)</script> [x](javascript:alert(1)) [ok](/diary/)\n\n<div>block</div>")
    assert "<script>" not in html and "<div>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert 'href="/diary/"' in html


def test_a_lesson_without_the_cycle_renders_whole():
    lesson = get_lesson("triggers")
    parts = lesson_parts(lesson)
    assert not parts.has_cycle and parts.after == ""
    odd = replace(get_lesson("the-cycle"), cycle_steps=())
    assert not lesson_parts(odd).has_cycle


@pytest.mark.django_db
@pytest.mark.parametrize("months", HISTORY_MONTHS)
def test_it_costs_exactly_5_queries_whatever_the_length_of_the_history(months, django_assert_num_queries):
    client = client_with_history(months, warm_up="/learn/")
    # Session, user, consent; lessons read; programs. The path is measured on home and on its own page, not here.
    with django_assert_num_queries(5):
        assert client.get("/learn/").status_code == 200
