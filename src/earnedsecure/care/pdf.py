"""The one-page client report as a PDF, drawn with fpdf2 (pure Python: no browser, no system fonts).

It holds the same figures as the HTML report and nothing else: scores, dates, counts, durations, the pathway
stage. Never a word the person wrote. The built-in Helvetica covers Latin-1; a name outside it is shown with
its unknown letters replaced, never dropped silently to an empty line.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from fpdf import FPDF

from earnedsecure.care.selectors import Client

INK = (34, 40, 49)
QUIET = (96, 104, 115)
ALERT = (160, 40, 40)


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def _score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def client_pdf(client: Client, *, now: datetime) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Between-session report: {client.name}"))
    pdf.set_author("Earned Secure")
    pdf.set_auto_page_break(auto=True, margin=15)
    # Dated by the day, not the second: the same figures make the same file all day.
    day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    pdf.set_creation_date(day)
    pdf.add_page()
    width = pdf.epw

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_text_color(*INK)
        pdf.cell(width, 7, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def line(text: str, *, colour=INK, style: str = "") -> None:
        pdf.set_font("Helvetica", style, 10)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, 5.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    pdf.set_font("Helvetica", "B", 16)
    pdf.set_text_color(*INK)
    pdf.cell(width, 9, _latin1(f"Between-session report: {client.name}"), new_x="LMARGIN", new_y="NEXT")
    line(
        f"Made {day:%d %b %Y}. Figures from the person's own check-ins and diary.",
        colour=QUIET,
    )

    if client.alerts is not None:
        heading("Safety alerts (mood check-in question 9)")
        if client.alerts:
            line(
                f"Question 9 answered above 0 on {len(client.alerts)} occasion(s) in the last 4 weeks, latest "
                f"{timezone.localtime(client.alerts[0]):%d %b %Y}. The person was shown crisis resources at the time.",
                colour=ALERT,
                style="B",
            )
        else:
            line("None in the last 4 weeks.")

    if client.measures is not None:
        heading("Check-ins over time")
        columns = (0.40, 0.09, 0.09, 0.21, 0.21)
        pdf.set_font("Helvetica", "B", 9)
        for share, title in zip(columns, ("Measure", "First", "Latest", "Since first", "Since previous"), strict=True):
            pdf.cell(width * share, 6, title, border="B")
        pdf.ln()
        pdf.set_font("Helvetica", "", 9)
        for measure in client.measures:
            if not measure.points:
                continue
            cells = (
                f"{measure.name} ({len(measure.points)} check-ins)",
                _score(measure.points[0][1]),
                _score(measure.points[-1][1]),
                measure.since_first.word if measure.since_first else "-",
                measure.since_previous.word if measure.since_previous else "-",
            )
            pdf.set_text_color(*(ALERT if measure.worse else INK))
            for share, text in zip(columns, cells, strict=True):
                pdf.cell(width * share, 6, _latin1(text))
            pdf.ln()
        pdf.set_text_color(*INK)
        if not any(m.points for m in client.measures):
            line("No check-ins yet.")
        else:
            line(
                "Reliable change: Jacobson-Truax index for the ECR-R; NHS Talking Therapies thresholds for PHQ-9 "
                "and GAD-7. Lower is better on every measure.",
                colour=QUIET,
            )

    if client.activation is not None:
        figures = client.activation.figures
        heading(f"Activations, last {client.activation.weeks} weeks")
        if figures.count:
            line(
                f"{figures.count} activations, about {client.activation.per_week:.1f} a week; "
                f"mean intensity {figures.mean_intensity:.1f} of 10."
            )
            line(
                f"Typical time to calm: {client.activation.time_to_calm}. What helped most: "
                f"{client.activation.what_helped}."
            )
            line(
                f"Responses: {figures.protest} protest, {figures.direct} direct, {figures.other_responses} other "
                "(soothed, waited, something else)."
            )
        else:
            line("No activations recorded in this window.")

    if client.stage is not None:
        heading("Pathway")
        line(f"Stage: {client.stage}.")

    pdf.ln(4)
    line(
        "This report shows what the person recorded. It is not a diagnosis and does not replace clinical judgement.",
        colour=QUIET,
    )
    return bytes(pdf.output())
