"""Every sentence of the privacy notice is a promise, and every promise has a test that fails if it breaks.

Each promise on the notice (and on the consent page, which says the same things shorter) carries
``data-promise="<id>"``. :data:`PROMISES` maps each id to the tests that keep it: tests elsewhere in the suite,
named by node id, or the tests below. The first tests check the table against the pages, both ways.
"""

import importlib
import json
from html.parser import HTMLParser

import pytest
from django.urls import get_resolver

from earnedsecure.core import personal_data, retention
from earnedsecure.core.fields import encrypted_fields

from .test_data_at_rest import run_script

HERE = "tests/core/test_privacy.py"
RETENTION = "tests/core/test_retention.py"

PROMISES: dict[str, tuple[str, ...]] = {
    "stored-here": (
        "tests/core/test_no_outbound_calls.py::test_the_suite_refuses_connections_off_this_machine",
        "tests/core/test_headers.py::test_no_template_or_static_file_loads_anything_from_elsewhere",
    ),
    "nothing-from-elsewhere": (
        "tests/core/test_headers.py::test_no_template_or_static_file_loads_anything_from_elsewhere",
        "tests/core/test_headers.py::test_it_sends_strict_security_headers",
    ),
    "no-internet": (
        "tests/core/test_no_outbound_calls.py::test_the_suite_refuses_connections_off_this_machine",
        "tests/core/test_every_page.py::test_every_signed_in_page_has_quick_exit_first_and_the_crisis_link",
        "tests/core/test_mail_queue.py::test_the_app_queues_every_mail",
    ),
    "words-locked": (
        "tests/core/test_data_at_rest.py::test_it_finds_no_marker_in_the_database_files",
        "tests/core/test_data_at_rest.py::test_no_text_of_any_personal_model_is_stored_in_the_clear",
    ),
    "own-key": (
        "tests/core/test_encrypted_field.py::test_rotation_rewraps_every_persons_key_and_their_rows_still_read",
        "tests/core/test_encrypted_field.py::test_the_key_file_is_private",
        "tests/core/test_keystore.py::test_the_main_database_holds_only_the_keys_id",
        "tests/core/test_keystore.py::test_the_key_store_file_is_private",
    ),
    "not-locked": (f"{HERE}::test_what_the_notice_says_is_not_locked_is_not_locked",),
    "operator-key": (
        f"{HERE}::test_a_backup_from_before_deletion_reads_only_with_a_key_backup_which_is_kept_a_few_days",
    ),
    "password-hash": ("tests/accounts/test_auth.py::test_it_hashes_new_passwords_with_argon2id",),
    "two-step": (
        "tests/accounts/test_auth.py::test_totp_is_asked_at_login_once_enabled",
        "tests/accounts/test_mfa_at_rest.py::test_the_totp_secret_is_not_in_the_database_row",
    ),
    "sign-out": (
        "tests/accounts/test_sessions.py::test_it_signs_out_after_thirty_idle_minutes",
        "tests/accounts/test_sessions.py::test_even_an_active_session_ends_twelve_hours_after_sign_in",
        f"{HERE}::test_the_notice_states_the_periods_the_app_keeps",
    ),
    "kept-words": (
        "tests/accounts/test_kept_forms.py::test_the_words_come_back_after_signing_in_and_are_sent_on_from_there",
        "tests/accounts/test_kept_forms.py::test_the_words_are_encrypted_and_nothing_but_a_key_is_in_the_browser",
        "tests/accounts/test_kept_forms.py::test_another_account_at_the_same_browser_gets_nothing",
        "tests/accounts/test_kept_forms.py::test_after_an_hour_they_are_not_given_back_and_the_purge_deletes_them",
    ),
    "no-cache": ("tests/core/test_headers.py::test_personal_pages_are_never_cached",),
    "quick-exit": ("tests/core/test_quick_exit.py::test_it_signs_out_and_leaves_for_the_neutral_site",),
    "only-you": (
        "tests/core/test_access_properties.py::test_another_persons_object_is_404_on_every_route_and_verb",
        "tests/core/test_access_properties.py::test_another_persons_lists_never_hold_her_ids",
    ),
    "counted-answers": (
        "tests/coach/test_suggestion_answers.py::test_the_name_is_encrypted_at_rest",
        "tests/coach/test_suggestion_answers.py::test_only_the_answers_of_people_who_agree_are_counted",
        "tests/coach/test_suggestion_answers.py::test_nobody_is_counted_without_agreeing",
        "tests/coach/test_suggestion_answers.py::test_the_command_prints_the_counts_and_no_words",
        "tests/coach/test_suggestion_answers.py::test_the_think_page_asks_and_takes_back_the_agreement",
    ),
    "therapist-chosen": (
        "tests/care/test_grants.py::test_granting_asks_for_the_password_again",
        "tests/care/test_grants.py::test_it_limits_to_the_categories",
        "tests/care/test_grants.py::test_it_ends_when_it_expires",
        "tests/care/test_grants.py::test_it_revokes_at_once",
        "tests/care/test_grants.py::test_a_partner_never_learns_of_a_grant",
        "tests/care/test_access_log.py::test_every_read_writes_exactly_one_row",
        "tests/care/test_access_log.py::test_it_holds_no_content",
        "tests/care/test_access_log.py::test_the_person_sees_who_looked_at_what",
        "tests/care/test_caseload.py::test_alerts_only_with_the_safety_category",
        "tests/care/test_homework.py::test_it_appears_on_home_and_can_be_declined",
        "tests/care/test_homework.py::test_it_needs_a_live_grant",
    ),
    "research-chosen": (
        "tests/research/test_studies_page.py::test_joining_asks_for_the_password_again",
        "tests/research/test_studies_page.py::test_joining_stores_the_version_agreed_and_is_separate_from_the_apps_consent",
        "tests/research/test_studies_page.py::test_a_new_version_asks_the_person_to_agree_again",
        "tests/research/test_studies_page.py::test_leaving_is_at_once_and_the_page_says_honestly_what_it_cannot_undo",
        "tests/research/test_export.py::test_no_free_text_leaves_and_no_contact_pattern_either",
        "tests/research/test_export.py::test_withdrawal_is_honoured_by_the_very_next_export",
        "tests/research/test_export.py::test_each_export_is_logged_with_its_recipient_and_counts_and_no_content",
        "tests/research/test_export.py::test_each_persons_intervals_are_kept_and_shifts_differ",
    ),
    "partner-chosen": (
        "tests/partners/test_index.py::test_after_linking_nothing_is_shown_either_way",
        "tests/partners/test_index.py::test_the_partner_sees_only_what_was_chosen",
        "tests/partners/test_index.py::test_after_revoking_the_page_is_byte_for_byte_nothing_shared_yet",
        "tests/partners/test_never_partner_visible.py::test_the_partner_receives_none_of_it_with_everything_shown",
        "tests/partners/test_safety_check.py::test_it_lists_the_days_the_partner_was_shown_what",
        "tests/partners/test_timeout_start.py::test_the_return_time_is_the_only_time_of_day_the_partner_is_shown",
        "tests/partners/test_check_in.py::test_the_partner_reads_them_only_when_shown_and_only_the_week",
        "tests/partners/test_pattern.py::test_the_other_cannot_tell_withdrawal_from_not_yet_or_any_other_reason",
    ),
    "no-alerts": (f"{HERE}::test_words_about_danger_alert_nobody",),
    "mail-when": (
        "tests/core/test_mail_queue.py::test_the_app_queues_every_mail",
        "tests/journey/test_reminders.py::test_emails_go_only_to_people_who_turned_them_on",
    ),
    "mail-subjects": ("tests/journey/test_reminders.py::test_the_email_is_discreet",),
    "mail-queue": (
        "tests/core/test_mail_queue.py::test_password_reset_with_the_mail_server_down_answers_and_the_mail_arrives_later",
        f"{RETENTION}::test_it_deletes_finished_tasks_and_the_mail_they_held",
        f"{HERE}::test_the_notice_states_the_periods_the_app_keeps",
    ),
    "sign-in-records": (
        f"{RETENTION}::test_it_forgets_addresses_and_browsers_after_the_retention_period",
        f"{HERE}::test_the_notice_states_the_periods_the_app_keeps",
        "tests/core/test_data_minimization.py::test_a_sign_in_keeps_the_network_and_the_browser_in_words_only",
        "tests/core/test_data_minimization.py::test_a_failed_sign_in_keeps_the_network_and_the_browser_in_words_only",
    ),
    "sessions": (
        f"{RETENTION}::test_it_deletes_expired_sessions_and_their_sign_in_records",
        "tests/core/test_data_minimization.py::test_a_sign_in_keeps_the_network_and_the_browser_in_words_only",
        "tests/core/test_data_minimization.py::test_only_the_network_of_an_address_is_kept",
    ),
    "security-log": (
        "tests/accounts/test_security_log.py::test_no_address_or_browser_is_kept",
        f"{RETENTION}::test_it_forgets_security_events_after_a_year",
        f"{HERE}::test_the_notice_states_the_periods_the_app_keeps",
    ),
    "unverified": (
        f"{RETENTION}::test_it_deletes_accounts_never_verified_where_verification_is_required",
        f"{HERE}::test_the_notice_states_the_periods_the_app_keeps",
    ),
    "crisis-cookie": (
        "tests/core/test_crisis.py::test_it_lets_anyone_choose_a_country_and_remembers_it",
        "tests/core/test_crisis.py::test_a_link_shows_a_country_but_cannot_change_the_remembered_one",
    ),
    "export": (
        "tests/accounts/test_data_rights.py::test_export_requires_a_recent_password",
        "tests/accounts/test_data_rights.py::test_the_export_holds_every_registered_model_and_only_the_owners_rows",
        "tests/accounts/test_export_link.py::test_every_table_holds_all_n_rows_in_csv_and_json_and_only_the_owners",
        "tests/accounts/test_export_link.py::test_the_link_used_twice_is_404",
        "tests/accounts/test_export_link.py::test_it_hides_other_peoples_links",
        "tests/accounts/test_export_link.py::test_the_link_expires_after_15_minutes",
    ),
    "withdraw": (
        "tests/accounts/test_consent_withdraw.py::test_nothing_is_deleted_and_agreeing_again_opens_the_notebook",
        "tests/journey/test_reminder_email_after_commit.py::test_nothing_is_made_or_sent_once_consent_is_withdrawn",
        "tests/accounts/test_security_log.py::test_it_stays_open_after_consent_is_withdrawn",
    ),
    "delete": (
        "tests/accounts/test_data_rights.py::test_delete_leaves_nothing_of_the_person",
        "tests/core/test_keystore.py::test_deleting_a_person_destroys_their_key_once_the_deletion_commits",
        "tests/core/test_data_at_rest.py::"
        "test_deleting_a_person_leaves_nothing_of_theirs_in_the_files_and_an_old_copy_cannot_be_read",
    ),
    "backup-residue": (
        f"{HERE}::test_a_backup_from_before_deletion_reads_only_with_a_key_backup_which_is_kept_a_few_days",
        "tests/core/test_data_at_rest.py::"
        "test_deleting_a_person_leaves_nothing_of_theirs_in_the_files_and_an_old_copy_cannot_be_read",
        f"{HERE}::test_the_notice_states_the_periods_the_app_keeps",
    ),
    "plain-residue": (
        f"{HERE}::test_what_the_notice_says_is_not_locked_is_not_locked",
        "tests/core/test_vacuum_after_deletion.py::"
        "test_after_a_deletion_the_worker_vacuums_the_tables_that_held_the_persons_rows",
    ),
    "self-help": ("tests/core/test_no_clinical_claims.py::test_no_template_or_lesson_claims_to_diagnose_or_treat",),
}


class _Promises(HTMLParser):
    """The promise ids on a page, and the paragraphs and list items of its article that carry none."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.untagged = 0
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
        if attrs.get("data-promise"):
            self.ids.append(attrs["data-promise"])
        elif self.in_article and tag in {"p", "li"} and "footnote" not in (attrs.get("class") or ""):
            self.untagged += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False


def _promises(response) -> _Promises:
    assert response.status_code == 200
    parsed = _Promises()
    parsed.feed(response.content.decode())
    return parsed


@pytest.fixture
def pages(client, db):
    from tests.personas import _signed_in_client, make_person

    newcomer = _signed_in_client(make_person("newcomer", consent=False))
    return {"privacy": _promises(client.get("/privacy/")), "consent": _promises(newcomer.get("/account/consent/"))}


def test_every_promise_on_the_pages_has_a_test_and_every_test_a_promise(pages):
    on_pages = set(pages["privacy"].ids) | set(pages["consent"].ids)
    assert on_pages == set(PROMISES)
    assert set(pages["consent"].ids) <= set(pages["privacy"].ids)  # the consent page says nothing the notice does not
    assert len(pages["privacy"].ids) == len(set(pages["privacy"].ids))


def test_every_sentence_of_the_notice_is_a_promise(pages):
    assert pages["privacy"].untagged == 0


@pytest.mark.parametrize("node", sorted({node for nodes in PROMISES.values() for node in nodes}))
def test_every_test_named_in_the_table_exists(node):
    path, _, name = node.partition("::")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    assert callable(getattr(module, name, None)), node


def test_the_notice_states_the_periods_the_app_keeps(client, db, settings):
    settings.SESSION_IDLE_SECONDS = 17 * 60
    settings.NEUTRAL_NAME = "Jotter"
    page = client.get("/privacy/").content.decode()
    assert "signed out after 17 minutes without activity" in page
    assert 'says only "Jotter"' in page
    assert f"deleted {retention.FINISHED_TASK_DAYS} day after it was sent" in page
    assert f"deleted after {retention.ACCESS_LOG_DAYS} days" in page
    assert f"deleted after {retention.SECURITY_EVENT_DAYS} days" in page
    assert f"deleted after {retention.UNVERIFIED_ACCOUNT_DAYS} days" in page
    settings.KEY_BACKUP_DAYS = 3
    assert "the app deletes those after 3 days" in client.get("/privacy/").content.decode()
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60  # "after 12 hours at most" is written in the notice


def test_what_the_notice_says_is_not_locked_is_not_locked():
    # If one of these becomes encrypted, the notice (and this test) should say less.
    locked = {f"{model._meta.label_lower}.{field.name}" for model, field in encrypted_fields()}
    said_plain = {
        "accounts.user.username",
        "accounts.user.email",
        "accounts.user.country",
        "accounts.user.time_zone",
        "diary.activation.occurred_at",
        "diary.activation.intensity",
        "diary.activation.urges",
        "assessments.instrumentresponse.total",
        "assessments.instrumentresponse.band",
        "journey.lessonprogress.lesson_slug",
    }
    assert not said_plain & locked
    assert {"accounts.user.username", "accounts.user.email"} <= set(personal_data.PLAINTEXT_BY_DESIGN)
    # And what it says is locked is: the words of each kind it names.
    for named in (
        "diary.activation.thought",
        "coach.thoughtrecord.automatic_thought",
        "coach.messagedraft.draft",
        "diary.toolsession.note",
        "core.safetyplan.warning_signs",
        "assessments.instrumentresponse.answers",
    ):
        assert named in locked


def test_there_is_no_sharing_so_a_partner_sees_nothing(alice, bob):
    from earnedsecure.diary.services import activation_create
    from tests.personas import _signed_in_client

    routes = [str(pattern.pattern) for pattern in _all_patterns(get_resolver())]
    assert not [route for route in routes if "shar" in route.lower()]
    entry = activation_create(owner=alice, trigger="unavailable", intensity=7, thought="PARTNER-MUST-NOT-SEE")
    partner = _signed_in_client(bob)
    assert partner.get(f"/diary/{entry.pk}/").status_code == 404
    listed = partner.get("/api/v1/diary/activations")
    assert listed.status_code == 200 and "PARTNER-MUST-NOT-SEE" not in listed.content.decode()


def _all_patterns(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield pattern
            yield from _all_patterns(pattern)
        else:
            yield pattern


def test_words_about_danger_alert_nobody(alice_client, alice, mailoutbox):
    from django_tasks_db.models import DBTaskResult

    response = alice_client.post(
        "/api/v1/diary/activations",
        json.dumps({"trigger": "unavailable", "intensity": 9, "thought": "I want to kill myself tonight"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert mailoutbox == []
    assert not DBTaskResult.objects.filter(task_path__icontains="mail").exists()


def test_a_backup_from_before_deletion_reads_only_with_a_key_backup_which_is_kept_a_few_days(tmp_path):
    found = run_script(
        tmp_path,
        """
        import json
        from datetime import timedelta
        from django.conf import settings
        from django.utils import timezone
        from earnedsecure.accounts.models import User
        from earnedsecure.accounts.services import account_delete
        from earnedsecure.core import backups, crypto
        from earnedsecure.diary.models import Activation

        alice = User.objects.create_user(username="alice", password="x" * 20)
        Activation.objects.create(owner=alice, occurred_at=timezone.now(), intensity=6, thought="KEPT-IN-A-COPY")
        copy = settings.DATA_DIR / "copy.backup"
        call_command("backup", str(copy))
        (key_backup,) = settings.KEY_BACKUP_DIR.glob("person-keys-*.backup")
        account_delete(user=User.objects.get(username="alice"))
        gone = not Activation.objects.exists()

        # Here, with the key store as it is: the database put back from the backup, and she is deleted again.
        call_command("restore", str(copy))
        here = sorted(User.objects.values_list("username", flat=True)), Activation.objects.count()

        # Elsewhere, with both backups and the master key (a new, empty key store): her words read.
        settings.PERSON_KEYS_FILE = settings.DATA_DIR / "elsewhere.sqlite3"
        call_command("restore", str(copy), "--keys", str(key_backup))
        crypto.person_keys_forget()
        elsewhere = Activation.objects.get().thought

        # Until the key backup is deleted, KEY_BACKUP_DAYS after it was made.
        later = timezone.now() + timedelta(days=settings.KEY_BACKUP_DAYS)
        kept = backups.key_backups_expire(now=later - timedelta(minutes=1)), key_backup.exists()
        expired = backups.key_backups_expire(now=later + timedelta(minutes=1)), key_backup.exists()
        print(json.dumps({"gone": gone, "here": here, "elsewhere": elsewhere, "kept": kept, "expired": expired}))
        """,
    )
    assert found["gone"]
    assert found["here"] == [[], 0]
    assert found["elsewhere"] == "KEPT-IN-A-COPY"
    assert found["kept"] == [0, True]
    assert found["expired"] == [1, False]


def test_the_notice_is_public_dated_and_linked_from_the_footer_sign_up_and_consent(client, db):
    """Checklist item 9: anyone can read it without an account, it says when it last changed, and it is one
    link away from the footer of every page (landing and sign-up among them) and from the consent step."""
    import re

    from tests.personas import _signed_in_client, make_person

    notice = client.get("/privacy/")
    assert notice.status_code == 200
    assert re.search(r"Last updated \d{1,2} \w+ 20\d\d", notice.content.decode())
    for address in ("/", "/accounts/signup/", "/accounts/login/", "/help/crisis/"):
        assert 'href="/privacy/"' in client.get(address).content.decode(), address
    newcomer = _signed_in_client(make_person("newcomer", consent=False))
    consent = newcomer.get("/account/consent/").content.decode()
    assert consent.count('href="/privacy/"') >= 2, "the consent step links the notice in its text, not only the footer"
