"""Progress reports on a pledge: per commitment a completion figure and a
narrative, and evidence (documents, photos, links). A published annual report
fulfils the pledge."""

import os

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model_string

from home.models.pledge_items import PledgeItem
from home.models.pledges import PledgePage
from home.storages import private_storage

EVIDENCE_IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


class PledgeReport(models.Model):
    """A progress report on a pledge; the annual report fulfils it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    pledge = models.ForeignKey(
        PledgePage, on_delete=models.CASCADE, related_name="reports"
    )
    title = models.CharField(_("Title"), max_length=120)
    summary = models.TextField(_("Summary"), max_length=4000)
    is_annual = models.BooleanField(
        _("Annual report"),
        default=False,
        help_text=_("The report for the whole year; it fulfils the pledge."),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("Published at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("Progress report")
        verbose_name_plural = _("Progress reports")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="home_pledgereport_published_at",
            ),
        ]
        indexes = [
            models.Index(
                fields=["pledge", "status", "is_annual"], name="pledgereport_idx"
            )
        ]

    def __str__(self):
        return self.title


class PledgeReportItem(models.Model):
    """How far one commitment got, in one report."""

    report = models.ForeignKey(
        PledgeReport, on_delete=models.CASCADE, related_name="item_progress"
    )
    item = models.ForeignKey(PledgeItem, on_delete=models.CASCADE, related_name="+")
    completion_percent = models.PositiveSmallIntegerField(_("Completion (%)"))
    achieved = models.CharField(_("Achieved"), max_length=200, blank=True)
    narrative = models.TextField(_("What was done"), max_length=2000, blank=True)

    class Meta:
        ordering = ["item__sort_order", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "item"], name="home_pledgereportitem_once"
            ),
            models.CheckConstraint(
                condition=models.Q(completion_percent__lte=100),
                name="home_pledgereportitem_percent",
            ),
        ]

    def __str__(self):
        return f"{self.item_id}: {self.completion_percent}%"


class PledgeEvidence(models.Model):
    """A file (PDF or photo) or link backing a report (optionally one item of
    it). Files are kept in the private storage and served only by the pledge
    page's ``evidence/<id>/`` route: to anyone who can see the page once the
    report is published, before that only to the unit's editors and staff.
    ``document`` and ``image`` are left from before (migrated to ``file``)."""

    report = models.ForeignKey(
        PledgeReport, on_delete=models.CASCADE, related_name="evidence"
    )
    item = models.ForeignKey(
        PledgeItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    caption = models.CharField(_("Caption"), max_length=200, blank=True)
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("Link"), blank=True)
    file = models.FileField(
        _("File"),
        storage=private_storage,
        upload_to="pledge-evidence/%Y/%m/",
        max_length=255,
        blank=True,
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        document__isnull=False, image__isnull=True, url="", file=""
                    )
                    | models.Q(
                        document__isnull=True, image__isnull=False, url="", file=""
                    )
                    | (
                        models.Q(document__isnull=True, image__isnull=True, url="")
                        & ~models.Q(file="")
                    )
                    | (
                        models.Q(document__isnull=True, image__isnull=True, file="")
                        & ~models.Q(url="")
                    )
                ),
                name="home_pledgeevidence_one_kind",
            ),
        ]

    def __str__(self):
        return self.caption or self.url or str(self.pk)

    @property
    def file_extension(self) -> str:
        return os.path.splitext(self.file.name)[1].lower() if self.file else ""

    @property
    def is_photo(self) -> bool:
        return self.file_extension in EVIDENCE_IMAGE_EXTENSIONS
