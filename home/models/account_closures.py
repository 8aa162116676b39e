"""Requests to close an account (注销账号): made by the person, or by staff on
their behalf with a reason; after a grace period a scheduled job anonymises the
account (home/account_closure/)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CLOSURE_GRACE_PERIOD = timedelta(days=7)


class AccountClosure(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the grace period to end")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Account closed")

        @property
        def tone(self) -> str:
            cls = type(self)
            return {cls.PENDING: "warning", cls.CANCELLED: "muted", cls.DONE: "info"}[
                self
            ]

    # The anonymised account stays (as "Closed account"), so the request keeps
    # pointing at it; it holds nothing personal once done.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Account"),
        on_delete=models.CASCADE,
        related_name="closures",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf = models.BooleanField(_("Filed by staff on the person's behalf"))
    reason = models.CharField(_("Reason"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("Requested at"))
    effective_at = models.DateTimeField(_("Takes effect at"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    cancelled_at = models.DateTimeField(_("Cancelled at"), null=True, blank=True)
    done_at = models.DateTimeField(_("Done at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("Account closure")
        verbose_name_plural = _("Account closures")
        indexes = [models.Index(fields=["status", "effective_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="account_closure_one_pending",
                violation_error_message=_("This account is already being closed."),
            ),
            models.CheckConstraint(
                condition=Q(on_behalf=False) | ~Q(reason=""),
                name="account_closure_on_behalf_has_reason",
                violation_error_message=_(
                    "A closure filed on someone's behalf needs a reason."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False),
                name="account_closure_done_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_status_display()}"

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone
