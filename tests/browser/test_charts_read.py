"""Charts read on a phone and on a desktop (issue 13): every word drawn in a chart is between 11 and 18 px on
screen at 390 px and at 1366 px wide, and none of it runs past the edge of its chart or over other words."""

import pytest

from earnedsecure.assessments.models import InstrumentResponse
from earnedsecure.core.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_create
from tests.browser.conftest import sign_in

MEASURE = """() => [...document.querySelectorAll('svg[role=img]')].flatMap((svg) => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const boxes = texts.map((text) => text.getBoundingClientRect());
  const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 3 && b.top < a.bottom - 3;
  return texts.map((text, i) => {
    const drawn = boxes[i];
    return {
      overlaps: boxes.filter((other, j) => j !== i && meets(drawn, other)).map((_, j) => j).length,
      text: text.textContent,
      px: parseFloat(getComputedStyle(text).fontSize) * scale,
      at: [drawn.left, drawn.right, drawn.top, drawn.bottom, box.left, box.right, box.top, box.bottom].map(Math.round),
      outside: drawn.left < box.left - 0.5 || drawn.right > box.right + 0.5
        || drawn.top < box.top - 0.5 || drawn.bottom > box.bottom + 0.5,
    };
  });
})"""


@pytest.mark.parametrize("width", [390, 1366])
def test_chart_text_is_legible_and_inside_its_chart(page, db, width):
    person = demo_create(months=6)
    result = InstrumentResponse.objects.filter(owner=person, instrument="ecr-r").order_by("-id").first()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, DEMO_USERNAME, DEMO_PASSWORD)
    problems, measured = [], 0
    for path in ("/diary/insights/", "/check-ins/phq-9/trajectory/", f"/check-ins/results/{result.pk}/"):
        page.goto(path)
        for word in page.evaluate(MEASURE):
            measured += 1
            if not 11 <= word["px"] <= 18:
                problems.append(f"{path}: '{word['text']}' drawn at {word['px']:.1f} px")
            if word["overlaps"]:
                problems.append(f"{path}: '{word['text']}' is drawn over other words")
            if word["outside"]:
                problems.append(f"{path}: '{word['text']}' runs past the chart's edge {word['at']}")
    assert not problems, "\n".join(problems)
    assert measured > 50  # the pages drew their charts, or this proves nothing
