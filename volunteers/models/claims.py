"""Identity claims: a registration with an ID number that another profile already
holds. The registrant is told nothing different from any other registration (the
ID number must not be an oracle); staff hear both sides, decide with a reason,
and both people are emailed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityClaim(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for staff")
        CLAIMANT = "claimant", _("The number belongs to the new registrant")
        HOLDER = "holder", _("The number belongs to the existing volunteer")

        @property
        def tone(self) -> str:
            cls = type(self)
            return {cls.OPEN: "warning", cls.CLAIMANT: "info", cls.HOLDER: "muted"}[
                self
            ]

    claimant = models.OneToOneField(
        "volunteers.Volunteer",
        verbose_name=_("New registration"),
        on_delete=models.CASCADE,
        related_name="identity_claim",
    )
    holder = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Existing volunteer"),
        on_delete=models.CASCADE,
        related_name="identity_claims_against",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reason = models.CharField(_("Reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("Submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Identity claim")
        verbose_name_plural = _("Identity claims")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(claimant=models.F("holder")),
                name="identity_claim_two_people",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open")
                | (models.Q(decided_at__isnull=False) & ~models.Q(reason="")),
                name="identity_claim_decided_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.claimant} ↔ {self.holder}"

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone
