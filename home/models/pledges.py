"""Units' commitment letters (社会责任承诺书): the directory, one folder per unit,
and one pledge page per unit and year with its items (the progress reports are
in pledge_reports.py).

The page tree is PledgeIndexPage → UnitPledgesPage (one per unit, the subtree a
unit's editors are given rights on) → PledgePage (one per unit and year). The
lifecycle is derived from the clock when read (``PledgePage.status_at``; the same
rules as SQL in ``home.pledges.selectors.pledge_status_expression``)."""

import datetime
import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from home.models.folders import UnitFolderMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin

# A published pledge is "report due" this long before its report deadline (and
# from the first day after its year in any case).
REPORT_DUE_WINDOW = datetime.timedelta(days=60)
# Days before the report deadline on which the unit is reminded, once each.
REPORT_REMINDER_DAYS = (30, 7)
# Residents' feedback on a pledge item is due for an answer within this period.
FEEDBACK_REPLY_PERIOD = datetime.timedelta(days=15)
LETTER_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png"}


class PledgeCategory(models.TextChoices):
    EMPLOYEES = "employees", _("Employees' rights")
    SAFETY = "safety", _("Work safety")
    ENVIRONMENT = "environment", _("Environment")
    COMMUNITY = "community", _("Community service")
    VOLUNTEERING = "volunteering", _("Volunteering")
    OPEN_FACILITIES = "open_facilities", _("Open facilities")
    INTEGRITY = "integrity", _("Integrity")
    OTHER = "other", _("Other")


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REPORT_DUE = "report_due", _("Report due")
    FULFILLED = "fulfilled", _("Fulfilled")
    LAPSED = "lapsed", _("Lapsed")

    @property
    def tone(self) -> str:
        """The badge tone: success, info, warning, danger or muted."""
        cls = type(self)
        return {
            cls.DRAFT: "muted",
            cls.SUBMITTED: "muted",
            cls.PUBLISHED: "info",
            cls.REPORT_DUE: "warning",
            cls.FULFILLED: "success",
            cls.LAPSED: "danger",
        }[self]


def default_report_deadline(year: int) -> datetime.date:
    """The annual report is due by 31 January of the following year."""
    return datetime.date(year + 1, 1, 31)


class PledgeIndexPage(ChineseSearchMixin, Page):
    """The directory of all units' pledges (one, slug "pledges")."""

    intro = RichTextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.UnitPledgesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Pledge directory")
        verbose_name_plural = _("Pledge directories")

    def get_context(self, request, *args, **kwargs):
        from home.pledges.views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request, index=self))
        return context


class UnitPledgesPage(UnitFolderMixin, Page):
    """A unit's folder of pledges over the years: the subtree its group edits.
    Created with the unit (home/workspaces.py), never by hand."""

    # The per-unit group gets add/change on this folder; publishing stays with the
    # staff who approve the workflow.
    section_index_model = "home.PledgeIndexPage"
    unit_group_can_publish = False
    is_creatable = False

    unit = models.OneToOneField(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="pledge_folder",
    )

    content_panels = [*Page.content_panels]
    parent_page_types = ["home.PledgeIndexPage"]
    subpage_types = ["home.PledgePage"]

    class Meta:
        verbose_name = _("Unit's pledges")
        verbose_name_plural = _("Units' pledges")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.pledges.selectors import unit_pledges

        context["pledges"] = unit_pledges(unit_id=self.unit_id)
        return context


class PledgePageForm(WagtailAdminPageForm):
    """Takes the unit from the folder the page is created in, so that the model's
    checks (one pledge per unit and year) run before saving."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page.specific if self.parent_page else None
        if isinstance(parent, UnitPledgesPage):
            self.instance.unit_id = parent.unit_id
        year = cleaned.get("year")
        # Checked here as well: Wagtail does not run the model's constraint
        # checks when a draft is saved.
        if (
            year
            and self.instance.unit_id
            and PledgePage.objects.filter(unit_id=self.instance.unit_id, year=year)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("year", _("This unit already has a pledge that year."))
        return cleaned


class PledgePage(RoutablePageMixin, ChineseSearchMixin, Page):
    """A unit's commitment letter for one year."""

    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="pledges",
        editable=False,
    )
    year = models.PositiveSmallIntegerField(_("Year"))
    preamble = RichTextField(_("Preamble"), blank=True)
    signatory = models.CharField(
        _("Signatory"), max_length=50, help_text=_("Who signed the letter.")
    )
    signed_on = models.DateField(_("Signing date"))
    signed_letter = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("Signed letter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed and stamped letter: a PDF or a photo (JPEG, PNG)."),
    )
    report_deadline = models.DateField(
        _("Report deadline"),
        blank=True,
        help_text=_(
            "When the annual progress report is due. Empty: 31 January of the "
            "following year."
        ),
    )
    reminder_30_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_7_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    base_form_class = PledgePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("preamble"),
        InlinePanel(
            "items", heading=_("Commitments"), label=_("Commitment"), min_num=1
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signatory"), FieldPanel("signed_on")]),
                FieldPanel("signed_letter"),
                FieldPanel("report_deadline"),
            ],
            heading=_("Signature and report"),
        ),
    ]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.UnitPledgesPage"]
    subpage_types: list[str] = []

    # What consultations' comment machinery expects of a commented page.
    flag_threshold = 3
    is_pre_moderated = False

    class Meta:
        verbose_name = _("Pledge")
        verbose_name_plural = _("Pledges")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="home_pledge_unit_year",
                violation_error_message=_("This unit already has a pledge that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="home_pledge_year_range",
            ),
        ]

    def _derive_fields(self) -> None:
        """The unit comes from the folder; the report deadline defaults to 31
        January of the next year. (Wagtail does not fully clean drafts, so save()
        derives them too; no other side effect.)"""
        if not self.unit_id and self.path:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, UnitPledgesPage):
                self.unit_id = parent.specific.unit_id
        if self.year and not self.report_deadline:
            self.report_deadline = default_report_deadline(self.year)

    def save(self, *args, **kwargs):
        self._derive_fields()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._derive_fields()
        if not self.unit_id:
            raise ValidationError(_("Create a pledge inside a unit's pledge folder."))
        if self.year and self.report_deadline and self.report_deadline.year < self.year:
            raise ValidationError(
                {"report_deadline": _("The report deadline is before the pledge year.")}
            )
        if self.signed_letter_id:
            name = self.signed_letter.file.name if self.signed_letter.file else ""
            if os.path.splitext(name)[1].lower() not in LETTER_EXTENSIONS:
                raise ValidationError(
                    {
                        "signed_letter": _(
                            "Upload the letter as a PDF, JPEG or PNG file."
                        )
                    }
                )

    def search_text_parts(self):
        return [
            strip_tags(self.preamble or ""),
            *(f"{item.title} {item.target}" for item in self.items.all()),
        ]

    # Lifecycle ------------------------------------------------------------------

    def status_at(self, now=None) -> str:
        """The pledge's status at ``now`` (derived, never stored)."""
        today = timezone.localdate(now) if now else timezone.localdate()
        if not self.live:
            if self.first_published_at is None:
                in_moderation = getattr(self, "in_moderation", None)
                if in_moderation is None:
                    in_moderation = self.workflow_in_progress
                return PledgeStatus.SUBMITTED if in_moderation else PledgeStatus.DRAFT
            return PledgeStatus.DRAFT
        has_report = getattr(self, "has_annual_report", None)
        if has_report is None:
            has_report = self.reports.filter(
                is_annual=True, status="published"
            ).exists()
        if has_report:
            return PledgeStatus.FULFILLED
        if today > self.report_deadline:
            return PledgeStatus.LAPSED
        if today >= self.report_deadline - REPORT_DUE_WINDOW or today.year > self.year:
            return PledgeStatus.REPORT_DUE
        return PledgeStatus.PUBLISHED

    @property
    def status(self) -> str:
        return self.status_at()

    def get_status_display(self) -> str:
        return PledgeStatus(self.status).label

    @property
    def lifecycle_label(self) -> str:
        """The label of the status annotated by the selectors (``lifecycle``)."""
        return PledgeStatus(getattr(self, "lifecycle", None) or self.status).label

    @property
    def status_tone(self) -> str:
        """The badge tone of the annotated status (``lifecycle``) or the status."""
        return PledgeStatus(getattr(self, "lifecycle", None) or self.status).tone

    # What consultations' comment machinery expects (see consultations.Comment) --

    @cached_property
    def clause_list(self) -> list[dict]:
        return [
            {"id": str(item.pk), "number": str(number), "heading": item.title}
            for number, item in enumerate(self.items.all(), start=1)
        ]

    def clause_label(self, clause_id: str) -> str:
        for clause in self.clause_list:
            if clause["id"] == str(clause_id):
                return f"{clause['number']}. {clause['heading']}"
        return ""

    def reply_due_for(self, created_at):
        return created_at + FEEDBACK_REPLY_PERIOD

    # Views ----------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from home.pledges.views import pledge_context

        context = super().get_context(request, *args, **kwargs)
        context.update(pledge_context(request, pledge=self))
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from home.pledges.views import pledge_pdf

        return pledge_pdf(request, pledge=self)

    @path("report/", name="report")
    def report(self, request):
        from home.pledges.views import pledge_report_create

        return pledge_report_create(request, pledge=self)


class PledgeItem(Orderable):
    """One commitment of a pledge; its pk is the stable id reports and residents'
    feedback refer to."""

    page = ParentalKey(PledgePage, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(
        _("Category"), max_length=20, choices=PledgeCategory.choices
    )
    title = models.CharField(_("Commitment"), max_length=200)
    target = models.CharField(
        _("Measurable target"),
        max_length=300,
        help_text=_("How anyone can tell it was kept, e.g. “at least 40 hours”."),
    )
    due_date = models.DateField(_("Due date"))

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("due_date")]),
        FieldPanel("title"),
        FieldPanel("target"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Commitment")
        verbose_name_plural = _("Commitments")

    def __str__(self):
        return self.title
