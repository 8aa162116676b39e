"""The reward catalogue (积分兑换) and volunteers' redemptions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reward(models.Model):
    """An item volunteers buy with points. ``stock`` is lowered by a conditional
    UPDATE and the database refuses it below zero: never oversold."""

    name = models.CharField(_("Name"), max_length=100)
    description = models.TextField(_("Description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    points_price = models.PositiveIntegerField(_("Price in points"))
    stock = models.IntegerField(_("In stock"), default=0)
    per_person_limit = models.PositiveSmallIntegerField(
        _("Limit per person"),
        default=1,
        help_text=_("How many one volunteer may redeem (cancelled ones not counted)."),
    )
    active_from = models.DateTimeField(_("Available from"), default=timezone.now)
    active_until = models.DateTimeField(_("Available until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["points_price", "name"]
        verbose_name = _("Reward")
        verbose_name_plural = _("Rewards")
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="reward_stock_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(points_price__gte=1), name="reward_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(per_person_limit__gte=1), name="reward_limit_positive"
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_until__gt=F("active_from")),
                name="reward_active_window",
                violation_error_message=_("The end must come after the start."),
            ),
        ]

    def __str__(self):
        return self.name

    def is_active_at(self, moment) -> bool:
        return self.active_from <= moment and (
            self.active_until is None or moment < self.active_until
        )

    @property
    def is_active(self) -> bool:
        return self.is_active_at(timezone.now())


class Redemption(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be handed over")
        FULFILLED = "fulfilled", _("Handed over")
        CANCELLED = "cancelled", _("Cancelled")

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Volunteer"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    reward = models.ForeignKey(
        Reward,
        verbose_name=_("Reward"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    points = models.PositiveIntegerField(_("Points"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("Redeemed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    cancel_reason = models.CharField(_("Reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Redemption")
        verbose_name_plural = _("Redemptions")
        indexes = [
            models.Index(
                fields=["volunteer", "reward", "status"], name="redeem_vol_idx"
            ),
            models.Index(fields=["status", "created_at"], name="redeem_status_idx"),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.reward}"
