"""A person's copy of everything the platform holds about them (PIPL art. 45):
one zip per request, built in the background, kept for a week."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.storages import private_storage


def data_export_upload_to(instance, filename) -> str:
    # An unguessable folder: only the download view (the owner) hands it out.
    return f"data-exports/{secrets.token_hex(16)}/{filename}"


class DataExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Deleted after 7 days")

        @property
        def tone(self) -> str:
            """The badge tone: success, info, warning, danger or muted."""
            cls = type(self)
            return {
                cls.PENDING: "info",
                cls.RUNNING: "info",
                cls.READY: "success",
                cls.FAILED: "danger",
                cls.EXPIRED: "muted",
            }[self]

    ACTIVE_STATUSES = (Status.PENDING, Status.RUNNING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("Progress (%)"), default=0)
    file = models.FileField(
        _("File"),
        upload_to=data_export_upload_to,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    size = models.PositiveBigIntegerField(_("Size (bytes)"), default=0)
    created_at = models.DateTimeField(_("Requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("Started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("Deleted after"), null=True, blank=True)
    # When the site told the person that the file is ready (a message on the
    # page), so that it says so once.
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Data export")
        verbose_name_plural = _("Data exports")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "running"]),
                name="data_export_one_active_per_user",
                violation_error_message=_("Your data is already being prepared."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="data_export_progress_range"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready")
                | (~Q(file="") & Q(expires_at__isnull=False)),
                name="data_export_ready_has_file",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "expires_at"], name="data_export_expiry_idx"
            ),
            models.Index(fields=["user", "-created_at"], name="data_export_user_idx"),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.get_status_display()}"

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES
