"""Decisions that one person may not take alone or about themselves, kept with
who took them, when and why: reviews of volunteers (platform-wide by staff, or a
unit refusing a volunteer from its own teams) and the points multiplier of an
activity (proposed by its editors, decided by staff).

Plain models, never page children: a page revision does not carry them, so
publishing, reverting or approving a draft cannot bring back an old value."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MULTIPLIER_MAX = Decimal("10")


class VolunteerDecision(models.Model):
    """One decision about a volunteer. Rows are only ever added."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Registration approved")
        REJECT = "reject", _("Registration rejected")
        SUSPEND = "suspend", _("Suspended on the whole platform")
        REINSTATE = "reinstate", _("Reinstated")
        TEAM_REFUSE = "team_refuse", _("Refused from a team")
        TEAM_REMOVE = "team_remove", _("Removed from a team")

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Volunteer"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    team = models.ForeignKey(
        "volunteers.Team",
        verbose_name=_("Team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("Decision"), max_length=12, choices=Action.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"))
    reason = models.CharField(_("Reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("Volunteer decision")
        verbose_name_plural = _("Volunteer decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(action="approve") | ~Q(reason=""),
                name="volunteer_decision_has_reason",
                violation_error_message=_("Give the reason for this decision."),
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.get_action_display()}"


class MultiplierDecision(models.Model):
    """An editor's proposal of an activity's points multiplier and the staff
    decision on it. The activity earns points with the value of its latest
    approved row (1 until there is one)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a staff decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    activity = models.ForeignKey(
        "volunteers.ActivityPage",
        verbose_name=_("Activity"),
        on_delete=models.CASCADE,
        related_name="multiplier_decisions",
    )
    value = models.DecimalField(_("Points multiplier"), max_digits=3, decimal_places=1)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("Proposed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    reason = models.CharField(_("Reason for the decision"), max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("Points multiplier decision")
        verbose_name_plural = _("Points multiplier decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(status="pending"),
                name="multiplier_one_pending_per_activity",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=MULTIPLIER_MAX),
                name="multiplier_decision_range",
            ),
            models.CheckConstraint(
                condition=Q(status="pending")
                | (Q(decided_at__isnull=False) & ~Q(reason="")),
                name="multiplier_decision_who_and_why",
            ),
        ]

    def __str__(self):
        return f"{self.activity_id} · × {self.value} · {self.get_status_display()}"
