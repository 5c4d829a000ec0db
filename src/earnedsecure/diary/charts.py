"""Small server-rendered SVG charts: no JavaScript, no external library, readable on a phone.

Each function returns inline SVG (``role="img"`` with a ``<title>`` and ``<desc>``) drawn in a 360-unit-wide
viewBox, which a phone shows at about its own width so the 14-unit text stays legible. Sizes and colours
come from the one chart style in site.css (the strict CSP allows no inline styles). Every chart on a page also
has a caption and a data table next to it; the SVG is the picture, not the only way to read the numbers.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360
LEFT = 40
RIGHT = 8
TOP = 12
BOTTOM = 30
FONT = 14  # the text size site.css gives every chart, in viewBox units


def _width(text: str) -> float:
    """A generous estimate of how wide ``text`` is drawn (bold, at FONT), to keep it inside the picture."""
    return len(text) * FONT * 0.62


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _frame(*, title: str, desc: str, height: int, body: list[str]) -> SafeString:
    # Ids from the chart's own words, not a process-wide counter: the same page renders the same bytes.
    n = hashlib.blake2s(f"{title}\n{desc}".encode(), digest_size=4).hexdigest()
    return mark_safe(  # every piece of text below went through escape()
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart{n}t chart{n}d" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="chart{n}t">{escape(title)}</title><desc id="chart{n}d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, *, cls: str = "chart-label", anchor: str = "middle") -> str:
    return f'<text x="{_num(x)}" y="{_num(y)}" class="{cls}" text-anchor="{anchor}">{escape(text)}</text>'


def columns(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    desc: str,
    y_ticks: Sequence[tuple[float, str]],
    log: bool = False,
    height: int = 190,
    highlight_last: bool = False,
) -> SafeString:
    """Vertical bars, one per point; x labels are drawn where given (pass "" to leave a bar unlabelled).

    ``log`` draws the y axis on a log scale, for recovery times that run from minutes to days.
    """
    plot_h = height - TOP - BOTTOM
    top_value = max([t for t, _ in y_ticks] + [v or 0 for _, v in points] + [1])

    def scale(value: float) -> float:
        if log:
            low = math.log10(max(y_ticks[0][0], 1))
            return (math.log10(max(value, 1)) - low) / (math.log10(top_value) - low or 1)
        return value / top_value

    body = []
    for tick, label in y_ticks:
        y = TOP + plot_h * (1 - scale(tick))
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}" class="chart-grid"/>')
        body.append(_text(LEFT - 4, y + 4, label, anchor="end"))
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bar = max(slot * 0.7, 1.5)
    for i, (label, value) in enumerate(points):
        x = LEFT + slot * i + (slot - bar) / 2
        if value is not None and value > 0:
            h = max(plot_h * scale(value), 1.5)
            cls = "chart-bar chart-bar--now" if highlight_last and i == len(points) - 1 else "chart-bar"
            body.append(
                f'<rect x="{_num(x)}" y="{_num(TOP + plot_h - h)}" width="{_num(bar)}" height="{_num(h)}" class="{cls}"/>'
            )
        if label:
            body.append(_text(x + bar / 2, height - BOTTOM + 20, label))
    body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" class="chart-axis"/>')
    return _frame(title=title, desc=desc, height=height, body=body)


def line(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    desc: str,
    y_max: float,
    y_ticks: Sequence[float],
    height: int = 170,
) -> SafeString:
    """A line through the points that have a value (gaps where a period had none), with dots."""
    plot_h = height - TOP - BOTTOM
    body = []
    for tick in y_ticks:
        y = TOP + plot_h * (1 - tick / y_max)
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}" class="chart-grid"/>')
        body.append(_text(LEFT - 4, y + 4, _num(tick), anchor="end"))
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    segment: list[str] = []
    segments: list[list[str]] = []
    dots = []
    for i, (label, value) in enumerate(points):
        x = LEFT + slot * i + slot / 2
        if label:
            body.append(_text(x, height - BOTTOM + 20, label))
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        y = TOP + plot_h * (1 - value / y_max)
        segment.append(f"{_num(x)},{_num(y)}")
        dots.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="2.5" class="chart-dot"/>')
    if segment:
        segments.append(segment)
    body += [f'<polyline points="{" ".join(s)}" class="chart-line"/>' for s in segments if len(s) > 1]
    body += dots
    body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" class="chart-axis"/>')
    return _frame(title=title, desc=desc, height=height, body=body)


def stacked_columns(
    points: Sequence[tuple[str, Sequence[int]]],
    *,
    series: Sequence[tuple[str, str]],
    title: str,
    desc: str,
    height: int = 200,
) -> SafeString:
    """Stacked bars: each point's counts, in the order and classes of ``series`` ((label, css class))."""
    plot_h = height - TOP - BOTTOM - 22
    top_value = max([sum(c) for _, c in points] + [1])
    step = max(1, math.ceil(top_value / 4))
    body = []
    for tick in range(0, top_value + 1, step):
        y = TOP + 22 + plot_h * (1 - tick / top_value)
        body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(y)}" y2="{_num(y)}" class="chart-grid"/>')
        body.append(_text(LEFT - 4, y + 4, str(tick), anchor="end"))
    # Legend across the top.
    x = LEFT
    for label, cls in series:
        body.append(f'<rect x="{x}" y="5" width="10" height="10" class="{cls}"/>')
        body.append(_text(x + 14, 15, label, anchor="start"))
        x += 14 + _width(label) + 10
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bar = max(slot * 0.7, 1.5)
    for i, (label, counts) in enumerate(points):
        bx = LEFT + slot * i + (slot - bar) / 2
        y = TOP + 22 + plot_h
        for count, (_, cls) in zip(counts, series, strict=False):
            if count:
                h = plot_h * count / top_value
                y -= h
                body.append(
                    f'<rect x="{_num(bx)}" y="{_num(y)}" width="{_num(bar)}" height="{_num(h)}" class="{cls}"/>'
                )
        if label:
            body.append(_text(bx + bar / 2, height - BOTTOM + 20, label))
    base = TOP + 22 + plot_h
    body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" class="chart-axis"/>')
    return _frame(title=title, desc=desc, height=height, body=body)


def bars(
    rows: Sequence[tuple[str, float, str]],
    *,
    title: str,
    desc: str,
    classes: Sequence[str] | None = None,
) -> SafeString:
    """Horizontal bars with the label above each bar and the value text at its end: (label, value, text).

    The longest bar leaves room for the widest value text, and a label too long for the picture is shortened
    with an ellipsis rather than cut off at the edge.
    """
    row_h = 40
    height = max(row_h * len(rows) + 8, 30)
    top_value = max([v for _, v, _ in rows] + [1])
    usable = max(WIDTH - RIGHT - 6 - max([_width(text) for _, _, text in rows] + [0]), WIDTH / 3)
    fits = int(WIDTH / (FONT * 0.6))
    body = []
    for i, (label, value, text) in enumerate(rows):
        y = i * row_h + 18
        shown = label if len(label) <= fits else label[: fits - 1].rstrip() + "\u2026"
        body.append(_text(2, y, shown, anchor="start"))
        w = usable * value / top_value
        cls = classes[i] if classes else "chart-bar"
        if w > 0:
            body.append(f'<rect x="0" y="{y + 5}" width="{_num(max(w, 2))}" height="14" class="{cls}"/>')
        body.append(_text(w + 6, y + 17, text, anchor="start", cls="chart-value"))
    return _frame(title=title, desc=desc, height=height, body=body)


def intervals(
    rows: Sequence[tuple[str, float | None, float | None, float | None, str]],
    *,
    title: str,
    desc: str,
    x_min: float = -2,
    x_max: float = 6,
    fmt: Callable[[float], str] = _num,
) -> SafeString:
    """A dot per row at its mean with a whisker across its 95% interval, and a line at zero ("no change")."""
    row_h = 46
    height = row_h * len(rows) + 40
    left, right = 8, WIDTH - 8

    def x(value: float) -> float:
        value = min(max(value, x_min), x_max)
        return left + (right - left) * (value - x_min) / (x_max - x_min)

    body = []
    ticks = range(math.ceil(x_min), math.floor(x_max) + 1, 2)
    for tick in ticks:
        body.append(_text(x(tick), height - 8, fmt(tick)))
    body.append(_text(right, height - 22, "calmer after \u2192", anchor="end"))
    for i, (label, mean, low, high, note) in enumerate(rows):
        y = i * row_h + 14
        body.append(_text(left, y, f"{label} {note}".strip(), anchor="start", cls="chart-value"))
        cy = y + 16
        for tick in ticks:
            cls = "chart-zero" if tick == 0 else "chart-grid"
            body.append(f'<line x1="{_num(x(tick))}" x2="{_num(x(tick))}" y1="{cy - 9}" y2="{cy + 9}" class="{cls}"/>')
        if low is not None and high is not None:
            body.append(f'<line x1="{_num(x(low))}" x2="{_num(x(high))}" y1="{cy}" y2="{cy}" class="chart-whisker"/>')
            for end in (low, high):
                body.append(
                    f'<line x1="{_num(x(end))}" x2="{_num(x(end))}" y1="{cy - 5}" y2="{cy + 5}" class="chart-whisker"/>'
                )
        if mean is not None:
            cls = "chart-dot chart-dot--big" if low is not None else "chart-dot chart-dot--faint"
            body.append(f'<circle cx="{_num(x(mean))}" cy="{cy}" r="5" class="{cls}"/>')
    return _frame(title=title, desc=desc, height=height, body=body)
