"""Units' commitment letters (社会责任承诺书): one pledge page per unit and year with
its items (the directory and the units' folders are in pledge_directory.py, the
commitments in pledge_items.py, the progress reports in pledge_reports.py).

The page tree is PledgeIndexPage → UnitPledgesPage (one per unit, the subtree a
unit's editors are given rights on) → PledgePage (one per unit and year). The
lifecycle is derived from the clock when read (``PledgePage.status_at``; the same
rules as SQL in ``home.pledges.selectors.pledge_status_expression``).

The pledge page owns its reads and its routes: they call the selectors, forms
and services of home/pledges/ (imported where they are used, because those
modules import these models). Residents' feedback comes from whichever app
registered it in home/extensions.py."""

import datetime
import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Page

from home import extensions
from home.exceptions import ServiceError
from home.localized_pages import LocalizedURLMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin
from home.models.pledge_directory import UnitPledgesPage
from home.twofactor import two_factor_required

# A published pledge is "report due" this long before its report deadline (and
# from the first day after its year in any case).
REPORT_DUE_WINDOW = datetime.timedelta(days=60)
# Days before the report deadline on which the unit is reminded, once each.
REPORT_REMINDER_DAYS = (30, 7)
# Residents' feedback on a pledge item is due for an answer within this period.
FEEDBACK_REPLY_PERIOD = datetime.timedelta(days=15)
LETTER_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png"}


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


class PledgePage(LocalizedURLMixin, RoutablePageMixin, ChineseSearchMixin, Page):
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
        return self._clauses(self.items.all())

    @staticmethod
    def _clauses(items) -> list[dict]:
        return [
            {"id": str(item.pk), "number": str(number), "heading": item.title}
            for number, item in enumerate(items, start=1)
        ]

    def clause_label(self, clause_id: str) -> str:
        for clause in self.clause_list:
            if clause["id"] == str(clause_id):
                return f"{clause['number']}. {clause['heading']}"
        return ""

    def reply_due_for(self, created_at):
        return created_at + FEEDBACK_REPLY_PERIOD

    # Reads and routes -----------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk is None or getattr(request, "is_preview", False):
            context.update(self.preview_context())
        else:
            context.update(self.published_context(viewer=request.user))
            # Where the feedback forms send people back after signing in.
            context["current_url"] = request.get_full_path()
        return context

    def preview_context(self) -> dict:
        """An editor's preview: the items as edited (in memory), nothing else."""
        return {
            "items": list(self.items.all()),
            "reports": [],
            "status": PledgeStatus.DRAFT,
            "status_label": PledgeStatus.DRAFT.label,
        }

    def published_context(self, *, viewer) -> dict:
        """The items, the published reports, the status, whether ``viewer`` may
        report, and what the feature apps add (residents' feedback on each item).
        The number of queries does not depend on the number of items or reports."""
        from home.pledges import selectors

        items = selectors.pledge_items(pledge=self)
        # Share the loaded items with clause_list (the feedback's labels).
        self.__dict__["clause_list"] = self._clauses(items)
        reports = selectors.pledge_reports_timeline(pledge=self)
        self.has_annual_report = any(report.is_annual for report in reports)
        status = self.status_at(timezone.now())
        return {
            "items": items,
            "reports": reports,
            "status": status,
            "status_label": PledgeStatus(status).label,
            "can_report": self.live
            and selectors.user_can_report_for_unit(user=viewer, unit=self.unit),
            **extensions.pledge_context(pledge=self, items=items, viewer=viewer),
        }

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The printable letter as a PDF, for anyone who can see the page."""
        # Imported here so that reportlab loads only when a letter is printed.
        from home.pledges.pdf import pledge_letter_pdf

        response = HttpResponse(pledge_letter_pdf(self), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="pledge-{self.pk}.pdf"'
        return response

    @path("evidence/<int:evidence_id>/", name="evidence")
    def evidence(self, request, evidence_id):
        """An evidence file of a report: for anyone who can see the page once the
        report is published (Wagtail's privacy check runs before any route),
        before that only for the unit's editors and staff; 404 for others."""
        from home.pledges import selectors

        evidence = selectors.pledge_evidence_for_viewer(
            pledge=self, evidence_id=evidence_id, viewer=request.user
        )
        if evidence is None:
            raise Http404
        extension = evidence.file_extension
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=not (evidence.is_photo or extension == ".pdf"),
            filename=f"evidence-{evidence.pk}{extension}",
        )
        if evidence.report.status != evidence.report.Status.PUBLISHED:
            response["Cache-Control"] = "private, no-store"
        return response

    @path("report/", name="report")
    @method_decorator(login_required)
    @method_decorator(two_factor_required)
    def report(self, request):
        """The unit's admins and editors write a progress report from the page; a
        refused report shows the form again with the reason."""
        from home.pledges import selectors, services
        from home.pledges.forms import PledgeReportForm

        services.pledge_reporter_check(user=request.user, pledge=self)
        if not self.live:
            raise PermissionDenied(_("Only a published pledge can be reported on."))
        form = PledgeReportForm(
            request.POST or None,
            request.FILES or None,
            items=selectors.pledge_items(pledge=self),
        )
        if request.method == "POST" and form.is_valid():
            try:
                form.save(user=request.user, pledge=self)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The progress report was saved."))
                return redirect(self.url + "#reports")
        # The form needs only the page, not the page's own reads.
        return TemplateResponse(
            request,
            "home/pledges/report_form.html",
            {"page": self, "form": form},
            status=400 if form.errors else 200,
        )
