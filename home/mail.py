"""The email backend every part of Canyu sends through (allauth, Wagtail, ours).

``OutboxEmailBackend`` stores each message as an ``OutboundEmail`` row and queues a
Celery task to deliver it once the transaction commits. The task delivers through
``settings.CANYU_EMAIL_DELIVERY_BACKEND`` (chosen by ``EMAIL_URL``), retries on
failure and is safe to run twice.
"""

import base64

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend


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
