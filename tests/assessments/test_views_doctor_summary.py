"""The one-page summary for a doctor: numbers and dates only, the owner's only, in a fixed number of queries."""

from datetime import UTC, datetime, timedelta

import time_machine

from earnedsecure.assessments.models import SafetyFlag
from earnedsecure.diary.models import Activation

from .helpers import phq9, submit, uniform_answers

NOW = datetime(2026, 6, 3, 12, tzinfo=UTC)
URL = "/check-ins/summary/"


def seed(user, canary=""):
    submit(user, "phq-9", phq9(11, item9=2), NOW - timedelta(days=20))
    submit(user, "phq-9", phq9(6), NOW - timedelta(days=5))
    submit(user, "gad-7", uniform_answers("gad-7", 2), NOW - timedelta(days=5))
    submit(user, "ecr-rs", uniform_answers("ecr-rs", 4), NOW - timedelta(days=5))
    for days, intensity in ((3, 9), (10, 10), (40, 5), (70, 7)):
        Activation.objects.create(
            owner=user,
            occurred_at=NOW - timedelta(days=days),
            trigger="unavailable",
            intensity=intensity,
            thought=canary,
            trigger_note=canary,
        )


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@time_machine.travel(NOW, tick=False)
def test_it_works(alice, alice_client, canary):
    seed(alice, canary)
    html = alice_client.get(URL).content.decode()
    assert "Self-report from a self-help app (Earned Secure), not a diagnosis." in html
    assert "<td>14\u00a0May 2026</td><td>PHQ-9</td><td>13</td><td>Moderate</td>" in html
    assert "<td>29\u00a0May 2026</td><td>GAD-7</td><td>14</td>" in html
    assert "ECR-RS" not in html  # attachment questionnaires are not for this page
    assert "14 May 2026: More than half the days" in html  # the item-9 flag with its date
    assert "<td>May 2026</td><td>2</td><td>9.5</td><td>2</td>" in html  # activations by month
    assert "<td>April 2026</td><td>1</td><td>5.0</td><td>0</td>" in html
    assert canary not in html  # no free text by default
    assert "<script" in html and "data-print hidden" in html  # the print button needs JS; the page does not


@time_machine.travel(NOW, tick=False)
def test_it_hides_other_peoples_data(alice, alice_client, charlie_client, canary):
    seed(alice, canary)
    html = charlie_client.get(URL).content.decode()
    assert (
        "No PHQ-9 or GAD-7 completed" in html
        and "None in the last 12 months." in html
        and "None recorded since" in html
    )
    assert "PHQ-9</td>" not in html and "More than half the days" not in html
    # Alice's own flag and results answer 404 to Charlie.
    flag = SafetyFlag.objects.get(owner=alice)
    assert charlie_client.get(f"/check-ins/safety/{flag.pk}/").status_code == 404
    assert charlie_client.get(f"/check-ins/results/{flag.response_id}/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_it_costs_the_same_few_queries_whatever_the_history(alice, alice_client, django_assert_num_queries):
    seed(alice)
    for week in range(30):
        submit(alice, "phq-9", phq9(week % 20, item9=week % 2), NOW - timedelta(days=7 * week + 1))
    # Session, user and consent; this page's three reads (check-in totals, item-9 flags, activations per
    # month); then the session's idle stamp (a savepoint, an UPDATE, its release).
    with django_assert_num_queries(9):
        response = alice_client.get(URL)
    assert response.status_code == 200


OLD_ROWS = (
    "{% for row in rows %}\n"
    "    <tr><td>{{ row.day }}</td><td>{{ row.name }}</td><td>{{ row.total }}</td><td>{{ row.band }}</td><td>"
    "{% if row.item9 is None %}–{% elif row.item9 %}<strong>{{ row.item9 }}</strong> (above 0){% else %}0{% endif %}"
    "</td></tr>\n    {% endfor %}"
)


def test_the_table_rows_are_what_the_template_loop_wrote():
    from django.template import engines

    from earnedsecure.assessments.selectors import SummaryCheckIn
    from earnedsecure.assessments.views import summary_rows

    rows = [
        SummaryCheckIn("phq-9", "PHQ-9", NOW, 13, "Moderate", 2),
        SummaryCheckIn("phq-9", "PHQ-9", NOW - timedelta(days=14), 4, "Minimal", 0),
        SummaryCheckIn("gad-7", "GAD-7", NOW - timedelta(days=30), 21, "Severe", None),
        SummaryCheckIn("gad-7", "<b>&", NOW - timedelta(days=31), 9, "Mild <i>", None),  # escaped, as the loop did
    ]
    expected = engines["django"].from_string(OLD_ROWS).render({"rows": rows})
    assert str(summary_rows(rows)) == expected
    assert "<strong>2</strong> (above 0)" in expected and "&lt;b&gt;&amp;" in expected
    assert summary_rows([]) == ""
