"""Which report reminders a pledge has had. Operational state, kept off the
pledge page: a page revision (a draft saved earlier, then approved, scheduled or
reverted to) would otherwise bring back "not reminded yet" and the reminder
would go out twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PledgeReminder(models.Model):
    """One reminder (``days`` before the report deadline) claimed for a pledge:
    the unique constraint lets exactly one run send it."""

    pledge = models.ForeignKey(
        "home.PledgePage", on_delete=models.CASCADE, related_name="reminders"
    )
    days = models.PositiveSmallIntegerField(_("Days before the deadline"))
    sent_at = models.DateTimeField(_("Sent at"))

    class Meta:
        verbose_name = _("Pledge report reminder")
        verbose_name_plural = _("Pledge report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "days"], name="pledge_reminder_once"
            ),
        ]

    def __str__(self):
        return f"{self.pledge_id} · {self.days}"
