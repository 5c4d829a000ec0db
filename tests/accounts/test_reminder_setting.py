"""One email-reminder setting, and it is read: the reminders page's "Also send them by email".

The account page used to offer a second switch ("Send me gentle reminders by email") that was stored and never
read; it is gone, and the account page points to the reminders page instead.
"""

from datetime import UTC, datetime

import pytest
from django.core import mail

from earnedsecure.accounts.forms import SettingsForm
from earnedsecure.journey import services
from earnedsecure.journey.models import Reminder

NOW = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)


def test_the_account_page_has_no_switch_that_does_nothing(alice_client):
    assert "email_reminders" not in SettingsForm().fields
    page = alice_client.get("/account/settings/").content.decode()
    assert "Send me gentle reminders by email" not in page
    assert 'href="/account/reminders/"' in page


@pytest.mark.parametrize("email_on", [True, False])
def test_reminders_go_by_email_only_when_the_person_turned_it_on(alice, alice_client, email_on, settings):
    form = {"frequency": "daily", "review_day": 6, "hour": 18, "in_app": "on"}
    if email_on:
        form["email"] = "on"
    assert alice_client.post("/account/reminders/", form).status_code == 302
    reminder = Reminder.objects.create(owner=alice, kind=Reminder.Kind.CHECK_IN, key="check_in:x", due_at=NOW)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services.transaction, "on_commit", lambda send: send())
        assert services.reminder_send_email(reminder_id=reminder.pk, now=NOW) is email_on
    assert [message.to for message in mail.outbox] == ([["alice@example.com"]] if email_on else [])
