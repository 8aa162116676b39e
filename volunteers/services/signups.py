"""Volunteers' sign-ups for shifts: sign up, join the waitlist, cancel.

A shift never has more confirmed people than places, however many sign up at once:
the places taken (``ShiftPlaces.confirmed``, a row that page revisions do not
serialise, so publishing never gives places back) only move through conditional
UPDATEs (``… WHERE confirmed < capacity``) and the database refuses a count above
the capacity (check constraint). A volunteer holds at most one active sign-up per
shift (partial unique constraint). Each write first locks the shift's row
(PostgreSQL; SQLite's IMMEDIATE transactions already serialise writers), so a
waitlisted person is never left waiting while a place is free. A cancelled place
goes to the first on the waitlist in the same transaction, and they are emailed
once it commits.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from home.db import with_lock_retries
from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from volunteers.models import Shift, ShiftPlaces, Signup, Volunteer

ACTIVE_STATUSES = (Signup.Status.CONFIRMED, Signup.Status.WAITLISTED)


def _format_datetime(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _check_can_sign_up(*, volunteer: Volunteer, shift: Shift, now) -> None:
    activity = shift.activity
    if volunteer.status != Volunteer.Status.ACTIVE:
        if volunteer.status == Volunteer.Status.PENDING:
            raise ServiceError(
                _(
                    "Your volunteer registration is still being reviewed. You can "
                    "sign up for activities once it is approved."
                )
            )
        raise ServiceError(_("Only active volunteers can sign up for activities."))
    if not activity.live:
        raise ServiceError(_("This activity is not published."))
    if shift.starts_at <= now:
        raise ServiceError(_("This shift has already started."))
    if now < activity.signup_opens_at:
        raise ServiceError(
            _("Sign-up for this activity opens on %(date)s.")
            % {"date": _format_datetime(activity.signup_opens_at)}
        )
    if now >= activity.signup_closes_at:
        raise ServiceError(
            _("Sign-up for this activity closed on %(date)s.")
            % {"date": _format_datetime(activity.signup_closes_at)}
        )
    if activity.minimum_age:
        # Only the year of birth is known: count the age reached this year.
        age = timezone.localdate(now).year - volunteer.birth_year
        if age < activity.minimum_age:
            raise ServiceError(
                _(
                    "Volunteers for this activity must be at least %(age)d years old "
                    "(born in %(year)d or earlier)."
                )
                % {
                    "age": activity.minimum_age,
                    "year": timezone.localdate(now).year - activity.minimum_age,
                }
            )


def _check_no_clash(*, volunteer: Volunteer, shift: Shift) -> None:
    active = Signup.objects.filter(volunteer=volunteer, status__in=ACTIVE_STATUSES)
    if active.filter(shift=shift).exists():
        raise ServiceError(_("You have already signed up for this shift."))
    clash = (
        active.filter(
            shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at
        )
        .select_related("shift__activity")
        .first()
    )
    if clash is not None:
        raise ServiceError(
            _(
                "This shift overlaps another shift you have signed up for: "
                "“%(title)s”, %(start)s – %(end)s. Cancel that one first."
            )
            % {
                "title": clash.shift.activity.title,
                "start": _format_datetime(clash.shift.starts_at),
                "end": _format_datetime(clash.shift.ends_at),
            }
        )


def _signup_create_once(*, volunteer: Volunteer, shift: Shift) -> Signup:
    now = timezone.now()
    # Fresh rows, locked in this order everywhere (volunteer, then shift): the
    # volunteer's lock serialises their own sign-ups (so two overlapping shifts
    # cannot both slip through); the shift's lock orders the queue.
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    shift = (
        Shift.objects.select_for_update().select_related("activity").get(pk=shift.pk)
    )
    _check_can_sign_up(volunteer=volunteer, shift=shift, now=now)
    _check_no_clash(volunteer=volunteer, shift=shift)
    ShiftPlaces.ensure(shift)
    took_place = ShiftPlaces.take(shift.pk)
    status = Signup.Status.CONFIRMED if took_place else Signup.Status.WAITLISTED
    try:
        with transaction.atomic():
            return Signup.objects.create(
                shift=shift, volunteer=volunteer, status=status
            )
    except IntegrityError as error:
        # Raising rolls the whole transaction back, the place taken above too.
        raise ServiceError(_("You have already signed up for this shift.")) from error


def signup_create(*, volunteer: Volunteer, shift: Shift) -> Signup:
    """An active volunteer signs up for a shift of a published activity while its
    sign-up window is open and before the shift starts, if old enough (age from
    the year of birth) and not already signed up for this or an overlapping
    shift. They get a place (CONFIRMED) when one is left, else join the shift's
    waitlist (WAITLISTED, in order of sign-up). Raises ``ServiceError`` with the
    reason otherwise; a refusal writes nothing."""
    return with_lock_retries(_signup_create_once, volunteer=volunteer, shift=shift)


def _email_promoted(signup: Signup) -> None:
    user = signup.volunteer.user
    if not user.is_active:
        return
    shift = signup.shift
    activity = shift.activity
    with email_language():
        context = {
            "recipient_name": signup.volunteer.real_name,
            "activity": activity,
            "activity_url": activity.get_full_url() or "",
            "shift": shift,
            "starts_at": _format_datetime(shift.starts_at),
            "ends_at": _format_datetime(shift.ends_at),
            "cancellation_closes_at": _format_datetime(
                shift.cancellation_closes_at(activity)
            ),
        }
        subject = _("You have a place: “%(title)s”") % {"title": activity.title}
    notify(
        user=user,
        kind="waitlist_promotion",
        title=subject,
        url=context["activity_url"],
        email={
            "subject": subject,
            "template": "volunteers/emails/signup_promoted.txt",
            "context": context,
        },
    )


def _promote_first_waitlisted(*, shift: Shift, now) -> Signup | None:
    """Give a free place of ``shift`` (whose row the caller has locked) to the
    first on its waitlist, if there is one."""
    waitlist = Signup.objects.filter(
        shift=shift, status=Signup.Status.WAITLISTED
    ).order_by("created_at", "pk")
    for candidate in waitlist[:5]:
        if not ShiftPlaces.take(shift.pk):
            return None
        promoted = Signup.objects.filter(
            pk=candidate.pk, status=Signup.Status.WAITLISTED
        ).update(status=Signup.Status.CONFIRMED, promoted_at=now)
        if promoted:
            signup = Signup.objects.select_related(
                "volunteer__user", "shift__activity"
            ).get(pk=candidate.pk)
            _email_promoted(signup)
            return signup
        # They cancelled meanwhile: give the place back and try the next one.
        ShiftPlaces.release(shift.pk)
    return None


def _signup_cancel_once(*, volunteer: Volunteer, signup: Signup) -> Signup | None:
    now = timezone.now()
    shift = (
        Shift.objects.select_for_update()
        .select_related("activity")
        .get(pk=signup.shift_id)
    )
    signup = Signup.objects.get(pk=signup.pk)
    if signup.volunteer_id != volunteer.pk:
        raise PermissionDenied(_("You can only cancel your own sign-ups."))
    if signup.status not in ACTIVE_STATUSES:
        raise ServiceError(_("This sign-up is already cancelled."))
    deadline = shift.cancellation_closes_at(shift.activity)
    if now >= deadline:
        raise ServiceError(
            _(
                "Cancellation for this shift closed on %(date)s. Please contact the "
                "organiser if you cannot come."
            )
            % {"date": _format_datetime(deadline)}
        )
    was_confirmed = signup.status == Signup.Status.CONFIRMED
    cancelled = Signup.objects.filter(pk=signup.pk, status=signup.status).update(
        status=Signup.Status.CANCELLED, cancelled_at=now
    )
    if not cancelled:
        raise ServiceError(_("This sign-up is already cancelled."))
    if was_confirmed:
        ShiftPlaces.release(shift.pk)
        return _promote_first_waitlisted(shift=shift, now=now)
    return None


def signup_cancel(*, volunteer: Volunteer, signup: Signup) -> Signup | None:
    """A volunteer cancels their own confirmed or waitlisted sign-up, up to
    ``cancellation_deadline_hours`` before the shift starts (refused after, with
    the deadline). A confirmed place goes at once to the first on the shift's
    waitlist, who is emailed (in Chinese) once the transaction commits. Returns
    the promoted sign-up, or None."""
    return with_lock_retries(_signup_cancel_once, volunteer=volunteer, signup=signup)
