"""Thinking traps on a public research set the project never trains, tunes or thresholds on (issue 12).

Issue 12 asks for a labelled trap among the first three of the ranking for at least 60% of the thoughts of
each public thinking-trap research set. Two sets are measured; the first:

    Sharma, Rushton, Lin, Wadden, Lucas, Miner, Nguyen and Althoff (2023). "Cognitive Reframing of Negative
    Thoughts through Human-Language Model Interaction". ACL 2023. Repository behavioral-data/Cognitive-Reframing
    (BSD-3-Clause), file data/reframing_dataset.csv: 600 rows of situation, thought, reframe and the
    thinking traps the reframe addresses, written by mental health practitioners.

The file is not in this repository and must never be: its texts are not ours to ship, and anything trained,
tuned or thresholded on it would fake the figure. Keep it outside the repository (for example in
``../public-data/``); the language-model trainer refuses any path under a ``public-data`` folder, and this
script refuses a file inside the repository. Run from the repository root::

    .venv/bin/python benchmarks/public_traps.py                                   # where to get the files
    .venv/bin/python benchmarks/public_traps.py --reframing ../public-data/reframing_dataset.csv
    .venv/bin/python benchmarks/public_traps.py --therapist-qa ../public-data/Annotated_data.csv

The second set:

    Shreevastava and Foltz (2021). "Detecting Cognitive Distortions from Patient-Therapist Interactions".
    CLPsych 2021. Published on Kaggle as "Cognitive distortion detection dataset" (sagarikashreevastava), file
    Annotated_data.csv: about 2,500 questions that people sent to an online therapist Q&A, each with the part
    an annotator read as distorted, a dominant distortion (one of ten, or "No Distortion") and an optional
    secondary one. A copy is in the repository sehee-lim/ERD, data/Annotated_data.csv.

What is measured on it, decided and committed before the first run (like the first set's, below):

* **The unit is a question with a distortion**: rows whose dominant distortion is "No Distortion" have no trap
  to find and are left out (their count is printed). A row's labels are its dominant and secondary distortions.
* **The text analysed is the whole question**, as the person wrote it (what the issue calls the set: people's
  questions to therapists), through ``analyze_thought`` as for a thought record. The same figures on the
  annotated distorted part alone (the annotator's choice of words, so an easier task) are printed beside, for
  comparison, never as the figure.
* Top 3, top 1, safety responses, per-trap recall and the baseline as for the first set, below.

What is measured, decided before the first run and not changed after it:

* **The unit is a thought**: each (situation, thought) pair appears twice in the file, once per reframe, and
  each reframe names the traps it addresses. A thought's labels are the union over its rows. The analysis is
  the app's own for a thought record: ``analyze_thought`` on the automatic thought alone (the page analyses the
  thought field, not the situation), exactly as ``benchmarks/language_quality.py`` calls it on the blind set.
  For comparison, the same figures per row (600 rows, each with its own reframe's labels) are printed too.
* **Top 3**: a labelled trap among the first three of the ranking of all twelve; **top 1**: the first one is
  labelled. Thoughts whose labels have no counterpart here (only "negative feeling or emotion" or "none") can
  never be hit: they count as misses, and the figure over the thoughts with a mapped label is printed beside.
* **Safety response**: where the crisis check finds a risk the app shows the safety response and no traps at
  all, by design. Those thoughts count as misses in top 3 and top 1, and are counted separately.
* **Per-trap recall**: over the thoughts labelled with a trap, how often it is in the top three of the ranking
  and how often it is among the traps the page shows (at most three confident ones).
* **Baseline**: always guessing the three traps most often labelled in this set (counted after mapping), which
  knows the set's label counts and so flatters the baseline, as the issue's own baseline does.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from earnedsecure.domain.language import TRAPS, analyze_thought  # noqa: E402

SOURCE = (
    "https://github.com/behavioral-data/Cognitive-Reframing, file data/reframing_dataset.csv "
    "(Sharma et al., ACL 2023; BSD-3-Clause)"
)
SOURCE_QA = (
    "https://www.kaggle.com/datasets/sagarikashreevastava/cognitive-distortion-detetction-dataset, file "
    "Annotated_data.csv (Shreevastava and Foltz, CLPsych 2021; a copy in github.com/sehee-lim/ERD, data/)"
)

# The paper's trap names (as the CSV spells them) -> the project's, from the definitions only, written down
# before the analysis was first run on the set. The paper's definitions are those of its appendix (thirteen
# traps, after Burns and Mental Health America's thinking-traps list); the project's are in
# domain/language/traps.py (TRAPS). None: no counterpart, so a thought labelled only with it is a miss.
PAPER_TO_PROJECT: dict[str, str | None] = {
    # Paper: thinking in extremes, either perfect or a failure. Ours: only two boxes, no middle ground.
    "all-or-nothing thinking": "all_or_nothing",
    # Paper: drawing a broad conclusion from one experience. Ours: one event as a never-ending pattern.
    "overgeneralizing": "overgeneralizing",
    # Paper: defining a person by one act or trait. Ours: a whole person summed up in one harsh word.
    "labeling": "labeling",
    # Paper: predicting the future and fixing on one bad outcome. Ours: a bad prediction treated as a fact.
    "fortune telling": "fortune_telling",
    # Paper: assuming you know what someone else thinks. Ours: the same, without asking them.
    "mind reading": "mind_reading",
    # Paper: treating feelings as facts. Ours: a feeling taken as proof.
    "emotional reasoning": "emotional_reasoning",
    # Paper: rigid, unrealistic expectations of yourself or others. Ours: rigid rules that turn into guilt.
    "should statements": "should_statements",
    # Paper: taking things personally, making them about you. Ours: blame for what is outside your control.
    "personalizing": "personalizing",
    # Paper: ignoring good things or saying they do not count. Ours: dismissing good things as if they don't.
    "disqualifying the positive": "disqualifying_positive",
    # Paper: dwelling on the worst case. Ours: blowing up how bad or how likely an outcome is.
    "catastrophizing": "catastrophizing",
    # Paper: comparing yourself with others and feeling you fall short. Ours: unfair comparisons.
    "comparing and despairing": "comparing",
    # Paper: handing your power to others, holding them responsible for your pain. Ours: someone else wholly
    # responsible for how you feel.
    "blaming": "blaming",
    # Not in the paper's list of thirteen but used in the file: Burns's magnification, exaggerating how bad
    # a thing is, which his list joins with catastrophizing. Ours: blowing up how bad an outcome is.
    "magnification": "catastrophizing",
    # Paper: being stuck on a distressing feeling or belief. Ours has no such trap: emotional reasoning needs
    # the feeling taken as evidence about the facts, which this label does not say.
    "negative feeling or emotion": None,
    # The annotator found no trap the reframe addresses.
    "none": None,
}

# The therapist Q&A set's ten distortion names (as its CSV spells them, lower-cased) -> the project's, from the
# definitions (Burns 1980, whose list the set follows) alone, written down before the analysis was first run on
# it. None: no counterpart, so a row labelled only with it is a miss.
THERAPIST_QA_TO_PROJECT: dict[str, str | None] = {
    "all-or-nothing thinking": "all_or_nothing",
    "overgeneralization": "overgeneralizing",
    # Burns: picking out one negative detail and dwelling on it until all of reality looks dark. Ours has no
    # such trap: discounting the positive needs good things dismissed as not counting, a different move
    # (Burns lists the two apart), so this is a miss rather than a guess.
    "mental filter": None,
    "should statements": "should_statements",
    "labeling": "labeling",
    # Burns: seeing yourself as the cause of a negative event you were not primarily responsible for.
    "personalization": "personalizing",
    # Burns: exaggerating the importance of things (magnification or catastrophizing, one item in his list).
    "magnification": "catastrophizing",
    "emotional reasoning": "emotional_reasoning",
    "mind reading": "mind_reading",
    "fortune-telling": "fortune_telling",
}
NO_DISTORTION = "no distortion"


@dataclass(frozen=True)
class Thought:
    text: str
    paper_labels: frozenset[str]
    mapping: dict[str, str | None] = field(default_factory=lambda: PAPER_TO_PROJECT, compare=False, repr=False)

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(name for label in self.paper_labels if (name := self.mapping[label]))


def read_reframing(path: Path) -> tuple[list[Thought], list[Thought]]:
    """The set's thoughts (labels joined over their rows, in file order) and its rows, one Thought each.

    Raises ValueError on a file inside this repository, a missing column or a trap name the mapping does not
    know (a mapping must never be guessed after the fact)."""
    resolved = _outside_the_repository(path)
    with resolved.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"situation", "thought", "thinking_traps_addressed"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        rows: list[Thought] = []
        joined: dict[tuple[str, str], set[str]] = {}
        texts: dict[tuple[str, str], str] = {}
        for number, raw in enumerate(reader, 2):
            labels = {label.strip().lower() for label in raw["thinking_traps_addressed"].split(",") if label.strip()}
            unknown = labels - PAPER_TO_PROJECT.keys()
            if unknown:
                raise ValueError(f"{path}:{number}: trap names without a mapping: {sorted(unknown)}")
            rows.append(Thought(raw["thought"], frozenset(labels)))
            key = (raw["situation"], raw["thought"])
            joined.setdefault(key, set()).update(labels)
            texts[key] = raw["thought"]
    thoughts = [Thought(texts[key], frozenset(labels)) for key, labels in joined.items()]
    return thoughts, rows


def _outside_the_repository(path: Path) -> Path:
    resolved = path.resolve()
    if resolved.is_relative_to(ROOT):
        raise ValueError(f"{path} is inside the repository: keep the public set outside it (see the docstring)")
    return resolved


def read_therapist_qa(path: Path) -> tuple[list[Thought], list[Thought], int]:
    """The therapist Q&A set's questions with a distortion, the same rows as their distorted parts, and how
    many rows had none (left out).

    Raises ValueError on a file inside this repository, a missing column or a distortion name the mapping does
    not know."""
    resolved = _outside_the_repository(path)
    question, part, dominant, secondary = (
        "Patient Question",
        "Distorted part",
        "Dominant Distortion",
        "Secondary Distortion (Optional)",
    )
    questions: list[Thought] = []
    parts: list[Thought] = []
    without = 0
    with resolved.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {question, part, dominant, secondary} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        for number, raw in enumerate(reader, 2):
            first = (raw[dominant] or "").strip().lower()
            if first == NO_DISTORTION:
                without += 1
                continue
            labels = {label for label in (first, (raw[secondary] or "").strip().lower()) if label}
            unknown = labels - THERAPIST_QA_TO_PROJECT.keys()
            if unknown or not labels:
                raise ValueError(f"{path}:{number}: distortion names without a mapping: {sorted(unknown)}")
            questions.append(Thought(raw[question], frozenset(labels), THERAPIST_QA_TO_PROJECT))
            parts.append(Thought(raw[part], frozenset(labels), THERAPIST_QA_TO_PROJECT))
    return questions, parts, without


@dataclass
class Measured:
    thoughts: int = 0
    mapped: int = 0
    top3: int = 0
    top1: int = 0
    safety: int = 0
    unmapped_only: int = 0
    baseline_hits: int = 0
    baseline: tuple[str, ...] = ()

    def line(self, unit: str) -> str:
        def share(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "-"

        return "\n".join(
            (
                f"{unit}: {self.thoughts}",
                f"  top 3 (a labelled trap among the first three of the ranking): {share(self.top3, self.thoughts)}",
                f"  top 1 (the first of the ranking is labelled): {share(self.top1, self.thoughts)}",
                f"  safety response instead of traps (counted as misses above): {share(self.safety, self.thoughts)}",
                f"  labelled only with traps that have no counterpart here (misses above): "
                f"{share(self.unmapped_only, self.thoughts)}",
                f"  top 3 over the {self.mapped} with a mapped label: {share(self.top3, self.mapped)}",
                f"  baseline, always {', '.join(self.baseline)} (the commonest labels, ties in the order of TRAPS): "
                f"{share(self.baseline_hits, self.thoughts)}",
            )
        )


def measure(thoughts: Sequence[Thought]) -> tuple[Measured, dict[str, Counter[str]]]:
    """The figures of the module docstring, and per project trap: labelled, in top 3, shown, shown at all."""
    commonest = Counter(name for thought in thoughts for name in thought.labels)
    # Ties broken in the order of TRAPS, so the baseline does not depend on string hashing.
    baseline = tuple(sorted(commonest, key=lambda name: (-commonest[name], list(TRAPS).index(name)))[:3])
    measured = Measured(baseline=baseline)
    per_trap: dict[str, Counter[str]] = {name: Counter() for name in TRAPS}
    for thought in thoughts:
        analysis = analyze_thought(thought.text)
        ranked = [finding.name for finding in analysis.ranked]
        shown = {finding.name for finding in analysis.traps}
        labels = thought.labels
        measured.thoughts += 1
        measured.mapped += bool(labels)
        measured.unmapped_only += not labels
        measured.safety += analysis.risk.is_risk
        measured.top3 += bool(labels & set(ranked[:3]))
        measured.top1 += bool(ranked) and ranked[0] in labels
        measured.baseline_hits += bool(labels & set(baseline))
        for name in TRAPS:
            per_trap[name]["labelled"] += name in labels
            per_trap[name]["top3"] += name in labels and name in ranked[:3]
            per_trap[name]["shown"] += name in labels and name in shown
            per_trap[name]["shown_any"] += name in shown
    return measured, per_trap


def per_trap_table(per_trap: dict[str, Counter[str]]) -> str:
    lines = [f"{'trap':<24} {'labelled':>8} {'in top 3':>9} {'shown':>7} {'precision shown':>16}"]
    for name, c in per_trap.items():
        recall3 = c["top3"] / c["labelled"] if c["labelled"] else 0.0
        recall_shown = c["shown"] / c["labelled"] if c["labelled"] else 0.0
        precision = f"{c['shown'] / c['shown_any']:.3f}" if c["shown_any"] else "never shown"
        lines.append(f"  {name:<22} {c['labelled']:8d} {recall3:9.3f} {recall_shown:7.3f} {precision:>16}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reframing", type=Path, help="path to reframing_dataset.csv, kept outside the repository")
    parser.add_argument("--therapist-qa", type=Path, help="path to Annotated_data.csv, kept outside the repository")
    args = parser.parse_args(argv)
    if args.reframing is None and args.therapist_qa is None:
        print(
            f"No public set given. Get the files from {SOURCE} and from {SOURCE_QA}, keep them outside this "
            "repository (for example in ../public-data/) and run again with --reframing PATH and/or "
            "--therapist-qa PATH. Nothing else is done without them."
        )
        return 0
    if args.reframing is not None:
        report_reframing(args.reframing)
    if args.therapist_qa is not None:
        report_therapist_qa(args.therapist_qa)
    return 0


def report_therapist_qa(path: Path) -> None:
    questions, parts, without = read_therapist_qa(path)
    _report(
        f"{path.name}: {len(questions)} questions with a distortion ({without} with none, left out)",
        "labels (dominant and secondary)",
        THERAPIST_QA_TO_PROJECT,
        (questions, "questions, the whole text (the figure)", "questions"),
        (parts, "the annotated distorted part alone (for comparison, not the figure)"),
    )


def report_reframing(path: Path) -> None:
    thoughts, rows = read_reframing(path)
    _report(
        f"{path.name}: {len(rows)} rows, {len(thoughts)} distinct (situation, thought) pairs",
        "paper labels per row",
        PAPER_TO_PROJECT,
        (thoughts, "thoughts", "thoughts"),
        (rows, "rows, each with its own reframe's labels (for comparison)"),
    )


def _report(
    heading: str,
    labels_line: str,
    mapping: dict[str, str | None],
    measured_set: tuple[Sequence[Thought], str, str],
    comparison: tuple[Sequence[Thought], str],
) -> None:
    """A set's figures: its label counts (over the comparison's units), the unmapped names, the figure with the
    per-trap table, and the comparison's figures."""
    units, unit_line, unit_name = measured_set
    compared, compared_line = comparison
    counts = Counter(label for unit in compared for label in unit.paper_labels)
    print(f"== {heading} ==")
    print(f"{labels_line}: " + ", ".join(f"{label} {n}" for label, n in counts.most_common()))
    unmapped = sorted(label for label, name in mapping.items() if name is None)
    print(f"no counterpart here (their rows can only miss): {', '.join(unmapped)}")
    measured, per_trap = measure(units)
    print(measured.line(unit_line))
    print(f"per trap, over the {unit_name} labelled with it:")
    print(per_trap_table(per_trap))
    by_comparison, _ = measure(compared)
    print(by_comparison.line(compared_line))


if __name__ == "__main__":
    raise SystemExit(main())
