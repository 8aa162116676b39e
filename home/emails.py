"""One way to write the site's own emails: rendered in the site's language and
queued in the outbox (Django's ``send_mail`` goes through
``home.mail.OutboxEmailBackend``, so a message leaves only once the surrounding
transaction commits, in the background)."""

from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


@contextmanager
def email_language():
    """Render in the site's language (``settings.LANGUAGE_CODE``): a task or a
    command has no request language, and a message must not depend on the
    language of whoever triggered it. Build the context (dates, labels, links)
    inside it too."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def email_send(
    *,
    to: str | Iterable[str],
    template: str,
    context: dict,
    subject: str = "",
    subject_template: str = "",
) -> None:
    """Render ``template`` (plain text) with ``context`` and queue it for ``to``.
    The subject is ``subject`` or, when given, ``subject_template`` rendered with
    the same context; it is folded onto one line. Messages with several
    addresses in ``to`` show them all to every recipient: send one each where
    they must not see one another."""
    # An account made with a mobile number only has no address: nothing to send.
    recipients = [
        address for address in ([to] if isinstance(to, str) else to) if address
    ]
    if not recipients:
        return
    with email_language():
        if subject_template:
            subject = render_to_string(subject_template, context)
        subject = " ".join(str(subject).split())
        body = render_to_string(template, context)
    send_mail(
        subject,
        body.strip() + "\n",
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
