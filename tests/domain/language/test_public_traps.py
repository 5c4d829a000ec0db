"""benchmarks/public_traps.py reads a public research set kept outside the repository; here, invented rows only."""

import csv
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

import pytest

from earnedsecure.domain.language import TRAPS

ROOT = Path(__file__).resolve().parents[3]


def _benchmark():
    script = ROOT / "benchmarks" / "public_traps.py"
    loader = importlib.machinery.SourceFileLoader("public_traps", str(script))
    spec = importlib.util.spec_from_loader("public_traps", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["public_traps"] = module  # its dataclasses look their module up by name
    loader.exec_module(module)
    return module


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["situation", "thought", "reframe", "thinking_traps_addressed"])
        for situation, thought, traps in rows:
            writer.writerow([situation, thought, "a kinder view", traps])
    return path


def test_it_maps_every_paper_trap_to_one_of_ours_or_to_none():
    mapping = _benchmark().PAPER_TO_PROJECT
    assert {name for name in mapping.values() if name} <= set(TRAPS)
    assert set(TRAPS) <= set(mapping.values())


def test_it_joins_a_thoughts_labels_over_its_rows_and_drops_the_unmapped(tmp_path):
    rows = [
        ("missed the bus", "i always get it wrong", "overgeneralizing"),
        ("missed the bus", "i always get it wrong", "labeling,negative feeling or emotion"),
        ("rain", "nothing ever works", "none"),
    ]
    thoughts, read = _benchmark().read_reframing(_write(tmp_path / "set.csv", rows))
    assert len(read) == 3
    assert [(t.text, t.labels) for t in thoughts] == [
        ("i always get it wrong", frozenset({"overgeneralizing", "labeling"})),
        ("nothing ever works", frozenset()),
    ]


def test_it_refuses_a_trap_name_it_has_no_mapping_for(tmp_path):
    path = _write(tmp_path / "set.csv", [("a day", "a thought", "mental filter")])
    with pytest.raises(ValueError, match="without a mapping"):
        _benchmark().read_reframing(path)


def test_it_refuses_a_file_inside_the_repository():
    """The public set is never copied in; the check comes before the file is opened, so no file is needed."""
    with pytest.raises(ValueError, match="inside the repository"):
        _benchmark().read_reframing(ROOT / "benchmarks" / "data" / "reframing_dataset.csv")


def test_a_safety_response_counts_as_a_miss_and_apart():
    benchmark = _benchmark()
    measured, per_trap = benchmark.measure([benchmark.Thought("i want to die", frozenset({"catastrophizing"}))])
    assert (measured.thoughts, measured.safety, measured.top3, measured.top1) == (1, 1, 0, 0)
    assert (per_trap["catastrophizing"]["labelled"], per_trap["catastrophizing"]["top3"]) == (1, 0)


def _write_qa(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Id_Number",
                "Patient Question",
                "Distorted part",
                "Dominant Distortion",
                "Secondary Distortion (Optional)",
            ]
        )
        for number, (question, part, dominant, secondary) in enumerate(rows):
            writer.writerow([number, question, part, dominant, secondary])
    return path


def test_the_therapist_qa_mapping_names_only_our_traps():
    mapping = _benchmark().THERAPIST_QA_TO_PROJECT
    assert len(mapping) == 10  # the set's ten distortions
    assert {name for name in mapping.values() if name} <= set(TRAPS)


def test_the_therapist_qa_set_keeps_questions_with_a_distortion_and_joins_both_labels(tmp_path):
    rows = [
        ("long question one. i will fail.", "i will fail.", "Fortune-telling", "Personalization"),
        ("a question with nothing distorted", "", "No Distortion", ""),
        ("it was all my fault and everything is dark", "everything is dark", "Mental filter", ""),
    ]
    questions, parts, without = _benchmark().read_therapist_qa(_write_qa(tmp_path / "qa.csv", rows))
    assert without == 1
    assert [(q.text, q.labels) for q in questions] == [
        ("long question one. i will fail.", frozenset({"fortune_telling", "personalizing"})),
        ("it was all my fault and everything is dark", frozenset()),  # mental filter has no counterpart
    ]
    assert [p.text for p in parts] == ["i will fail.", "everything is dark"]


def test_the_therapist_qa_set_refuses_a_name_it_has_no_mapping_for(tmp_path):
    path = _write_qa(tmp_path / "qa.csv", [("a question", "a part", "Blaming", "")])
    with pytest.raises(ValueError, match="without a mapping"):
        _benchmark().read_therapist_qa(path)
