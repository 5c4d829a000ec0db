"""Plain-language progress figures from a person's own diary: which tools calm them, and by how much.

Framework-free: numbers in, frozen dataclasses and strings out. The database does the counting (sums and
sums of squares per tool, recovery minutes per month); this module turns those summaries into statements a
person can trust, with an honest margin. The median, durations in words and the most helpful tool are in
``domain.progress.figures``.

Sources: the mission report, "Building Self-Regulation Skills" (4-7-8 breathing, grounding, progressive
muscle relaxation, self-compassion) and "Progress is Non-Linear" ("Recovery time decreases with practice
(from days to hours to minutes)"). The interval is the textbook one for a mean: mean +/- t(0.975, n-1) * s/sqrt(n)
(Student's t; the normal 1.96 beyond 120 degrees of freedom).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# Below this many sessions with a before and an after rating we say "not enough data yet".
MIN_SESSIONS = 3

# Two-sided 95% critical values of Student's t by degrees of freedom. Between listed values we use the
# next smaller df (a slightly wider, more cautious interval).
_T_975 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
_Z_975 = 1.960


def t_critical_95(df: int) -> float:
    """The two-sided 95% critical value of Student's t with ``df`` degrees of freedom (df >= 1)."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if df > 120:
        return _Z_975
    return _T_975[max(k for k in _T_975 if k <= df)]


@dataclass(frozen=True)
class ToolEffect:
    """How much one tool lowers this person's distress (0-10 scale), from their own sessions."""

    tool: str
    sessions: int
    mean_drop: float | None  # before minus after; positive means calmer afterwards
    low: float | None  # 95% interval for the mean drop
    high: float | None

    @property
    def enough_data(self) -> bool:
        return self.sessions >= MIN_SESSIONS and self.low is not None

    @property
    def verdict(self) -> str:
        """One plain sentence about the tool, honest about how sure it is."""
        if not self.enough_data:
            more = MIN_SESSIONS - self.sessions
            return f"Not enough data yet: {max(more, 1)} more session{'s' if more != 1 else ''} with a before and after rating."
        assert self.mean_drop is not None and self.low is not None and self.high is not None
        drop = f"{self.mean_drop:.1f}"
        span = f"(somewhere between {self.low:.1f} and {self.high:.1f}, 95% sure)"
        if self.low > 0:
            return f"Calms you: distress drops by {drop} points on average {span}."
        if self.high < 0:
            return f"Distress tends to rise with this one: {drop} points on average {span}."
        return f"Not clear yet: {drop} points on average {span}; it could help or not."


def tool_effect_from_summary(*, tool: str, sessions: int, total_drop: float, total_drop_squared: float) -> ToolEffect:
    """A ``ToolEffect`` from the sums a database can compute: n, sum of drops, sum of squared drops."""
    if sessions < 0:
        raise ValueError("sessions cannot be negative")
    if sessions == 0:
        return ToolEffect(tool=tool, sessions=0, mean_drop=None, low=None, high=None)
    mean = total_drop / sessions
    if sessions < 2:
        return ToolEffect(tool=tool, sessions=sessions, mean_drop=mean, low=None, high=None)
    # Sample variance from sums; rounding can push a zero variance a hair below zero.
    variance = max(0.0, (total_drop_squared - total_drop * total_drop / sessions) / (sessions - 1))
    margin = t_critical_95(sessions - 1) * math.sqrt(variance / sessions)
    return ToolEffect(tool=tool, sessions=sessions, mean_drop=mean, low=mean - margin, high=mean + margin)


def tool_effect(tool: str, drops: Iterable[float]) -> ToolEffect:
    """A ``ToolEffect`` from the individual drops (before minus after) of each session."""
    values = list(drops)
    return tool_effect_from_summary(
        tool=tool, sessions=len(values), total_drop=sum(values), total_drop_squared=sum(v * v for v in values)
    )


def rank_tool_effects(effects: Iterable[ToolEffect]) -> list[ToolEffect]:
    """Tools we are surest calm this person first (highest lower bound), then the ones without enough data."""
    effects = list(effects)
    known = [e for e in effects if e.enough_data]
    unknown = [e for e in effects if not e.enough_data]
    known.sort(key=lambda e: (-(e.low or 0.0), -(e.mean_drop or 0.0), e.tool))
    unknown.sort(key=lambda e: (-e.sessions, e.tool))
    return known + unknown


def change_sentence(*, first: float | None, last: float | None, what: str, lower_is_better: bool = True) -> str:
    """Compare the first and latest period in plain words, e.g. for activations per week or intensity."""
    if first is None or last is None:
        return f"Not enough entries yet to compare {what} over time."
    if math.isclose(first, last, rel_tol=0.1, abs_tol=0.05):
        return f"{what.capitalize()} is about the same as when you started."
    better = (last < first) == lower_is_better
    direction = "down" if last < first else "up"
    tone = "that is the direction you are working towards" if better else "setbacks are part of the path"
    return f"{what.capitalize()} is {direction} from {first:.1f} to {last:.1f}; {tone}."
