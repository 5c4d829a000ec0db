"""Mail goes through the background queue, so a mail server that is down never costs a person their sign-up.

``EMAIL_BACKEND`` is :class:`QueuedEmailBackend`: sending a mail stores it as a task (in the same database
transaction as what caused it: an account and its confirmation mail are saved together or not at all) and
answers at once. The worker (``earnedsecure worker``, or the one ``serve`` runs) delivers it with
``EMAIL_DELIVERY_BACKEND`` (SMTP when configured). A failed delivery is tried again later, with growing pauses
(:data:`RETRY_AFTER`), then given up and logged. The queued row holds the mail until it is sent; the daily
purge (journey/tasks.py) removes finished ones.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# The pause before each further try: about a day and a half of retries in all.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=24),
)


def _as_json(message) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


def _from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            deliver_email.enqueue(_as_json(message), 0)
        return len(email_messages)


@task()
def deliver_email(message: dict, attempt: int) -> bool:
    """Send one queued mail; if the mail server fails, queue the next try (or give up after the last)."""
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([_from_json(message)])
    except OSError as error:  # smtplib's errors and refused or timed-out connections are all OSErrors
        if attempt < len(RETRY_AFTER):
            deliver_email.using(run_after=timezone.now() + RETRY_AFTER[attempt]).enqueue(message, attempt + 1)
            logger.warning(
                "mail not delivered (%s); try %d of %d queued", type(error).__name__, attempt + 2, len(RETRY_AFTER) + 1
            )
        else:
            logger.error("mail not delivered after %d tries (%s); given up", attempt + 1, type(error).__name__)
        return False
    return True
