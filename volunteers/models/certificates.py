"""Certificates of volunteer service (志愿服务证明, Order No. 67): a PDF for a date
range, with a snapshot of its lines and a public verification page."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from volunteers.service_hours import hours_from_minutes


def new_verification_token() -> str:
    return secrets.token_urlsafe(24)


def private_storage():
    """The "private" storage (outside MEDIA_ROOT) where configured; the default
    one otherwise (the tests' in-memory storage)."""
    from django.core.files.storage import default_storage, storages

    if "private" in settings.STORAGES:
        return storages["private"]
    return default_storage


def certificate_upload_to(instance, filename) -> str:
    # An unguessable name: only the download view (owner and staff) hands it out.
    return f"certificates/{instance.verification_token}/{secrets.token_hex(8)}.pdf"


class Certificate(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Being prepared")
        READY = "ready", _("Ready")

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Volunteer"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("Certificate number"), max_length=30, unique=True)
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Only activities of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issuer_name = models.CharField(_("Issued by"), max_length=100)
    date_from = models.DateField(_("From"))
    date_to = models.DateField(_("To"))
    # Snapshot taken when requested: later corrections never change it.
    holder_name = models.CharField(_("Name"), max_length=50)
    holder_id_masked = models.CharField(_("ID number"), max_length=18, blank=True)
    holder_number = models.CharField(_("Green Ribbon number"), max_length=20)
    lines = models.JSONField(default=list)
    total_minutes = models.PositiveIntegerField(_("Total minutes"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    file = models.FileField(
        _("PDF"),
        upload_to=certificate_upload_to,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    verification_token = models.CharField(
        max_length=64, unique=True, default=new_verification_token, editable=False
    )
    issued_on = models.DateField(_("Issued on"))
    revoked_at = models.DateTimeField(_("Revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.CharField(_("Reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Certificate")
        verbose_name_plural = _("Certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="certificate_date_range",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def total_hours(self):
        return hours_from_minutes(self.total_minutes)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def masked_name(self) -> str:
        name = self.holder_name
        if len(name) <= 1:
            return name
        if len(name) == 2:
            return name[0] + "*"
        return name[0] + "*" * (len(name) - 2) + name[-1]
