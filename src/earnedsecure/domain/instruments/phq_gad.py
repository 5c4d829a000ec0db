"""PHQ-9 and GAD-7: the two Pfizer screeners that share answers, LOINC answer codes and terms.

PHQ-9: Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a brief depression
severity measure. Journal of General Internal Medicine, 16(9), 606-613.
doi:10.1046/j.1525-1497.2001.016009606.x

GAD-7: Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief measure for assessing
generalized anxiety disorder: The GAD-7. Archives of Internal Medicine, 166(10), 1092-1097.
doi:10.1001/archinte.166.10.1092

Each item is answered 0-3 and the total is the plain sum. PHQ-9 item 9 (thoughts of being better off dead
or of self-harm) is the safety item: any answer above 0 must raise a safety response whatever the total.
The PHQ-9's tenth question (difficulty, LOINC 69722-7) is not part of the score and is not administered
here. Wording and LOINC codes are copied from the project reference (shared/reference/).
"""

from __future__ import annotations

from .definitions import Instrument, Item, ResponseOption, ScoringRule, SeverityBand, Subscale

PFIZER_COPYRIGHT = (
    "Copyright (c) Pfizer Inc. All rights reserved. Developed by Drs. Robert L. Spitzer, Janet B.W. "
    "Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission "
    "required to reproduce, translate, display or distribute."
)
PFIZER_TERMS = "No permission required to reproduce, translate, display or distribute."

FREQUENCY_OPTIONS: tuple[ResponseOption, ...] = (
    ResponseOption(0, "Not at all", "LA6568-5"),
    ResponseOption(1, "Several days", "LA6569-3"),
    ResponseOption(2, "More than half the days", "LA6570-1"),
    ResponseOption(3, "Nearly every day", "LA6571-9"),
)

# Kept so that an import can recognise and skip it; it is never scored.
PHQ9_DIFFICULTY_LOINC = "69722-7"

_PHQ9_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("phq9.little_interest", "44250-9", "Little interest or pleasure in doing things"),
    ("phq9.feeling_down", "44255-8", "Feeling down, depressed, or hopeless"),
    ("phq9.sleep_trouble", "44259-0", "Trouble falling or staying asleep, or sleeping too much"),
    ("phq9.tired_low_energy", "44254-1", "Feeling tired or having little energy"),
    ("phq9.appetite", "44251-7", "Poor appetite or overeating"),
    (
        "phq9.feeling_bad_about_self",
        "44258-2",
        "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
    ),
    (
        "phq9.trouble_concentrating",
        "44252-5",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
    ),
    (
        "phq9.slow_or_restless",
        "44253-3",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite - being so "
        "fidgety or restless that you have been moving around a lot more than usual",
    ),
    (
        "phq9.thoughts_dead_or_self_harm",
        "44260-8",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
)

_GAD7_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("gad7.nervous_anxious", "69725-0", "Feeling nervous, anxious or on edge"),
    ("gad7.cannot_stop_worrying", "68509-9", "Not being able to stop or control worrying"),
    ("gad7.worrying_too_much", "69733-4", "Worrying too much about different things"),
    ("gad7.trouble_relaxing", "69734-2", "Trouble relaxing"),
    ("gad7.restless", "69735-9", "Being so restless that it is hard to sit still"),
    ("gad7.irritable", "69689-8", "Becoming easily annoyed or irritable"),
    ("gad7.afraid_something_awful", "69736-7", "Feeling afraid as if something awful might happen"),
)


def _items(rows: tuple[tuple[str, str, str], ...]) -> tuple[Item, ...]:
    return tuple(
        Item(id=item_id, number=number, text=text, subscale="total", loinc=loinc)
        for number, (item_id, loinc, text) in enumerate(rows, start=1)
    )


PHQ_9 = Instrument(
    slug="phq-9",
    name="Patient Health Questionnaire-9",
    short_name="PHQ-9",
    version="1",
    citation=(
        "Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a brief "
        "depression severity measure. Journal of General Internal Medicine, 16(9), 606-613."
    ),
    doi="10.1046/j.1525-1497.2001.016009606.x",
    source_url=None,
    terms=PFIZER_TERMS,
    copyright=PFIZER_COPYRIGHT,
    instructions=None,
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    options=FREQUENCY_OPTIONS,
    items=_items(_PHQ9_ITEMS),
    subscales=(Subscale(key="total", name="Depression severity (PHQ-9 total)", code="phq-9-total", loinc="44261-6"),),
    scoring=ScoringRule.SUM,
    commercial_use_restricted=False,
    bands=(
        SeverityBand("minimal", "Minimal", 0, 4),
        SeverityBand("mild", "Mild", 5, 9),
        SeverityBand("moderate", "Moderate", 10, 14),
        SeverityBand("moderately_severe", "Moderately severe", 15, 19),
        SeverityBand("severe", "Severe", 20, 27),
    ),
    loinc_panel="44249-1",
    safety_item_id="phq9.thoughts_dead_or_self_harm",
    title="Your mood over the last two weeks",
    asks="How often low mood, sleep, energy, appetite and similar things have bothered you in the last two weeks.",
)

GAD_7 = Instrument(
    slug="gad-7",
    name="Generalized Anxiety Disorder 7-item scale",
    short_name="GAD-7",
    version="1",
    citation=(
        "Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief measure for assessing "
        "generalized anxiety disorder: The GAD-7. Archives of Internal Medicine, 166(10), 1092-1097."
    ),
    doi="10.1001/archinte.166.10.1092",
    source_url=None,
    terms=PFIZER_TERMS,
    copyright=PFIZER_COPYRIGHT,
    instructions=None,
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    options=FREQUENCY_OPTIONS,
    items=_items(_GAD7_ITEMS),
    subscales=(Subscale(key="total", name="Anxiety severity (GAD-7 total)", code="gad-7-total", loinc="70274-6"),),
    scoring=ScoringRule.SUM,
    commercial_use_restricted=False,
    title="Worry and nerves over the last two weeks",
    asks="How often worry, nerves, restlessness and irritability have bothered you in the last two weeks.",
    bands=(
        SeverityBand("minimal", "Minimal", 0, 4),
        SeverityBand("mild", "Mild", 5, 9),
        SeverityBand("moderate", "Moderate", 10, 14),
        SeverityBand("severe", "Severe", 15, 21),
    ),
    loinc_panel="69737-5",
)
