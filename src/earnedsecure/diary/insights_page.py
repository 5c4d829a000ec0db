"""Turn the insights selector's rows into the page: SVG charts, plain-language captions and number tables."""

from __future__ import annotations

from django.utils import formats
from django.utils.html import format_html_join

from earnedsecure.diary import charts
from earnedsecure.diary.models import ProtestResult, Response
from earnedsecure.diary.selectors import RANGES, Insights
from earnedsecure.domain.cycle import RESPONSES, TOOLS
from earnedsecure.domain.progress.figures import duration_in_words, recovery_scale
from earnedsecure.domain.progress.insights import change_sentence

RECOVERY_TICKS = [(1, "1m"), (10, "10m"), (60, "1h"), (6 * 60, "6h"), (24 * 60, "1d"), (4 * 24 * 60, "4d")]


def _week_labels(weeks) -> list[str]:
    """Label the first week of a month (every third month when the range is long)."""
    long_range = len(weeks) > 60
    labels = []
    previous = None
    for week in weeks:
        month = (week.start.year, week.start.month)
        label = ""
        if month != previous and (not long_range or week.start.month in (1, 4, 7, 10)):
            label = week.start.strftime("%b") if not long_range else week.start.strftime("%b %y")
        previous = month
        labels.append(label)
    if weeks and not any(labels):
        labels[0] = weeks[0].start.strftime("%b")
    return labels


def _month_label(month, long_range: bool) -> str:
    if long_range:
        return month.start.strftime("%b %y") if month.start.month in (1, 7) else ""
    return month.start.strftime("%b")


def _average(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _window_mean(weeks, size: int, *, last: bool) -> tuple[float | None, float | None]:
    """Activations per week and mean intensity over the first or last ``size`` weeks that have any entries."""
    chosen = weeks[-size:] if last else weeks[:size]
    if not chosen:
        return None, None
    per_week = sum(w.activations for w in chosen) / len(chosen)
    total = sum(w.activations for w in chosen)
    intensity = sum((w.mean_intensity or 0) * w.activations for w in chosen) / total if total else None
    return per_week, intensity


# A day-old diary would draw months of empty charts: until this many activations are in the chosen period,
# the page says what will appear instead of drawing nothing.
CHARTS_AFTER = 5


def build(result: Insights) -> dict:
    weeks, months = result.weeks, result.months
    labels = _week_labels(weeks)
    long_range = len(months) > 14
    # Start the comparison where the person started writing, not at the empty beginning of the range.
    started = next((i for i, w in enumerate(weeks) if w.activations), len(weeks))
    used_weeks = weeks[started:]
    first_rate, first_intensity = _window_mean(used_weeks, 4, last=False)
    last_rate, last_intensity = _window_mean(used_weeks, 4, last=True)
    recovered = [m for m in months if m.median_recovery is not None]
    first_recovery = recovered[0].median_recovery if recovered else None
    last_recovery = recovered[-1].median_recovery if recovered else None

    headline = {
        "rate": change_sentence(first=first_rate, last=last_rate, what="activations per week")
        if len(used_weeks) >= 8
        else None,
        "intensity": change_sentence(first=first_intensity, last=last_intensity, what="average intensity")
        if len(used_weeks) >= 8
        else None,
        "first_recovery": duration_in_words(first_recovery, missing="no data"),
        "last_recovery": duration_in_words(last_recovery, missing="no data"),
        "first_scale": recovery_scale(first_recovery),
        "last_scale": recovery_scale(last_recovery),
        "first_month": recovered[0].start if recovered else None,
        "last_month": recovered[-1].start if recovered else None,
    }

    per_week_max = max([w.activations for w in weeks] + [4])
    step = max(1, -(-per_week_max // 4))
    frequency = charts.columns(
        [(label, w.activations) for label, w in zip(labels, weeks, strict=True)],
        title="Activations per week",
        desc=f"{result.total_activations} activations over {len(weeks)} weeks; the latest week is {weeks[-1].activations if weeks else 0}.",
        y_ticks=[(n, str(n)) for n in range(0, per_week_max + step, step)],
        highlight_last=True,
    )
    intensity = charts.line(
        [(label, w.mean_intensity) for label, w in zip(labels, weeks, strict=True)],
        title="Average intensity per week (0 to 10)",
        desc="Average of how strong each activation felt at the start, per week; gaps are weeks with none.",
        y_max=10,
        y_ticks=[0, 5, 10],
    )
    recovery = charts.columns(
        [(_month_label(m, long_range), m.median_recovery if m.median_recovery is not None else None) for m in months],
        title="Typical time to feel calm again, per month",
        desc=f"Median recovery time per month, from {headline['first_recovery']} in the first month with data "
        f"to {headline['last_recovery']} in the latest.",
        y_ticks=RECOVERY_TICKS,
        log=True,
        highlight_last=True,
    )
    charted = (Response.PROTEST, Response.DIRECT, Response.SOOTHING, Response.WAITED)
    response_series = [(RESPONSES.get(key).short_label, f"chart-{key}") for key in charted]
    responses_chart = charts.stacked_columns(
        [(label, (w.protest, w.direct, w.soothing, w.waited)) for label, w in zip(labels, weeks, strict=True)],
        series=response_series,
        title="What you did when activated, per week",
        desc="Protest behaviours compared with saying it directly, soothing yourself or waiting it out.",
    )
    trigger_rows = [(label, n, f"{n} · avg {mean:.1f}/10") for _, label, n, mean in result.triggers]
    triggers_chart = (
        charts.bars(trigger_rows, title="What set it off", desc="Number of activations per kind of trigger.")
        if trigger_rows
        else None
    )
    protest_labels = dict(ProtestResult.choices) | {"unknown": "Not recorded"}
    protest_rows = [
        (protest_labels[key], n, str(n)) for key, n in result.protest_results.items() if n or key != "mixed"
    ]
    protest_total = sum(result.protest_results.values())
    protest_chart = (
        charts.bars(
            protest_rows,
            title="When you protested, did it work?",
            desc="How often a protest behaviour got the reassurance you wanted, backfired, or both.",
            classes=[
                {"worked": "chart-worked", "backfired": "chart-backfired"}.get(key, "chart-bar")
                for key, n in result.protest_results.items()
                if n or key != "mixed"
            ],
        )
        if protest_total
        else None
    )
    tool_rows = []
    for effect in result.tools:
        note = f"({effect.sessions} session{'s' if effect.sessions != 1 else ''})"
        tool_rows.append((TOOLS.get(effect.tool).label, effect.mean_drop, effect.low, effect.high, note))
    tools_chart = charts.intervals(
        tool_rows,
        title="How much each tool lowers your distress",
        desc="Average drop in distress (0 to 10) from before to after, with a 95% range; right of the zero line means calmer.",
        x_min=-2,
        x_max=8,
    )
    moments_chart = charts.columns(
        [(_month_label(m, long_range), m.good_moments) for m in months],
        title="Good moments kept, per month",
        desc=f"{result.total_good_moments} good moments written down in this period.",
        y_ticks=[(n, str(n)) for n in range(0, max([m.good_moments for m in months] + [4]) + 2, 2)],
        height=150,
    )
    total_responses = sum(v for k, v in result.responses.items() if k != "unrecorded")
    response_share = {
        key: round(100 * result.responses.get(key, 0) / total_responses) if total_responses else 0 for key in charted
    }
    return {
        "insights": result,
        "charts_after": CHARTS_AFTER,
        "enough_to_chart": result.total_activations >= CHARTS_AFTER,
        "ranges": [(key, label) for key, (label, _) in RANGES.items()],
        "range_label": RANGES[result.range_key][0],
        "headline": headline,
        "charts": {
            "frequency": frequency,
            "intensity": intensity,
            "recovery": recovery,
            "responses": responses_chart,
            "triggers": triggers_chart,
            "protest": protest_chart,
            "tools": tools_chart,
            "moments": moments_chart,
        },
        "response_share": response_share,
        "protest_total": protest_total,
        "tool_rows": [(TOOLS.get(e.tool), e) for e in result.tools],
        # The number tables are built here rather than in the template: a template loop over 150 weeks cost
        # more than all the SQL on the page.
        "months_rows": format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    formats.date_format(m.start, "M Y"),
                    duration_in_words(m.median_recovery, missing="–"),
                    m.with_recovery,
                    m.good_moments,
                    duration_in_words(m.mean_feeling_minutes, missing="–"),
                )
                for m in months
            ),
        ),
        "weeks_rows": format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    w.start.strftime("%-d %b %Y"),
                    w.activations,
                    f"{w.mean_intensity:.1f}" if w.mean_intensity is not None else "–",
                    w.protest,
                    w.direct,
                    w.soothing,
                    w.waited,
                )
                for w in weeks
            ),
        ),
    }
