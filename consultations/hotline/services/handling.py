"""A request in the handling unit's hands: reassigned, sent back (once, the
dispatcher decides), accepted, started, paused while waiting for the
resident, replied to, and — complex requests only — extended once.

Every move is a conditional UPDATE on the request's status (and unit), so two
people acting at once never both succeed: a request is accepted by one unit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from home.models import Unit

from ..models import Reply, ReplyPhoto, Request, RequestEvent, Tier
from ..working_time import add_limit, shift_for_pause
from .common import (
    HotlineError,
    Kind,
    Status,
    check_photos,
    conditional_update,
    is_dispatcher,
    is_district_platform,
    is_handler,
    is_operator,
    record,
    require_handler,
    time_limit,
)
from .notices import tell_residents, tell_unit

WORKING = (Status.ACCEPTED, Status.IN_PROGRESS)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise HotlineError(_("Give a reason."))
    return reason


def _hand_to(request: Request, *, unit: Unit, statuses, now) -> None:
    """Give the request to ``unit``: it must accept it again, within the
    tier's acceptance limit counted from now. A reopened request (round 2,
    after a 不满意) never goes back to a unit that answered round 1."""
    answered_before = Reply.objects.filter(
        request=request, unit=unit, round__lt=request.round
    )
    if request.round > 1 and answered_before.exists():
        raise HotlineError(
            _(
                "This unit answered the request before the resident was "
                "dissatisfied: choose another unit for the second round."
            )
        )
    limit = time_limit(request.tier)
    conditional_update(
        request,
        statuses=statuses,
        extra={"handling_unit_id": request.handling_unit_id},
        handling_unit=unit,
        status=Status.SUBMITTED,
        accepted_at=None,
        accept_due_at=add_limit(now, limit.accept_amount, limit.accept_measure),
        accept_reminded_at=None,
        updated_at=now,
    )
    tell_unit(
        unit.pk,
        request,
        gettext_noop("A request %(reference)s (%(place)s) is in your queue."),
    )


@transaction.atomic
def request_reassign(*, request: Request, user, unit: Unit, reason: str) -> Request:
    """An operator, or the district platform of the request's district, gives
    the request to another unit, with a reason (before it is replied to)."""
    if not (is_operator(user) or is_district_platform(user, request)):
        raise PermissionDenied(
            _("Only hotline operators and the district platform can reassign.")
        )
    reason = _reason(reason)
    if unit.pk == request.handling_unit_id:
        raise HotlineError(_("The request is already with this unit."))
    now = timezone.now()
    _hand_to(
        request,
        unit=unit,
        statuses=(Status.SUBMITTED, Status.SENT_BACK, *WORKING),
        now=now,
    )
    record(request, Kind.REASSIGNED, actor=user, unit=unit, text=reason, at=now)
    return request


@transaction.atomic
def request_send_back(*, request: Request, user, reason: str) -> Request:
    """The handling unit says the request is not theirs, with a reason; once
    per request. The dispatcher then decides."""
    require_handler(user, request)
    reason = _reason(reason)
    if request.sent_back_once:
        raise HotlineError(_("A request can be sent back only once."))
    now = timezone.now()
    conditional_update(
        request,
        statuses=(Status.SUBMITTED, Status.ACCEPTED),
        extra={"handling_unit_id": request.handling_unit_id, "sent_back_once": False},
        status=Status.SENT_BACK,
        sent_back_once=True,
        updated_at=now,
    )
    record(
        request,
        Kind.SENT_BACK,
        actor=user,
        unit=request.handling_unit,
        text=reason,
        at=now,
    )
    return request


@transaction.atomic
def send_back_decide(
    *, request: Request, user, approve: bool, unit: Unit | None = None, reason=""
) -> Request:
    """The dispatcher decides a sent-back request: approved, it goes to
    ``unit``; refused, it returns to the unit that sent it, which must accept
    it. A dispatcher does not decide for their own unit."""
    if not is_dispatcher(user):
        raise PermissionDenied(_("Only the dispatcher decides sent-back requests."))
    if is_handler(user, request.handling_unit_id):
        raise PermissionDenied(
            _("You work for the unit that sent it back: another dispatcher decides.")
        )
    now = timezone.now()
    if approve:
        if unit is None or unit.pk == request.handling_unit_id:
            raise HotlineError(_("Choose the unit that should handle it instead."))
        _hand_to(request, unit=unit, statuses=(Status.SENT_BACK,), now=now)
        note = gettext_noop("Sent-back request approved; now with %(unit)s.")
    else:
        conditional_update(
            request, statuses=(Status.SENT_BACK,), status=Status.SUBMITTED
        )
        note = gettext_noop("Sent-back request refused; the unit handles it.")
        tell_unit(
            request.handling_unit_id,
            request,
            gettext_noop(
                "The dispatcher refused to take back %(reference)s: please handle it."
            ),
        )
    record(
        request,
        Kind.SEND_BACK_DECIDED,
        actor=user,
        unit=request.handling_unit,
        note=note,
        text=reason,
        at=now,
    )
    return request


@transaction.atomic
def request_accept(*, request: Request, user) -> Request:
    """The handling unit accepts the request (one unit, once)."""
    require_handler(user, request)
    now = timezone.now()
    conditional_update(
        request,
        statuses=(Status.SUBMITTED,),
        extra={"handling_unit_id": request.handling_unit_id},
        status=Status.ACCEPTED,
        accepted_at=now,
        updated_at=now,
    )
    record(request, Kind.ACCEPTED, actor=user, unit=request.handling_unit, at=now)
    tell_residents(
        request,
        gettext_noop("Your request %(reference)s has been accepted: %(status)s."),
    )
    return request


@transaction.atomic
def request_start(*, request: Request, user) -> Request:
    """The unit starts the work."""
    require_handler(user, request)
    now = timezone.now()
    conditional_update(
        request,
        statuses=(Status.ACCEPTED,),
        extra={"handling_unit_id": request.handling_unit_id},
        status=Status.IN_PROGRESS,
        updated_at=now,
    )
    record(request, Kind.STARTED, actor=user, unit=request.handling_unit, at=now)
    tell_residents(
        request, gettext_noop("Work on your request %(reference)s has started.")
    )
    return request


@transaction.atomic
def request_pause(*, request: Request, user, reason: str) -> Request:
    """The unit waits for the resident's answer (a question, access to a
    home): the clock stops until it resumes, and the history says why."""
    require_handler(user, request)
    reason = _reason(reason)
    now = timezone.now()
    conditional_update(
        request,
        statuses=WORKING,
        extra={"handling_unit_id": request.handling_unit_id},
        status=Status.WAITING,
        paused_at=now,
        updated_at=now,
    )
    record(
        request,
        Kind.PAUSED,
        actor=user,
        unit=request.handling_unit,
        text=reason,
        at=now,
    )
    tell_residents(
        request,
        gettext_noop("The unit handling %(reference)s needs your answer:"),
        extra=reason,
    )
    return request


@transaction.atomic
def request_resume(*, request: Request, user, note: str = "") -> Request:
    """The clock runs again (the resident answered): the resolution deadline
    moves by the time it stood still (working time for working-day limits)."""
    if not (is_handler(user, request.handling_unit_id) or user == request.resident):
        raise PermissionDenied(_("Only the handling unit or the resident can do this."))
    now = timezone.now()
    if request.status != Status.WAITING or request.paused_at is None:
        raise HotlineError(_("The clock of this request is not stopped."))
    limit = time_limit(request.tier)
    due, stopped = shift_for_pause(
        request.resolve_due_at, request.paused_at, now, limit.resolve_measure
    )
    conditional_update(
        request,
        statuses=(Status.WAITING,),
        status=Status.IN_PROGRESS,
        resolve_due_at=due,
        paused_at=None,
        paused_seconds=request.paused_seconds + stopped,
        resolve_reminded_at=None,
        updated_at=now,
    )
    record(
        request, Kind.RESUMED, actor=user, unit=request.handling_unit, text=note, at=now
    )
    return request


@transaction.atomic
def request_reply(*, request: Request, user, body: str, photos=()) -> Reply:
    """The unit's answer and what was done (with up to 6 photos); the resident
    is asked to confirm and rate it."""
    require_handler(user, request)
    body = (body or "").strip()
    if not body:
        raise HotlineError(_("Write the answer and what was done."))
    photos = check_photos(photos)
    now = timezone.now()
    conditional_update(
        request,
        statuses=WORKING,
        extra={"handling_unit_id": request.handling_unit_id},
        status=Status.REPLIED,
        replied_at=now,
        updated_at=now,
    )
    reply = Reply.objects.create(
        request=request,
        round=request.round,
        unit=request.handling_unit,
        author=user,
        body=body,
        created_at=now,
        due_at=request.resolve_due_at,
        on_time=request.resolve_due_at is None or now <= request.resolve_due_at,
    )
    for photo in photos:
        ReplyPhoto.objects.create(reply=reply, image=photo)
    record(request, Kind.REPLIED, actor=user, unit=request.handling_unit, at=now)
    tell_residents(
        request,
        gettext_noop(
            "The unit has answered your request %(reference)s. Please confirm "
            "and rate the answer within 7 days."
        ),
    )
    return reply


def extension_pending(request: Request) -> bool:
    return (
        request.extension_requested
        and not request.extended
        and not RequestEvent.objects.filter(
            request=request, kind=Kind.EXTENSION_DECIDED
        ).exists()
    )


@transaction.atomic
def extension_request(*, request: Request, user, reason: str) -> Request:
    """A complex request's unit asks for more time, once, with a reason."""
    require_handler(user, request)
    reason = _reason(reason)
    if request.tier != Tier.COMPLEX:
        raise HotlineError(_("Only complex requests can be extended."))
    if not time_limit(request.tier).extension_amount:
        raise HotlineError(_("This tier cannot be extended."))
    now = timezone.now()
    conditional_update(
        request,
        statuses=(*WORKING, Status.WAITING),
        extra={"extension_requested": False},
        extension_requested=True,
        updated_at=now,
    )
    record(
        request,
        Kind.EXTENSION_REQUESTED,
        actor=user,
        unit=request.handling_unit,
        text=reason,
        at=now,
    )
    return request


@transaction.atomic
def extension_decide(*, request: Request, user, approve: bool, reason="") -> Request:
    """The dispatcher approves (the resolution deadline moves by the tier's
    extension) or refuses the extension; never for their own unit."""
    if not is_dispatcher(user):
        raise PermissionDenied(_("Only the dispatcher decides extensions."))
    if is_handler(user, request.handling_unit_id):
        raise PermissionDenied(_("You cannot approve an extension for your own unit."))
    Request.objects.select_for_update().filter(pk=request.pk).first()
    request.refresh_from_db()
    if not extension_pending(request):
        raise HotlineError(_("No extension is waiting for a decision."))
    now = timezone.now()
    if approve:
        limit = time_limit(request.tier)
        request.resolve_due_at = add_limit(
            request.resolve_due_at, limit.extension_amount, limit.extension_measure
        )
        request.extended = True
        request.resolve_reminded_at = None
        request.save(
            update_fields=["resolve_due_at", "extended", "resolve_reminded_at"]
        )
        note = gettext_noop("Extension approved.")
    else:
        note = gettext_noop("Extension refused.")
    record(
        request,
        Kind.EXTENSION_DECIDED,
        actor=user,
        unit=request.handling_unit,
        note=note,
        text=reason,
        at=now,
    )
    tell_unit(
        request.handling_unit_id,
        request,
        gettext_noop("A decision on the extension of %(reference)s:"),
        extra=" ".join(part for part in (_(note), (reason or "").strip()) if part),
    )
    return request
