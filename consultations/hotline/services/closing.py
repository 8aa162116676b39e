"""The end of a request: the resident confirms and rates the answer, or an
operator records the rating in a follow-up call (回访), or it closes by itself
after 7 days without one. "不满意" reopens it once, to the district platform
(the supervisor); a second 不满意 closes it all the same."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Rating, Request
from .common import (
    HotlineError,
    Kind,
    Status,
    city_staff,
    conditional_update,
    has_handled,
    is_operator,
    platform_unit_id,
    record,
    set_deadlines,
)
from .notices import tell_residents, tell_unit, tell_users

AUTO_CLOSE_DAYS = 7


def _rate(*, request: Request, user, grade: str, comment: str, follow_up: bool):
    if grade not in Rating.Grade.values:
        raise HotlineError(_("Choose 满意, 基本满意 or 不满意."))
    if request.status != Status.REPLIED:
        raise HotlineError(_("Only an answered request can be rated."))
    now = timezone.now()
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                request=request,
                round=request.round,
                grade=grade,
                comment=(comment or "").strip(),
                unit=request.handling_unit,
                rated_by=user,
                by_follow_up=follow_up,
                created_at=now,
            )
    except IntegrityError as error:
        raise HotlineError(_("This answer has already been rated.")) from error
    record(
        request,
        Kind.FOLLOW_UP if follow_up else Kind.RATED,
        actor=user,
        text=rating.comment,
        grade=rating.grade,
        at=now,
    )
    if grade == Rating.Grade.DISSATISFIED and not request.reopened_once:
        _reopen(request, now=now)
    else:
        reason = (
            Request.CloseReason.FOLLOW_UP if follow_up else Request.CloseReason.RATED
        )
        conditional_update(
            request,
            statuses=(Status.REPLIED,),
            status=Status.CLOSED,
            closed_at=now,
            close_reason=reason,
            updated_at=now,
        )
        record(request, Kind.CLOSED, actor=user, at=now)
        tell_residents(
            request, gettext_noop("Your request %(reference)s is closed. Thank you.")
        )
    return rating


def _reopen(request: Request, *, now) -> None:
    """Round 2 goes to the district platform, to supervise; when the platform
    itself gave the answer (or the district has none), nobody would supervise
    their own case, so it waits on the dispatch desk, without a unit, for the
    city's dispatchers to choose one."""
    answered_by = request.handling_unit_id
    platform = platform_unit_id(request.district_id)
    supervisor = platform if platform and platform != answered_by else None
    set_deadlines(request, start=now)
    conditional_update(
        request,
        statuses=(Status.REPLIED,),
        status=Status.SUBMITTED,
        round=2,
        reopened_once=True,
        handling_unit_id=supervisor,
        accepted_at=None,
        replied_at=None,
        accept_due_at=request.accept_due_at,
        resolve_due_at=request.resolve_due_at,
        accept_reminded_at=None,
        resolve_reminded_at=None,
        updated_at=now,
    )
    request.refresh_from_db()  # the supervising unit, for the history
    if supervisor is None:
        record(
            request,
            Kind.REOPENED,
            note=gettext_noop(
                "Reopened after 不满意; the dispatchers choose a unit other than "
                "the one that answered."
            ),
            at=now,
        )
        tell_users(
            city_staff(),
            request,
            gettext_noop(
                "%(reference)s is reopened after 不满意 and its district platform "
                "gave the answer: choose another unit on the dispatch desk."
            ),
        )
    else:
        record(
            request,
            Kind.REOPENED,
            unit=request.handling_unit,
            note=gettext_noop(
                "Reopened after 不满意; now with the supervisor %(unit)s."
            ),
            at=now,
        )
        tell_unit(
            supervisor,
            request,
            gettext_noop(
                "The resident is not satisfied with the answer to %(reference)s: "
                "it is reopened and with you as the supervisor."
            ),
        )
    tell_residents(
        request,
        gettext_noop(
            "Your request %(reference)s is reopened and goes to the supervising unit."
        ),
    )


@transaction.atomic
def request_rate(*, request: Request, user, grade: str, comment: str = "") -> Rating:
    """The resident confirms and rates the answer. Only the request's own
    resident, and never someone who handled it."""
    if user is None or not user.is_authenticated or user.pk != request.resident_id:
        raise PermissionDenied(_("Only the resident who made the request can rate it."))
    if has_handled(user, request):
        raise PermissionDenied(_("You handled this request: you cannot rate it."))
    Request.objects.select_for_update().filter(pk=request.pk).first()
    request.refresh_from_db()
    return _rate(
        request=request, user=user, grade=grade, comment=comment, follow_up=False
    )


@transaction.atomic
def request_follow_up(
    *, request: Request, operator, grade: str, comment: str = ""
) -> Rating:
    """An operator's follow-up call (回访) records the caller's rating: for
    callers without accounts, or residents who did not rate on the site."""
    if not is_operator(operator):
        raise PermissionDenied(_("Only hotline operators make follow-up calls."))
    if has_handled(operator, request):
        raise PermissionDenied(_("You handled this request: another operator calls."))
    Request.objects.select_for_update().filter(pk=request.pk).first()
    request.refresh_from_db()
    return _rate(
        request=request, user=operator, grade=grade, comment=comment, follow_up=True
    )


def requests_auto_close(*, now=None) -> int:
    """Close the answered requests nobody rated within 7 days; safe to run
    twice (a conditional update per request). Returns how many closed."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=AUTO_CLOSE_DAYS)
    closed = 0
    for request in Request.objects.filter(status=Status.REPLIED, replied_at__lte=limit):
        with transaction.atomic():
            changed = Request.objects.filter(
                pk=request.pk, status=Status.REPLIED, replied_at__lte=limit
            ).update(
                status=Status.CLOSED,
                closed_at=now,
                close_reason=Request.CloseReason.AUTO,
                updated_at=now,
            )
            if not changed:
                continue
            request.status = Status.CLOSED
            record(request, Kind.AUTO_CLOSED, at=now)
            tell_residents(
                request,
                gettext_noop(
                    "Your request %(reference)s is closed: it was not rated within "
                    "7 days of the answer."
                ),
            )
            closed += 1
    return closed
