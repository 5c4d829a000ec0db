"""The codebook's columns (domain.research.columns): a value outside its column stops the export."""

from datetime import date

import pytest

from earnedsecure.domain.research.columns import ACTIVATIONS, CHECK_INS, PARTICIPANTS, TABLES, NotReleasable

ID = "0123456789abcdef"


@pytest.mark.parametrize(
    ("table", "row"),
    [
        (
            PARTICIPANTS,
            {
                "participant_id": ID,
                "age_band": "30-34",
                "country": "GB",
                "gender": "woman",
                "relationship": "none",
                "joined_day": date(2026, 1, 2),
            },
        ),
        (
            CHECK_INS,
            {
                "participant_id": ID,
                "day": date(2026, 1, 2),
                "instrument": "phq-9",
                "total": 4,
                "anxiety": None,
                "avoidance": None,
                "band": "minimal",
            },
        ),
        (
            ACTIVATIONS,
            {
                "participant_id": ID,
                "day": date(2026, 1, 2),
                "trigger": "unavailable",
                "intensity": 7,
                "urges": ["testing"],
                "response": "",
                "protest_result": "",
                "recovery_minutes": None,
            },
        ),
    ],
)
def test_a_row_of_the_apps_own_values_is_released(table, row):
    assert len(table.clean(row)) == len(table.columns)


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        (ACTIVATIONS, "trigger", "He didn't answer my texts"),  # a sentence in a category
        (ACTIVATIONS, "urges", ["testing", "call him now"]),
        (ACTIVATIONS, "intensity", "7"),
        (ACTIVATIONS, "intensity", 11),
        (ACTIVATIONS, "intensity", True),
        (CHECK_INS, "anxiety", 9.5),
        (CHECK_INS, "instrument", "my own notes"),
        (PARTICIPANTS, "participant_id", "alice@example.com"),
        (PARTICIPANTS, "participant_id", "42"),
        (PARTICIPANTS, "country", "Reykjavik"),
        (PARTICIPANTS, "joined_day", "2026-01-02"),
        (PARTICIPANTS, "age_band", "37"),
    ],
)
def test_a_value_its_column_may_not_hold_stops_the_export(table, column, value):
    with pytest.raises(NotReleasable):
        next(c for c in table.columns if c.name == column).clean(value)


def test_a_column_not_in_the_codebook_is_refused():
    with pytest.raises(NotReleasable, match="thought"):
        ACTIVATIONS.clean({"participant_id": ID, "thought": "anything"})


def test_no_table_has_a_free_text_column():
    kinds = {column.kind.name for table in TABLES for column in table.columns}
    assert kinds <= {"ID", "DATE", "INTEGER", "NUMBER", "CATEGORY", "CATEGORIES", "COUNTRY"}
    for table in TABLES:
        for column in table.columns:
            if column.kind.name in ("CATEGORY", "CATEGORIES"):
                assert column.values, column.name
