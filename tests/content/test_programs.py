"""The packaged programs: the right number of weeks, each pointing to a real lesson and a real tool."""

import pytest

from earnedsecure.content.loader import get_program, load_lessons, load_programs
from earnedsecure.domain.cycle import PRACTICES
from tests.content.textcheck import REPORT_PATH, forbidden_claims, report_headings, shared_runs, word_runs

PROGRAMS = load_programs()
PROGRAM_IDS = [program.slug for program in PROGRAMS]
LESSON_SLUGS = {lesson.slug for lesson in load_lessons()}


def test_it_loads_both_programs():
    assert PROGRAM_IDS == ["cbt-10-week", "self-compassion-6-week"]


def test_it_caches_the_parse():
    assert load_programs() is load_programs()


@pytest.mark.parametrize(("slug", "weeks"), [("cbt-10-week", 10), ("self-compassion-6-week", 6)])
def test_it_has_one_plan_per_week(slug, weeks):
    program = get_program(slug)
    assert program.weeks == weeks
    assert [plan.number for plan in program.week_plans] == list(range(1, weeks + 1))


def test_it_raises_key_error_for_an_unknown_program():
    with pytest.raises(KeyError):
        get_program("no-such-program")


@pytest.mark.parametrize("program", PROGRAMS, ids=PROGRAM_IDS)
def test_it_links_every_week_to_a_lesson_and_a_tool(program):
    for plan in program.week_plans:
        assert plan.lesson_slug in LESSON_SLUGS, plan
        assert plan.daily_practice_tool in PRACTICES, plan
        assert plan.focus
        assert "Daily practice:" in plan.text, "the words after the tool slug describe the practice"


def test_it_follows_the_cbt_techniques_in_order():
    focuses = [plan.focus.lower() for plan in get_program("cbt-10-week").week_plans]
    milestones = ["cycle", "triggers", "evidence", "balanced", "predictions", "not knowing", "directly", "good"]
    positions = [next(i for i, focus in enumerate(focuses) if milestone in focus) for milestone in milestones]
    assert positions == sorted(positions)
    assert "setbacks" in focuses[-1]


def test_it_sets_the_cbt_expectations():
    program = get_program("cbt-10-week")
    for timescale in ["10 weeks", "4 to 8 weeks", "3 to 6 months", "6 and 12 months"]:
        assert timescale in program.introduction


def test_it_keeps_the_abct_format_in_the_self_compassion_program():
    program = get_program("self-compassion-6-week")
    assert "six weekly" in program.introduction
    assert "hour and a half" in program.introduction
    assert "not therapy" in program.introduction


@pytest.mark.parametrize("program", PROGRAMS, ids=PROGRAM_IDS)
def test_it_makes_no_clinical_claims(program):
    text = "\n".join([program.summary, program.introduction, *(plan.text for plan in program.week_plans)])
    assert forbidden_claims(text) == []


@pytest.mark.parametrize("program", PROGRAMS, ids=PROGRAM_IDS)
def test_it_is_written_in_our_own_words_and_cites_the_report(program):
    report = REPORT_PATH.read_text(encoding="utf-8")
    assert program.source in report_headings(report)
    text = "\n".join([program.summary, program.introduction, *(plan.text for plan in program.week_plans)])
    assert shared_runs(text, word_runs(report)) == []
