"""Server-rendered SVG charts (no JavaScript, CSP-safe: presentation through classes in assessments.css).

Each chart carries a <title> and <desc> for screen readers; the pages also show the same numbers as text.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from earnedsecure.domain.instruments import ErrorBand

PLANE = 300
PLANE_MARGIN = 44


def _plane_xy(avoidance: float, anxiety: float) -> tuple[float, float]:
    inner = PLANE - 2 * PLANE_MARGIN
    x = PLANE_MARGIN + (avoidance - 1) / 6 * inner
    y = PLANE - PLANE_MARGIN - (anxiety - 1) / 6 * inner
    return round(x, 1), round(y, 1)


def attachment_plane(
    *, anxiety: float, avoidance: float, anxiety_band: ErrorBand, avoidance_band: ErrorBand, chart_id: str
) -> SafeString:
    """Anxiety (up) against avoidance (right), 1-7, midlines at 4, the point with its 95% error box."""
    x0, y1 = _plane_xy(1, 1)
    x1, y0 = _plane_xy(7, 7)
    mx, my = _plane_xy(4, 4)
    px, py = _plane_xy(avoidance, anxiety)
    bx0, by1 = _plane_xy(avoidance_band.low, anxiety_band.low)
    bx1, by0 = _plane_xy(avoidance_band.high, anxiety_band.high)
    ticks = format_html_join(
        "",
        '<text class="plane__tick" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="plane__tick" x="{}" y="{}" text-anchor="end">{}</text>',
        ((_plane_xy(v, 1)[0], y1 + 16, v, x0 - 6, _plane_xy(1, v)[1] + 4, v) for v in (1, 4, 7)),
    )
    # Each corner's name in its own quadrant, broken after the hyphen so that two names never meet.
    quadrants = format_html_join(
        "",
        '<text class="plane__quadrant" x="{}" y="{}" text-anchor="{}">{}</text>',
        (
            (x, y + 13 * i, anchor, line)
            for x, y, anchor, name in (
                (x0 + 6, y0 + 14, "start", "anxious-preoccupied"),
                (x1 - 6, y0 + 14, "end", "fearful-avoidant"),
                (x0 + 6, y1 - 8, "start", "secure"),
                (x1 - 6, y1 - 21, "end", "dismissing-avoidant"),
            )
            for i, line in enumerate(name.replace("-", "-\n").split("\n"))
        ),
    )
    title = "Where your two scores place you"
    desc = (
        f"A square plot with avoidance from 1 to 7 across and anxiety from 1 to 7 upwards, divided at 4. "
        f"Your point is at avoidance {avoidance:.2f} and anxiety {anxiety:.2f}. The shaded box around it shows "
        f"the measurement noise: anxiety {anxiety_band.low:.2f} to {anxiety_band.high:.2f}, "
        f"avoidance {avoidance_band.low:.2f} to {avoidance_band.high:.2f}."
    )
    return format_html(
        '<svg class="plane" viewBox="0 {top} {size} {height}" role="img" aria-labelledby="{id}-t {id}-d">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>'
        '<rect class="plane__frame" x="{x0}" y="{y0}" width="{w}" height="{h}"/>'
        '<line class="plane__mid" x1="{mx}" y1="{y0}" x2="{mx}" y2="{y1}"/>'
        '<line class="plane__mid" x1="{x0}" y1="{my}" x2="{x1}" y2="{my}"/>'
        "{quadrants}{ticks}"
        '<rect class="plane__band" x="{bx0}" y="{by0}" width="{bw}" height="{bh}"/>'
        '<line class="plane__whisker" x1="{bx0}" y1="{py}" x2="{bx1}" y2="{py}"/>'
        '<line class="plane__whisker" x1="{px}" y1="{by0}" x2="{px}" y2="{by1}"/>'
        '<circle class="plane__point" cx="{px}" cy="{py}" r="6"/>'
        '<text class="plane__axis" x="{cx}" y="{axis_y}" text-anchor="middle">Avoidance →</text>'
        '<text class="plane__axis" x="14" y="{cy}" text-anchor="middle" transform="rotate(-90 14 {cy})">'
        "Anxiety →</text></svg>",
        size=PLANE,
        top=PLANE_MARGIN - 16,
        height=PLANE - PLANE_MARGIN + 16,
        id=chart_id,
        title=title,
        desc=desc,
        x0=x0,
        y0=y0,
        x1=x1,
        y1=y1,
        w=round(x1 - x0, 1),
        h=round(y1 - y0, 1),
        mx=mx,
        my=my,
        quadrants=quadrants,
        ticks=ticks,
        bx0=bx0,
        by0=by0,
        bx1=bx1,
        by1=by1,
        bw=round(bx1 - bx0, 1),
        bh=round(by1 - by0, 1),
        px=px,
        py=py,
        cx=(x0 + x1) / 2,
        cy=(y0 + y1) / 2,
        axis_y=PLANE - 6,
    )


TRAJ_W, TRAJ_H = 360, 190
TRAJ_LEFT, TRAJ_RIGHT, TRAJ_TOP, TRAJ_BOTTOM = 42, 12, 12, 30


def trajectory(
    *,
    points: list[tuple[datetime, float]],
    low: float,
    high: float,
    noise_band: tuple[float, float] | None,
    chart_id: str,
    title: str,
    desc: str,
    date_labels: tuple[str, str],
) -> SafeString:
    """A line over time on a fixed scale, with the band of no reliable change around the first result."""
    if not points:
        return SafeString("")
    start, end = points[0][0], points[-1][0]
    span = (end - start).total_seconds() or 1.0
    inner_w = TRAJ_W - TRAJ_LEFT - TRAJ_RIGHT
    inner_h = TRAJ_H - TRAJ_TOP - TRAJ_BOTTOM

    def xy(when: datetime, value: float) -> tuple[float, float]:
        x = (
            TRAJ_LEFT + ((when - start).total_seconds() / span) * inner_w
            if len(points) > 1
            else TRAJ_LEFT + inner_w / 2
        )
        y = TRAJ_TOP + (1 - (value - low) / (high - low)) * inner_h
        return round(x, 1), round(y, 1)

    coords = [xy(when, value) for when, value in points]
    band = SafeString("")
    if noise_band is not None:
        band_low, band_high = max(low, noise_band[0]), min(high, noise_band[1])
        _, top = xy(start, band_high)
        _, bottom = xy(start, band_low)
        band = format_html(
            '<rect class="traj__band" x="{}" y="{}" width="{}" height="{}"/>',
            TRAJ_LEFT,
            top,
            inner_w,
            round(bottom - top, 1),
        )
    mid = (low + high) / 2
    grid = format_html_join(
        "",
        '<line class="traj__grid" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="traj__tick" x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (
                TRAJ_LEFT,
                xy(start, v)[1],
                TRAJ_W - TRAJ_RIGHT,
                xy(start, v)[1],
                TRAJ_LEFT - 5,
                xy(start, v)[1] + 4,
                f"{v:g}",
            )
            for v in (low, mid, high)
        ),
    )
    line = " ".join(f"{x},{y}" for x, y in coords)
    # Rounded floats we computed: nothing to escape, so no format_html per point.
    dots = mark_safe("".join(f'<circle class="traj__point" cx="{x}" cy="{y}" r="3.5"/>' for x, y in coords))
    return format_html(
        '<svg class="traj" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>'
        '{band}{grid}<polyline class="traj__line" points="{line}"/>{dots}'
        '<text class="traj__tick" x="{left}" y="{bottom}" text-anchor="start">{first}</text>'
        '<text class="traj__tick" x="{right}" y="{bottom}" text-anchor="end">{last}</text></svg>',
        w=TRAJ_W,
        h=TRAJ_H,
        id=chart_id,
        title=title,
        desc=desc,
        band=band,
        grid=grid,
        line=line,
        dots=dots,
        left=TRAJ_LEFT,
        right=TRAJ_W - TRAJ_RIGHT,
        bottom=TRAJ_H - 8,
        first=date_labels[0],
        last=date_labels[1],
    )
