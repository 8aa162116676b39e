"""The points multiplier of an activity is a staff decision. An editor types a
value on the activity page; publishing the page turns it into a proposal, which
has no effect until a member of staff (not the one who proposed it) approves
it, with a reason. Points are credited with the approved value only
(``selectors.decisions.approved_multiplier``)."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.models import User
from home.permissions import is_platform_staff
from volunteers.models import MultiplierDecision
from volunteers.selectors.decisions import approved_multiplier

REASON_MAX_LENGTH = MultiplierDecision._meta.get_field("reason").max_length
Status = MultiplierDecision.Status


@transaction.atomic
def multiplier_propose(
    *, activity, value, user: User | None, now: datetime | None = None
) -> MultiplierDecision | None:
    """Record the value published on the page as a proposal. The same value as
    the approved one proposes nothing (and withdraws an open proposal); a new
    value replaces the open proposal. Called on every publication (editor,
    workflow, schedule, revert)."""
    now = now or timezone.now()
    value = Decimal(value)
    pending = (
        MultiplierDecision.objects.select_for_update()
        .filter(activity_id=activity.pk, status=Status.PENDING)
        .first()
    )
    if value == approved_multiplier(activity_id=activity.pk):
        if pending is not None:
            pending.status = Status.REFUSED
            pending.decided_by = user
            pending.decided_at = now
            pending.reason = _(
                "Withdrawn: the page was published with the approved value."
            )
            pending.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        return None
    if pending is not None:
        if pending.value == value:
            return pending
        pending.value = value
        pending.proposed_by = user
        pending.proposed_at = now
        pending.save(update_fields=["value", "proposed_by", "proposed_at"])
        return pending
    return MultiplierDecision.objects.create(
        activity_id=activity.pk, value=value, proposed_by=user, proposed_at=now
    )


@transaction.atomic
def multiplier_decide(
    *,
    actor: User,
    decision: MultiplierDecision,
    approve: bool,
    reason: str,
    now: datetime | None = None,
) -> MultiplierDecision:
    """Staff approve or refuse a proposed multiplier, with a reason; never their
    own proposal. Decided once (a conditional UPDATE). An approved value applies
    to points credited from then on."""
    now = now or timezone.now()
    if not is_platform_staff(actor):
        raise PermissionDenied(_("Only platform staff decide points multipliers."))
    if decision.proposed_by_id == actor.pk:
        raise PermissionDenied(
            _("You proposed this multiplier: another member of staff must decide.")
        )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError(_("Give the reason for the decision."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ServiceError(
            _("The reason is too long: at most %(max)d characters.")
            % {"max": REASON_MAX_LENGTH}
        )
    status = Status.APPROVED if approve else Status.REFUSED
    claimed = MultiplierDecision.objects.filter(
        pk=decision.pk, status=Status.PENDING
    ).update(status=status, decided_by=actor, decided_at=now, reason=reason)
    if not claimed:
        raise ServiceError(_("This proposal has already been decided."))
    decision.refresh_from_db()
    return decision
