"""De-identification of a research release: the generalization ladder, the k-anonymity check, suppression of
small cells, the per-person date shift and the per-study participant id.

Framework-free: plain values in, plain values out; randomness comes from ``secrets`` (never a hash of anything a
person is known by).

Sources: the security checklist, item 66 (only consenting people; Safe Harbor's direct identifiers dropped; no
free text; a random per-study id; a per-participant date shift keeping within-person intervals; ages over 89 as
"90+"; quasi-identifiers generalized until k >= 10, small cells suppressed); Sweeney, "k-anonymity: a model for
protecting privacy" (2002) and Samarati, "Protecting respondents' identities in microdata release" (2001) for
full-domain generalization over a lattice of levels with a bounded share of suppressed records; HIPAA Safe Harbor,
45 CFR 164.514(b)(2), for the ages over 89.

How it works: every quasi-identifier has a ladder of levels, from its finest release to "*" (nothing). A plan
picks one level per quasi-identifier for the whole release (the same for everyone, so a reader can compare
people), the least generalized combination whose small cells (fewer than ``K`` people) hold at most
``MAX_SUPPRESSED_SHARE`` of the people; those people are then left out of the release altogether.
"""

from __future__ import annotations

import itertools
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

K = 10
MAX_SUPPRESSED_SHARE = 0.05
SHIFT_DAYS = 180  # a person's dates move by the same number of days, between -180 and +180, never 0
OLDEST_EXACT_AGE = 89  # Safe Harbor: older ages are released as "90+" and nothing finer
YOUNGEST_AGE = 18  # the app is for adults; a younger age (a mistyped year) joins the first band
ANY = "*"
NOT_SAID = "not_said"
OTHER_COUNTRY = "other"

# What a person may answer when joining a study (optional but for the year of birth), finest first.
GENDERS: dict[str, str] = {
    "woman": "Woman",
    "man": "Man",
    "non_binary": "Non-binary",
    "another": "Another way",
    NOT_SAID: "I'd rather not say",
}
RELATIONSHIPS: dict[str, str] = {
    "none": "Not in a relationship now",
    "under_1": "Less than a year",
    "1_to_3": "1 to 3 years",
    "3_to_10": "3 to 10 years",
    "over_10": "More than 10 years",
    NOT_SAID: "I'd rather not say",
}
QUASI_IDENTIFIERS = ("age", "country", "gender", "relationship")


@dataclass(frozen=True)
class Quasi:
    """One person's quasi-identifiers as stored: an age in whole years, an ISO country code ("" if unknown), and
    the gender and relationship answers (keys of ``GENDERS`` and ``RELATIONSHIPS``)."""

    age: int
    country: str
    gender: str = NOT_SAID
    relationship: str = NOT_SAID


def age_in_years(*, birth_year: int, on: date) -> int:
    """The age reached in the year of ``on`` (a year of birth alone cannot say more; it may be one year high)."""
    return on.year - birth_year


def _band(age: int, edges: tuple[int, ...]) -> str:
    """The band of ``age`` among bands starting at each edge; the last band ends at ``OLDEST_EXACT_AGE``."""
    age = max(age, YOUNGEST_AGE)
    if age > OLDEST_EXACT_AGE:
        return "90+"
    for low, high in itertools.pairwise((*edges, OLDEST_EXACT_AGE + 1)):
        if low <= age < high:
            return f"{low}-{high - 1}"
    raise AssertionError(f"no band for age {age}")  # pragma: no cover - edges start at YOUNGEST_AGE


_AGE_EDGES: tuple[tuple[int, ...], ...] = (
    (18, *range(25, 90, 5)),  # 18-24, 25-29, ... 85-89
    (18, *range(30, 90, 10)),  # 18-29, 30-39, ... 80-89
    (18, 40, 65),  # 18-39, 40-64, 65-89
)


def age_released(age: int, level: int) -> str:
    """Level 0 to 2: bands of 5, 10 and about 25 years, over 89 always "90+"; level 3: "*"."""
    if level >= len(_AGE_EDGES):
        return ANY
    return _band(age, _AGE_EDGES[level])


def gender_released(gender: str, level: int) -> str:
    """Level 0: as answered; level 1: woman, man, or "another or not said"; level 2: "*"."""
    if gender not in GENDERS:
        gender = NOT_SAID
    if level == 0:
        return gender
    if level == 1:
        return gender if gender in ("woman", "man") else "another_or_not_said"
    return ANY


def relationship_released(relationship: str, level: int) -> str:
    """Level 0: as answered; level 1: none, under 3 years, 3 years or more, not said; level 2: "*"."""
    if relationship not in RELATIONSHIPS:
        relationship = NOT_SAID
    if level == 0:
        return relationship
    if level == 1:
        return {"under_1": "under_3", "1_to_3": "under_3", "3_to_10": "3_or_more", "over_10": "3_or_more"}.get(
            relationship, relationship
        )
    return ANY


def country_released(country: str, level: int, rare: frozenset[str]) -> str:
    """Level 0: the country (never finer); level 1: countries with fewer than K people pooled as "other";
    level 2: "*". An unknown country is "other" at levels 0 and 1."""
    if level >= 2:
        return ANY
    if not country or (level == 1 and country in rare):
        return OTHER_COUNTRY
    return country


# The number of levels of each quasi-identifier, "*" the last.
LEVELS: dict[str, int] = {"age": len(_AGE_EDGES) + 1, "country": 3, "gender": 3, "relationship": 3}

# Every value a released quasi-identifier can take (the codebook lists them; the writer refuses anything else).
AGE_VALUES: tuple[str, ...] = tuple(
    dict.fromkeys(age_released(age, level) for level in range(LEVELS["age"]) for age in range(YOUNGEST_AGE, 100))
)
GENDER_VALUES: tuple[str, ...] = tuple(
    dict.fromkeys(gender_released(g, level) for level in range(LEVELS["gender"]) for g in GENDERS)
)
RELATIONSHIP_VALUES: tuple[str, ...] = tuple(
    dict.fromkeys(relationship_released(r, level) for level in range(LEVELS["relationship"]) for r in RELATIONSHIPS)
)

Released = tuple[str, str, str, str]


@dataclass(frozen=True)
class Generalization:
    """One level per quasi-identifier for a whole release, and the countries too rare to name at level 1."""

    age: int = 0
    country: int = 0
    gender: int = 0
    relationship: int = 0
    rare_countries: frozenset[str] = frozenset()

    @property
    def height(self) -> int:
        return self.age + self.country + self.gender + self.relationship

    def apply(self, quasi: Quasi) -> Released:
        return (
            age_released(quasi.age, self.age),
            country_released(quasi.country, self.country, self.rare_countries),
            gender_released(quasi.gender, self.gender),
            relationship_released(quasi.relationship, self.relationship),
        )


@dataclass(frozen=True)
class Plan:
    """What a release does with quasi-identifiers: the generalization, and the cells left out (fewer than k)."""

    generalization: Generalization
    suppressed_cells: frozenset[Released]
    people: int
    suppressed_people: int
    k: int

    def release(self, quasi: Quasi) -> Released | None:
        """The person's released quasi-identifiers, or None when their cell is too small to release."""
        released = self.generalization.apply(quasi)
        return None if released in self.suppressed_cells else released


def cells(histogram: Mapping[Quasi, int], generalization: Generalization) -> Counter[Released]:
    """How many people share each released combination under ``generalization``."""
    counts: Counter[Released] = Counter()
    for quasi, people in histogram.items():
        counts[generalization.apply(quasi)] += people
    return counts


def smallest_cell(released: Iterable[Released]) -> int:
    """The size of the smallest group of people sharing all quasi-identifiers (0 for an empty release): the
    release is k-anonymous when this is at least k."""
    counts = Counter(released)
    return min(counts.values(), default=0)


def is_k_anonymous(released: Iterable[Released], k: int = K) -> bool:
    counts = Counter(released)
    return all(n >= k for n in counts.values())


def plan_release(
    histogram: Mapping[Quasi, int], *, k: int = K, max_suppressed_share: float = MAX_SUPPRESSED_SHARE
) -> Plan:
    """The least generalized plan whose small cells hold at most ``max_suppressed_share`` of the people.

    ``histogram`` counts the people with each stored combination of quasi-identifiers (a few thousand cells at
    most, whatever the number of rows). Every combination of levels is tried (48 of them); among those within the
    suppression budget the lowest total level wins, then the fewest people suppressed, then the lattice order
    (age first generalized last). The top of the lattice ("*" everywhere) is one cell of everyone, so with at least
    k people a plan always fits the budget; with fewer, everyone is suppressed.
    """
    people = sum(histogram.values())
    country_counts: Counter[str] = Counter()
    for quasi, n in histogram.items():
        country_counts[quasi.country] += n
    rare = frozenset(country for country, n in country_counts.items() if n < k)
    budget = int(people * max_suppressed_share)
    best: Plan | None = None
    for age, country, gender, relationship in itertools.product(*(range(LEVELS[name]) for name in QUASI_IDENTIFIERS)):
        generalization = Generalization(age, country, gender, relationship, rare)
        counts = cells(histogram, generalization)
        small = frozenset(cell for cell, n in counts.items() if n < k)
        suppressed = sum(counts[cell] for cell in small)
        plan = Plan(generalization, small, people, suppressed, k)
        if suppressed > budget and people >= k:
            continue
        if best is None or _better(plan, best):
            best = plan
    assert best is not None  # the top of the lattice is always a candidate
    return best


def _better(plan: Plan, than: Plan) -> bool:
    """Lower beats higher, then fewer people left out; the first found wins a tie."""
    return (plan.generalization.height, plan.suppressed_people) < (than.generalization.height, than.suppressed_people)


def new_participant_code() -> str:
    """A participant's id in one study: 16 random hex digits, unrelated to anything else about them."""
    return secrets.token_hex(8)


def new_date_shift() -> int:
    """A person's date shift in days, uniform in [-SHIFT_DAYS, SHIFT_DAYS] without 0 (a shift of 0 is no shift)."""
    shift = 0
    while shift == 0:
        shift = secrets.randbelow(2 * SHIFT_DAYS + 1) - SHIFT_DAYS
    return shift


def shifted(day: date, shift_days: int) -> date:
    """``day`` moved by the person's shift: every date of one person moves alike, so intervals between them hold."""
    return day + timedelta(days=shift_days)
