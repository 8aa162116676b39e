"""Organisers' writes on a roster (marking no-shows, messaging the participants),
the reminders the day before a shift, and resetting a volunteer's private calendar
link.

A refusal raises ``ServiceError`` (or ``PermissionDenied``) with a message for the
user. Emails go through the outbox, so they leave only once the transaction
commits, in the background."""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify_with_email_templates
from home.models import User
from volunteers.models import ActivityPage, Shift, ShiftPlaces, Signup, Volunteer
from volunteers.selectors import roster as selectors

MESSAGE_SUBJECT_MAX_LENGTH = 120
MESSAGE_BODY_MAX_LENGTH = 5000


# Emails -----------------------------------------------------------------------


def _activity_link(activity: ActivityPage) -> str:
    with email_language():
        parts = activity.get_url_parts()
    path = parts[2] if parts else "/"
    return settings.CANYU_BASE_URL + path


# No-shows ---------------------------------------------------------------------


def _require_not_own(*, actor: User, signup: Signup) -> None:
    """Nobody decides on their own case: an organiser who also signed up for
    the shift leaves their own attendance to another organiser."""
    if signup.volunteer.user_id == actor.pk:
        raise PermissionDenied(
            _("You cannot mark your own attendance: another organiser must.")
        )


@transaction.atomic
def roster_mark_no_show(*, actor: User, signup: Signup, now=None) -> Signup:
    """Record that a volunteer with a confirmed place did not come.

    Only the organising unit's organisers (and staff) may, and only once the shift
    has started. The place is released (``ShiftPlaces.confirmed`` goes down) so that it
    always equals the number of confirmed sign-ups; nobody is promoted, as the
    shift is under way. A sign-up already marked (or no longer confirmed) is
    refused: two organisers pressing the button at once mark it once."""
    now = now or timezone.now()
    shift = signup.shift
    selectors.require_organiser(user=actor, activity=shift.activity)
    _require_not_own(actor=actor, signup=signup)
    if now < shift.starts_at:
        raise ServiceError(
            _(
                "A volunteer can be marked as not having come only once the shift "
                "has started."
            )
        )
    updated = Signup.objects.filter(
        pk=signup.pk, status=Signup.Status.CONFIRMED
    ).update(status=Signup.Status.NO_SHOW)
    if not updated:
        raise ServiceError(
            _(
                "Only a volunteer with a confirmed place can be marked as not "
                "having come."
            )
        )
    ShiftPlaces.release(shift.pk)
    signup.status = Signup.Status.NO_SHOW
    return signup


@transaction.atomic
def roster_undo_no_show(*, actor: User, signup: Signup) -> Signup:
    """Take back a "did not come" mark made by mistake: the sign-up is confirmed
    again and takes its place back. Refused when the shift has no free place any
    more (the conditional UPDATE keeps the database's capacity rule)."""
    shift = signup.shift
    selectors.require_organiser(user=actor, activity=shift.activity)
    _require_not_own(actor=actor, signup=signup)
    ShiftPlaces.ensure(shift)
    if not ShiftPlaces.take(shift.pk):
        raise ServiceError(
            _("The shift has no free place left, so the mark cannot be taken back.")
        )
    updated = Signup.objects.filter(pk=signup.pk, status=Signup.Status.NO_SHOW).update(
        status=Signup.Status.CONFIRMED
    )
    if not updated:
        # Raising rolls back the place taken above: this sign-up was not marked.
        raise ServiceError(_("This volunteer is not marked as not having come."))
    signup.status = Signup.Status.CONFIRMED
    return signup


# Messages ---------------------------------------------------------------------


@transaction.atomic
def roster_message(
    *,
    actor: User,
    activity: ActivityPage,
    subject: str,
    body: str,
    shift: Shift | None = None,
) -> int:
    """Email the organiser's message to every volunteer with a confirmed place on
    the activity (or on one of its shifts): one email each, even for someone on
    several shifts, queued in the outbox and sent in the background once the
    transaction commits. Only the organising unit's organisers (and staff) may.
    Returns the number of emails."""
    selectors.require_organiser(user=actor, activity=activity)
    subject = " ".join((subject or "").split())
    body = (body or "").strip()
    if not subject:
        raise ServiceError(_("Give the message a subject."))
    if not body:
        raise ServiceError(_("Write the message."))
    if len(subject) > MESSAGE_SUBJECT_MAX_LENGTH:
        raise ServiceError(
            _("The subject is too long: at most %(max)d characters.")
            % {"max": MESSAGE_SUBJECT_MAX_LENGTH}
        )
    if len(body) > MESSAGE_BODY_MAX_LENGTH:
        raise ServiceError(
            _("The message is too long: at most %(max)d characters.")
            % {"max": MESSAGE_BODY_MAX_LENGTH}
        )
    if shift is not None and shift.activity_id != activity.pk:
        raise ServiceError(_("This shift is not part of the activity."))
    participants = list(
        selectors.activity_participants(
            activity=activity, shift_id=shift.pk if shift else None
        )
    )
    if not participants:
        raise ServiceError(
            _("Nobody has a confirmed place yet: there is no one to write to.")
        )
    link = _activity_link(activity)
    for volunteer in participants:
        notify_with_email_templates(
            user=volunteer.user,
            kind="roster_message",
            template="volunteers/emails/roster_message",
            url=link,
            context={
                "name": volunteer.real_name,
                "activity": activity,
                "unit": activity.unit,
                "subject": subject,
                "body": body,
                "shift": shift,
                "link": link,
            },
        )
    return len(participants)


# Reminders --------------------------------------------------------------------


def shift_reminders_send(*, now=None) -> int:
    """Email each volunteer with a confirmed place on a shift that starts within
    the next 24 hours, once per sign-up. Safe to run twice or concurrently: each
    sign-up is claimed by a conditional UPDATE on ``reminder_sent_at`` and only
    the run that claimed it sends. Returns the number of reminders sent."""
    now = now or timezone.now()
    sent = 0
    for signup_id in list(selectors.reminders_due(now=now)):
        sent += _remind(signup_id=signup_id, now=now)
    return sent


@transaction.atomic
def _remind(*, signup_id: int, now) -> int:
    claimed = Signup.objects.filter(
        pk=signup_id,
        status=Signup.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
    ).update(reminder_sent_at=now)
    if not claimed:
        return 0
    signup = Signup.objects.select_related(
        "shift", "shift__activity", "shift__activity__unit", "volunteer__user"
    ).get(pk=signup_id)
    user = signup.volunteer.user
    if not user.is_active:
        return 0  # stays claimed: there is nobody to write to
    shift = signup.shift
    activity = shift.activity
    link = _activity_link(activity)
    notify_with_email_templates(
        user=user,
        kind="signup_reminder",
        template="volunteers/emails/reminder",
        url=link,
        context={
            "name": signup.volunteer.real_name,
            "activity": activity,
            "shift": shift,
            "unit": activity.unit,
            "cancellation_closes_at": shift.cancellation_closes_at(activity),
            "link": link,
        },
    )
    return 1


# Private calendar link --------------------------------------------------------


def volunteer_calendar_token_reset(*, volunteer: Volunteer) -> Volunteer:
    """Revoke the volunteer's private calendar link and make a new one: the old
    address stops working at once (calendar programs subscribed to it get 404)."""
    volunteer.calendar_token = secrets.token_urlsafe(32)
    volunteer.save(update_fields=["calendar_token"])
    return volunteer
