"""The outbound SMS queue: every text the site sends is stored here and delivered
by a Celery task (home/sms/), as email is by ``OutboundEmail``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundSms(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # Claimed by one worker (a conditional UPDATE from queued), so that two
        # workers running the same task never both send it.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.CharField(_("Phone number"), max_length=20)
    kind = models.CharField(_("Kind"), max_length=40)
    # The template's parameters (a verification code, a title). Emptied once
    # delivered when erase_after_delivery is set, and on every row after the
    # retention period (home/retention.py).
    params = models.JSONField(_("Parameters"), default=dict, blank=True)
    erase_after_delivery = models.BooleanField(
        _("Erase parameters after delivery"), default=False
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    last_error = models.TextField(_("Last error"), blank=True)
    provider_message_id = models.CharField(
        _("Provider message ID"), max_length=100, blank=True
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("Claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Outbound SMS")
        verbose_name_plural = _("Outbound SMS")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="home_outboundsms_sent_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="home_outboundsms_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.to}"
