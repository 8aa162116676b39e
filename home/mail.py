"""The email backend every part of Canyu sends through (allauth, Wagtail, ours).

``OutboxEmailBackend`` stores each message as an ``OutboundEmail`` row and queues a
Celery task to deliver it once the transaction commits. The task delivers through
``settings.CANYU_EMAIL_DELIVERY_BACKEND`` (chosen by ``EMAIL_URL``), retries on
failure and is safe to run twice.
"""

import base64
import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

# URL arguments that make a link a key: allauth's email confirmation
# (``key``) and password reset (``uidb36``, ``key``), calendar feeds (``token``).
ONE_TIME_ARGUMENTS = frozenset({"key", "token", "uidb36", "uidb64", "code", "secret"})
# A message carrying this header is deleted from the outbox once delivered
# (the last message to a closed account: nothing of it may stay).
ERASE_AFTER_DELIVERY_HEADER = "X-Canyu-Erase-After-Delivery"
_URL = re.compile(r"https?://[^\s<>\"'()]+")


def message_to_payload(message) -> dict:
    """Turn a Django EmailMessage into JSON that survives the queue."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, tuple):
            filename, content, mimetype = attachment
            if isinstance(content, str):
                content = content.encode()
            attachments.append(
                [filename, base64.b64encode(content).decode("ascii"), mimetype]
            )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def payload_to_message(payload: dict, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
        connection=connection,
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in payload["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def is_one_time_link(url: str) -> bool:
    """Whether ``url`` opens something by itself (a confirmation, a password
    reset, a private feed): one of this site's routes with a key among its
    arguments, or a key in its query string."""
    parts = urlsplit(url)
    if ONE_TIME_ARGUMENTS & {name.lower() for name in parse_qs(parts.query)}:
        return True
    # Under i18n_patterns a path resolves only in its own language (/en/…).
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                match = resolve(parts.path or "/")
            except Resolver404:
                continue
        if ONE_TIME_ARGUMENTS & set(match.kwargs):
            return True
    return False


def payload_without_one_time_links(payload: dict) -> dict:
    """The payload with every one-time link in its text and HTML replaced by a
    note: what the outbox keeps once a message has been delivered."""
    with translation.override(settings.LANGUAGE_CODE):
        note = _("[link removed after delivery]")

    def scrub(text: str) -> str:
        return _URL.sub(
            lambda found: note if is_one_time_link(found.group()) else found.group(),
            text,
        )

    return {
        **payload,
        "body": scrub(payload["body"]),
        "alternatives": [
            [scrub(content), mimetype] for content, mimetype in payload["alternatives"]
        ],
    }


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from home.services.outbox import email_enqueue

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            email_enqueue(payload=message_to_payload(message))
            count += 1
        return count
