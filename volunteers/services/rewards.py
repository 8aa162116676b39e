"""Redeeming points for rewards, staff handing them over or cancelling, and staff
changing a reward's stock.

Stock is lowered by ``UPDATE … SET stock = stock - 1 WHERE stock > 0`` (and the
database refuses a negative stock), so an item is never oversold; staff changes
are applied as a difference in the same way. The per-person limit is checked
while the volunteer's points account is locked, so two redemptions by one person
at once are counted one after the other."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.models import User
from volunteers.models import PointsEntry, Redemption, Reward, Volunteer
from volunteers.services.points import _post, account_lock, month_of

Kind = PointsEntry.Kind

logger = logging.getLogger("volunteers.rewards")


class RewardNotAvailable(ServiceError):
    pass


class OutOfStock(ServiceError):
    pass


class LimitReached(ServiceError):
    pass


class NotEnoughPointsForReward(ServiceError):
    pass


class StockBelowZero(ServiceError):
    pass


@transaction.atomic
def reward_stock_adjust(*, reward: Reward, difference: int, by: User | None) -> None:
    """Staff add items to a reward's stock (``difference`` > 0) or take some away
    (< 0). The change is applied as a difference in the database
    (``UPDATE … SET stock = stock + difference``), never as a number read when
    the form was shown, so redemptions made meanwhile are kept. The stock never
    goes below zero: taking away more than is left raises ``StockBelowZero`` and
    changes nothing. ``by`` (the staff member) goes to the log."""
    if not difference:
        return
    changed = Reward.objects.filter(pk=reward.pk, stock__gte=-difference).update(
        stock=F("stock") + difference
    )
    if not changed:
        raise StockBelowZero(
            _("The stock cannot go below zero: only %(stock)s left.")
            % {"stock": Reward.objects.get(pk=reward.pk).stock}
        )
    logger.info(
        "Stock of reward %s changed by %+d by user %s",
        reward.pk,
        difference,
        getattr(by, "pk", None),
    )


@transaction.atomic
def reward_redeem(*, volunteer: Volunteer, reward_id: int) -> Redemption:
    """An active volunteer spends points on an item that is available and in stock,
    within the item's per-person limit. Takes one from stock and debits the price;
    the redemption waits to be handed over by staff."""
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise RewardNotAvailable(_("Only approved, active volunteers can redeem."))
    account = account_lock(volunteer_id=volunteer.pk)
    reward = Reward.objects.filter(pk=reward_id).first()
    if reward is None or not reward.is_active:
        raise RewardNotAvailable(_("This reward is not available at the moment."))
    if account.balance < reward.points_price:
        raise NotEnoughPointsForReward(
            _(
                "You do not have enough points: this reward costs %(price)s points "
                "and your balance is %(balance)s."
            )
            % {"price": reward.points_price, "balance": account.balance}
        )
    taken = (
        Redemption.objects.filter(volunteer=volunteer, reward=reward)
        .exclude(status=Redemption.Status.CANCELLED)
        .count()
    )
    if taken >= reward.per_person_limit:
        raise LimitReached(
            _("You have already redeemed this reward %(limit)s times, the limit.")
            % {"limit": reward.per_person_limit}
        )
    if not Reward.objects.filter(pk=reward.pk, stock__gt=0).update(
        stock=F("stock") - 1
    ):
        raise OutOfStock(_("Sorry, this reward is out of stock."))
    redemption = Redemption.objects.create(
        volunteer=volunteer, reward=reward, points=reward.points_price
    )
    _post(
        account,
        kind=Kind.DEBIT,
        points=-reward.points_price,
        key=f"redeem:{redemption.pk}",
        month=month_of(timezone.now()),
        redemption=redemption,
        note=reward.name,
    )
    return redemption


def _decide(redemption_id: int) -> Redemption:
    redemption = (
        Redemption.objects.select_for_update()
        .select_related("reward", "volunteer")
        .filter(pk=redemption_id)
        .first()
    )
    if redemption is None:
        raise ServiceError(_("This redemption does not exist."))
    if redemption.status != Redemption.Status.PENDING:
        raise ServiceError(
            _("This redemption is already %(status)s.")
            % {"status": redemption.get_status_display()}
        )
    return redemption


@transaction.atomic
def redemption_fulfil(*, redemption_id: int, by: User) -> Redemption:
    """Staff record that the item was handed over."""
    redemption = _decide(redemption_id)
    redemption.status = Redemption.Status.FULFILLED
    redemption.decided_by = by
    redemption.decided_at = timezone.now()
    redemption.save(update_fields=["status", "decided_by", "decided_at"])
    return redemption


@transaction.atomic
def redemption_cancel(*, redemption_id: int, by: User | None, reason: str):
    """Cancel a redemption not yet handed over: the item goes back into stock and
    the points come back with a refund entry (once: the refund's key is unique)."""
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Give a reason for cancelling."))
    volunteer_id = (
        Redemption.objects.filter(pk=redemption_id)
        .values_list("volunteer_id", flat=True)
        .first()
    )
    if volunteer_id is None:
        raise ServiceError(_("This redemption does not exist."))
    account = account_lock(volunteer_id=volunteer_id)
    redemption = _decide(redemption_id)
    redemption.status = Redemption.Status.CANCELLED
    redemption.decided_by = by
    redemption.decided_at = timezone.now()
    redemption.cancel_reason = reason[:300]
    redemption.save(
        update_fields=["status", "decided_by", "decided_at", "cancel_reason"]
    )
    Reward.objects.filter(pk=redemption.reward_id).update(stock=F("stock") + 1)
    _post(
        account,
        kind=Kind.REFUND,
        points=redemption.points,
        key=f"refund:{redemption.pk}",
        month=month_of(timezone.now()),
        redemption=redemption,
        note=redemption.reward.name,
    )
    return redemption
