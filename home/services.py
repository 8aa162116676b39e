"""Writes that matter in the shared core: outbound email, profiles, unit members.

Each service takes keyword arguments, runs in a transaction where it writes several
rows, and raises ``ServiceError`` (or ``PermissionDenied``) with a message a user can
read when it refuses.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home import selectors
from home.exceptions import ServiceError
from home.mail import payload_to_message
from home.models import OutboundEmail, Unit, UnitMembership, User
from home.phone import normalise_phone

# Outbound email ---------------------------------------------------------------


def email_enqueue(*, payload: dict) -> OutboundEmail:
    """Store a message in the outbox and deliver it in the background once the
    surrounding transaction commits (so the worker never sees a missing row and a
    rolled-back action sends nothing)."""
    from home.tasks import email_deliver

    email = OutboundEmail.objects.create(
        subject=payload["subject"][:300],
        to=payload["to"] + payload["cc"] + payload["bcc"],
        payload=payload,
    )
    email_deliver.delay_on_commit(email.pk)
    return email


def email_deliver(*, outbound_id: int) -> bool:
    """Deliver one queued message. Returns False, doing nothing, when it was already
    sent (a task that runs twice sends once): the row is locked while sending.
    A delivery error is recorded on the row and raised again so that the task
    retries."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=outbound_id, status=OutboundEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            connection = get_connection(settings.CANYU_EMAIL_DELIVERY_BACKEND)
            payload_to_message(email.payload, connection).send()
        except Exception as error:
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
            delivery_error = error
        else:
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            return True
    raise delivery_error


def email_mark_failed(*, outbound_id: int) -> None:
    """Give up on a message after its last retry; staff see it in the outbox."""
    OutboundEmail.objects.filter(
        pk=outbound_id, status=OutboundEmail.Status.QUEUED
    ).update(status=OutboundEmail.Status.FAILED)


def email_requeue_stalled(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again messages still waiting after ``older_than`` (a lost broker
    message, a worker that died). Delivery is idempotent, so a duplicate is harmless."""
    from home.tasks import email_deliver

    ids = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.QUEUED,
            created_at__lt=timezone.now() - older_than,
        ).values_list("pk", flat=True)[:500]
    )
    for outbound_id in ids:
        email_deliver.delay(outbound_id)
    return len(ids)


def email_purge_delivered(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Delete delivered messages after a while: they hold one-time links."""
    deleted, _details = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENT, sent_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


# Profiles ---------------------------------------------------------------------


def user_profile_update(*, user: User, display_name: str, phone: str) -> User:
    """Change a user's display name and phone. The phone is normalised to E.164
    and must not belong to another account."""
    phone = normalise_phone(phone)
    if phone and User.objects.filter(phone=phone).exclude(pk=user.pk).exists():
        raise ValidationError(
            {"phone": _("This mobile number is already used by another account.")}
        )
    user.display_name = display_name.strip()
    user.phone = phone
    try:
        with transaction.atomic():
            user.save(update_fields=["display_name", "phone"])
    except IntegrityError as error:
        raise ValidationError(
            {"phone": _("This mobile number is already used by another account.")}
        ) from error
    return user


# Unit members -----------------------------------------------------------------


def _require_unit_admin(*, actor: User, unit: Unit) -> None:
    if not selectors.user_can_manage_unit_members(user=actor, unit=unit):
        raise PermissionDenied(
            _("Only the unit's administrators can manage its members.")
        )


def unit_member_add(
    *, actor: User, unit: Unit, email: str, role: str
) -> UnitMembership:
    """Give the account with ``email`` a role in ``unit``. Only the unit's admins
    (and staff) may; the account must already exist."""
    _require_unit_admin(actor=actor, unit=unit)
    if role not in UnitMembership.Role.values:
        raise ServiceError(_("Unknown role."))
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ServiceError(
            _(
                "No account with the email address %(email)s was found. Ask them to "
                "sign up on the platform first."
            )
            % {"email": email.strip()}
        )
    try:
        with transaction.atomic():
            return UnitMembership.objects.create(unit=unit, user=user, role=role)
    except IntegrityError as error:
        raise ServiceError(
            _("%(user)s already has the role “%(role)s” in this unit.")
            % {"user": user, "role": UnitMembership.Role(role).label}
        ) from error


def unit_member_remove(*, actor: User, membership: UnitMembership) -> None:
    """Take a role away. A unit always keeps at least one admin."""
    unit = membership.unit
    _require_unit_admin(actor=actor, unit=unit)
    with transaction.atomic():
        if membership.role == UnitMembership.Role.ADMIN:
            admins = (
                UnitMembership.objects.select_for_update()
                .filter(unit=unit, role=UnitMembership.Role.ADMIN)
                .count()
            )
            if admins <= 1:
                raise ServiceError(_("A unit must keep at least one administrator."))
        membership.delete()
