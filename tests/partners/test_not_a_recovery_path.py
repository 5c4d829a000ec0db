"""The partner is never a way into the account (checklist item 41), and the partner pages are discreet (43, 44)."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.test import Client
from django.utils import timezone

import earnedsecure
from earnedsecure.domain.together.sharing import Category
from earnedsecure.partners import services
from tests.partners.helpers import link

SRC = Path(earnedsecure.__file__).parent


def test_no_model_has_a_recovery_contact_or_trusted_person():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert not re.search(r"recovery_contact|trusted|secret_question", field.name), model._meta.label


def test_no_sign_in_or_recovery_code_reads_the_partner_link():
    """Only the partners app itself reads its tables: accounts, allauth's adapter and the middleware never do.
    The one module outside it that calls it is the daily purge, which only deletes expired codes."""
    for path in SRC.rglob("*.py"):
        if "partners" in path.parts or "migrations" in path.parts or path == SRC / "core" / "retention.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("earnedsecure.partners"):
                raise AssertionError(f"{path.relative_to(SRC)} imports {node.module}")


def test_a_password_reset_for_a_linked_person_goes_to_their_own_address_only(alice, bob, mailoutbox):
    from django_tasks_db.models import DBTaskResult

    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    Client().post("/accounts/password/reset/", {"email": "alice@example.com"})
    queued = " ".join(str(task.args_kwargs) for task in DBTaskResult.objects.all()) + str(
        [message.to for message in mailoutbox]
    )
    assert "alice@example.com" in queued  # the reset mail was made, so the next line can fail
    assert "bob@example.com" not in queued


def test_linking_unlinking_and_blocking_send_no_mail(alice, bob, mailoutbox):
    link(alice, bob)
    services.categories_choose(owner=alice, categories=set(Category))
    services.link_end(user=bob)
    link(bob, alice)
    services.partner_block(user=alice, now=timezone.now())
    assert mailoutbox == []


def test_the_pages_have_quick_exit_first_and_neutral_titles(alice, bob, alice_client):
    link(alice, bob)
    for path in ("/together/", "/together/before-linking/", "/together/safety-check/"):
        html = alice_client.get(path).content.decode()
        body = html[html.index("<body") :]
        assert re.search(r"<a [^>]*>", body).group(0).startswith('<a class="quick-exit"'), path
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert not re.search(r"partner|together|abuse|safety|anxi|bob|alice", title, re.I), (path, title)
