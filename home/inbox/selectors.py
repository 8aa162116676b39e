"""Reads of the inbox: a person's messages, their unread count, and the
channels they chose for each kind of notice."""

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q

from home.inbox.kinds import KINDS, Kind, kind_get
from home.models import InboxMessage, NotificationPreference


@dataclass(frozen=True)
class Channels:
    kind: Kind
    email: bool
    sms: bool


def inbox_messages(*, user):
    """The person's messages: unread first, then newest first."""
    return InboxMessage.objects.filter(recipient=user).order_by(
        ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()).desc(),
        "-created_at",
        "-pk",
    )


def inbox_unread_count(*, user) -> int:
    """How many of the person's messages are unread (one COUNT on the
    recipient + read_at index)."""
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_channels(*, user, kind: str) -> Channels:
    """The channels ``user`` gets ``kind`` on: their choice, else the kind's
    defaults. A locked email stays on whatever was saved."""
    spec = kind_get(kind)
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    email = spec.email if preference is None else preference.email
    sms = spec.sms if preference is None else preference.sms
    return Channels(kind=spec, email=email or spec.email_locked, sms=sms)


def notification_settings(*, user) -> list[Channels]:
    """Every kind with the person's channels, in the registry's order."""
    saved = {
        preference.kind: preference
        for preference in NotificationPreference.objects.filter(user=user)
    }
    rows = []
    for key, spec in KINDS.items():
        preference = saved.get(key)
        email = spec.email if preference is None else preference.email
        sms = spec.sms if preference is None else preference.sms
        rows.append(Channels(kind=spec, email=email or spec.email_locked, sms=sms))
    return rows
