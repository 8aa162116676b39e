"""Bookings of open facilities: residents request and cancel slots; the unit's
admins and editors approve or decline requests; residents' calendar links.

A slot is never double-booked: each request inserts a row for (facility, slot
start) and a partial unique constraint over the active statuses refuses a second
one — on PostgreSQL the second insert waits for the first to commit, then fails;
on SQLite (IMMEDIATE transactions) writers queue, and a lock the database could
not get is retried, so "database is locked" never reaches a resident. A refusal
raises ``ServiceError`` with a message for the user and writes nothing."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from home.db import with_lock_retries
from home.emails import email_language, email_send
from home.exceptions import ServiceError
from home.facilities import selectors
from home.facilities.services.facilities import require_facility_manager
from home.facilities.slots import slot_at
from home.inbox import notify
from home.models import (
    ACTIVE_BOOKING_STATUSES,
    BookingCalendarToken,
    BookingStatus,
    Facility,
    FacilityBooking,
    UnitMembership,
    User,
)
from home.models.facilities import new_booking_calendar_token
from home.permissions import has_verified_contact

# Against abuse: a resident holds at most this many requested or approved
# bookings still to come.
MAX_ACTIVE_BOOKINGS = 3


def _format_datetime(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# Bookings by residents --------------------------------------------------------


def _check_request(
    *, user: User, facility: Facility, starts_at: datetime, people: int, purpose: str
):
    """Everything about a request that does not depend on other requests.
    Returns the slot."""
    now = timezone.now()
    if not has_verified_contact(user):
        raise ServiceError(
            _("Please confirm your email address before booking a facility.")
        )
    if not facility.is_active:
        raise ServiceError(_("This facility is not open for booking."))
    if people < 1:
        raise ServiceError(_("Say how many people will come."))
    if people > facility.capacity:
        raise ServiceError(
            _("This facility holds at most %(capacity)d people.")
            % {"capacity": facility.capacity}
        )
    if not purpose.strip():
        raise ServiceError(_("Say what you will use the facility for."))
    if starts_at <= now:
        raise ServiceError(_("This time has already passed. Choose a later slot."))
    last_day = timezone.localdate(now) + timedelta(days=facility.booking_horizon_days)
    if timezone.localdate(starts_at) > last_day:
        raise ServiceError(
            _("This facility can be booked at most %(days)d days ahead.")
            % {"days": facility.booking_horizon_days}
        )
    slot = slot_at(
        starts_at=starts_at,
        periods=list(facility.opening_hours.all()),
        slot_minutes=facility.slot_minutes,
    )
    if slot is None:
        raise ServiceError(
            _("The facility is not open at this time. Choose one of the slots shown.")
        )
    return slot


def _slot_taken_error() -> ServiceError:
    return ServiceError(
        _(
            "Sorry, this slot has just been taken by someone else. Please choose "
            "another one."
        )
    )


def _booking_request_once(
    *, user: User, facility: Facility, starts_at, people, purpose
) -> FacilityBooking:
    facility = Facility.objects.select_related("unit").get(pk=facility.pk)
    slot = _check_request(
        user=user,
        facility=facility,
        starts_at=starts_at,
        people=people,
        purpose=purpose,
    )
    # The resident's own requests queue behind each other (PostgreSQL), so that
    # parallel requests cannot slip past the limit together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    active = FacilityBooking.objects.filter(
        user=user, status__in=ACTIVE_BOOKING_STATUSES, ends_at__gt=timezone.now()
    ).count()
    if active >= MAX_ACTIVE_BOOKINGS:
        raise ServiceError(
            _(
                "You already have %(count)d bookings waiting or approved. Cancel "
                "one, or wait until it has passed, before booking again."
            )
            % {"count": active}
        )
    # A slot whose length changed since an older booking may overlap it without
    # sharing its start: refuse that too.
    if FacilityBooking.objects.filter(
        facility=facility,
        status__in=ACTIVE_BOOKING_STATUSES,
        starts_at__lt=slot.ends_at,
        ends_at__gt=slot.starts_at,
    ).exists():
        raise _slot_taken_error()
    try:
        with transaction.atomic():
            booking = FacilityBooking.objects.create(
                facility=facility,
                user=user,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                people=people,
                purpose=purpose.strip()[:200],
            )
    except IntegrityError as error:
        raise _slot_taken_error() from error
    _email_unit_new_request(booking)
    return booking


def _email_unit_new_request(booking: FacilityBooking) -> None:
    """Tell the unit's admins and editors (one message each, so that no one
    sees another's address) that a request is waiting."""
    facility = booking.facility
    recipients = sorted(
        set(
            UnitMembership.objects.filter(
                unit_id=facility.unit_id,
                role__in=selectors.FACILITY_MANAGER_ROLES,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return
    base_url = settings.CANYU_BASE_URL.rstrip("/")
    with email_language():
        context = {
            "booking": booking,
            "facility": facility,
            "starts_at": _format_datetime(booking.starts_at),
            "ends_at": f"{timezone.localtime(booking.ends_at):%H:%M}",
            "queue_url": base_url
            + reverse("home:unit_bookings", kwargs={"slug": facility.unit.slug}),
        }
        subject = _("New booking request: %(facility)s") % {"facility": facility.name}
    for email in recipients:
        email_send(
            to=email,
            subject=subject,
            template="home/emails/facility_booking_requested.txt",
            context=context,
        )


def booking_request(
    *, user: User, facility: Facility, starts_at: datetime, people: int, purpose: str
) -> FacilityBooking:
    """A signed-in resident with a verified email asks for one slot of an active
    facility: a slot of its opening hours, in the future, within its booking
    horizon, for at most its capacity, with a purpose; at most
    ``MAX_ACTIVE_BOOKINGS`` active bookings each. The booking waits for the
    unit's decision (REQUESTED) and holds the slot meanwhile. When someone else
    holds the slot — even a request made at the same instant — the resident is
    told it has just been taken."""
    return with_lock_retries(
        _booking_request_once,
        user=user,
        facility=facility,
        starts_at=starts_at,
        people=people,
        purpose=purpose,
    )


def _booking_cancel_once(*, user: User, booking: FacilityBooking) -> FacilityBooking:
    if booking.user_id != user.pk:
        raise PermissionDenied(_("You can only cancel your own bookings."))
    now = timezone.now()
    cancelled = FacilityBooking.objects.filter(
        pk=booking.pk, status__in=ACTIVE_BOOKING_STATUSES, starts_at__gt=now
    ).update(status=BookingStatus.CANCELLED, cancelled_at=now)
    if not cancelled:
        booking.refresh_from_db()
        if booking.status not in ACTIVE_BOOKING_STATUSES:
            raise ServiceError(_("This booking is no longer active."))
        raise ServiceError(_("This booking has already begun and cannot be cancelled."))
    booking.refresh_from_db()
    return booking


def booking_cancel(*, user: User, booking: FacilityBooking) -> FacilityBooking:
    """A resident cancels their own requested or approved booking before it
    starts; the slot is free again at once."""
    return with_lock_retries(_booking_cancel_once, user=user, booking=booking)


# Decisions by the unit --------------------------------------------------------


def _email_decision(booking: FacilityBooking) -> None:
    user = booking.user
    if not user.is_active:
        return
    facility = booking.facility
    with email_language():
        context = {
            "recipient_name": user.get_full_name(),
            "booking": booking,
            "facility": facility,
            "approved": booking.status == BookingStatus.APPROVED,
            "starts_at": _format_datetime(booking.starts_at),
            "ends_at": f"{timezone.localtime(booking.ends_at):%H:%M}",
            "facility_url": settings.CANYU_BASE_URL.rstrip("/")
            + facility.get_absolute_url(),
        }
        if booking.status == BookingStatus.APPROVED:
            subject = _("Your booking is approved: %(facility)s")
        else:
            subject = _("Your booking was declined: %(facility)s")
        subject = subject % {"facility": facility.name}
    notify(
        user=user,
        kind="booking_decision",
        title=subject,
        body=booking.decision_reason,
        url=context["facility_url"],
        email={
            "subject": subject,
            "template": "home/emails/facility_booking_decided.txt",
            "context": context,
        },
    )


def _decide(
    *, actor: User, booking: FacilityBooking, status: str, reason: str
) -> FacilityBooking:
    booking = FacilityBooking.objects.select_related(
        "facility", "facility__unit", "user"
    ).get(pk=booking.pk)
    require_facility_manager(actor=actor, unit=booking.facility.unit)
    now = timezone.now()
    decided = FacilityBooking.objects.filter(
        pk=booking.pk, status=BookingStatus.REQUESTED
    ).update(status=status, decision_reason=reason, decided_by=actor, decided_at=now)
    if not decided:
        raise ServiceError(_("This request has already been decided or cancelled."))
    booking.refresh_from_db()
    _email_decision(booking)
    return booking


@transaction.atomic
def booking_approve(
    *, actor: User, booking: FacilityBooking, note: str = ""
) -> FacilityBooking:
    """The unit's admin or editor approves a request; the resident is emailed
    (once the transaction commits)."""
    return _decide(
        actor=actor,
        booking=booking,
        status=BookingStatus.APPROVED,
        reason=note.strip()[:500],
    )


@transaction.atomic
def booking_decline(
    *, actor: User, booking: FacilityBooking, reason: str
) -> FacilityBooking:
    """The unit's admin or editor declines a request, saying why (required); the
    slot is free again and the resident is emailed the reason."""
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Give the resident a reason for declining."))
    return _decide(
        actor=actor,
        booking=booking,
        status=BookingStatus.DECLINED,
        reason=reason[:500],
    )


# Calendar links ---------------------------------------------------------------


def booking_calendar_token_reset(*, user: User) -> BookingCalendarToken:
    """Make a new private calendar address for the resident's bookings; the old
    one, if any, stops working at once."""
    token, created = BookingCalendarToken.objects.get_or_create(user=user)
    if not created:
        token.token = new_booking_calendar_token()
        token.save(update_fields=["token"])
    return token


def booking_calendar_token_revoke(*, user: User) -> None:
    """Turn the private calendar address off."""
    BookingCalendarToken.objects.filter(user=user).delete()
