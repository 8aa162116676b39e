"""Writes of the inbox: notify a person (inbox, and email and/or SMS as they
chose), mark messages read, save the channel choices."""

from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from home import sms
from home.emails import email_language, email_send
from home.inbox.kinds import KINDS, kind_get
from home.inbox.selectors import notification_channels
from home.models import InboxMessage, NotificationPreference
from home.phone import has_verified_phone

TITLE_MAX_LENGTH = InboxMessage._meta.get_field("title").max_length
URL_MAX_LENGTH = InboxMessage._meta.get_field("url").max_length


def site_path(url: str) -> str:
    """The path (with query and fragment) of ``url`` on this site: callers
    pass the absolute links of their emails, the inbox keeps only the path so
    that opening a message can never lead to another host."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//"):
        return ""
    if parts.query:
        path += f"?{parts.query}"
    if parts.fragment:
        path += f"#{parts.fragment}"
    return path if len(path) <= URL_MAX_LENGTH else ""


def notify(
    *,
    user,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: dict | None = None,
) -> InboxMessage:
    """Tell ``user`` something: always a message in their site inbox, then, by
    their choice for ``kind`` (defaults in home/inbox/kinds.py), the email
    (``email`` = the keyword arguments of ``email_send`` without ``to``; none
    when the person has no address or ``email`` is None) and a short SMS to
    their verified mobile number. Unknown ``kind`` → ValueError. The email and
    the SMS are queued, so they leave only once the transaction commits."""
    spec = kind_get(kind)
    title = " ".join(str(title).split())
    # An email subject's "【参与】"/"[Canyu]" tag says where mail comes from; in
    # the site's own inbox it is noise.
    for tag in ("【参与】", "[Canyu]"):
        title = title.removeprefix(tag).strip()
    if len(title) > TITLE_MAX_LENGTH:
        title = title[: TITLE_MAX_LENGTH - 1] + "…"
    message = InboxMessage.objects.create(
        recipient=user, kind=kind, title=title, body=body, url=site_path(url)
    )
    channels = notification_channels(user=user, kind=kind)
    if email is not None and channels.email and user.email:
        email_send(to=user.email, **email)
    if channels.sms and has_verified_phone(user):
        with email_language():  # the SMS templates are in the site's language
            summary = str(spec.sms_title)
        sms.send_sms(to=user.phone, kind="notification", params={"title": summary})
    return message


def notify_with_email_templates(
    *, user, kind: str, template: str, context: dict, url: str = ""
) -> InboxMessage:
    """``notify`` for the emails written as <template>_subject.txt and
    <template>_body.txt: the rendered subject is the inbox message's title."""
    with email_language():
        title = render_to_string(f"{template}_subject.txt", context)
    return notify(
        user=user,
        kind=kind,
        title=title,
        url=url,
        email={
            "subject_template": f"{template}_subject.txt",
            "template": f"{template}_body.txt",
            "context": context,
        },
    )


def inbox_message_open(*, user, message_id: int) -> InboxMessage | None:
    """Mark the person's message read (once: the first reading time stays)
    and return it; None when it is not theirs or does not exist."""
    message = InboxMessage.objects.filter(pk=message_id, recipient=user).first()
    if message is None:
        return None
    if message.read_at is None:
        now = timezone.now()
        InboxMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(
            read_at=now
        )
        message.read_at = now
    return message


def inbox_mark_all_read(*, user) -> int:
    """Mark every unread message of the person read; returns how many."""
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preferences_save(*, user, choices: dict[str, dict[str, bool]]):
    """Save the person's channels: ``choices`` maps each kind to
    ``{"email": bool, "sms": bool}``; a kind left out keeps its channels.
    Unknown kinds → ValueError. SMS stays off without a verified mobile
    number, and a locked email stays on."""
    for key in choices:
        kind_get(key)
    can_text = has_verified_phone(user)
    for key, chosen in choices.items():
        spec = KINDS[key]
        NotificationPreference.objects.update_or_create(
            user=user,
            kind=key,
            defaults={
                "email": bool(chosen.get("email")) or spec.email_locked,
                "sms": bool(chosen.get("sms")) and can_text,
            },
        )


def inbox_delete_for_user(*, user) -> int:
    """Delete the person's messages and channel choices (account closure)."""
    deleted, _details = InboxMessage.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    return deleted


def inbox_redact(*, needles: list[str]) -> int:
    """Others' messages that name a closed account (a join request names the
    applicant) keep their text with the name, email and phone replaced."""
    from home.account_closure.redaction import redact_rows

    needles = [needle for needle in needles if len(needle.strip()) >= 2]
    if not needles:
        return 0
    naming = Q()
    for needle in needles:
        naming |= Q(title__icontains=needle) | Q(body__icontains=needle)
    return redact_rows(InboxMessage.objects.filter(naming), ["title", "body"], needles)


def inbox_purge_old(*, older_than) -> int:
    """Delete inbox messages created before ``older_than`` (retention)."""
    deleted, _details = InboxMessage.objects.filter(created_at__lt=older_than).delete()
    return deleted
