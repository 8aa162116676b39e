"""The pledge pages' views. The pages are served by Wagtail: ``get_context`` of
``PledgeIndexPage`` and ``PledgePage`` call the context functions here, and
``PledgePage``'s routes (``pdf/``, ``report/``) call the views. The number of
queries does not depend on the number of units, items or reports."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.models import PledgeItem, PledgeStatus
from home.pledges import selectors, services
from home.pledges.forms import PledgeFilterForm, PledgeReportForm
from home.pledges.pdf import pledge_letter_pdf

PLEDGES_PER_PAGE = 12


def directory_context(request, *, index) -> dict:
    if index.pk is None:  # an editor's preview of an index not saved yet
        return {"page_obj": None, "filter_form": None, "filters": {}}
    form = PledgeFilterForm(request.GET, years=selectors.pledge_years())
    filters = form.filters()
    pledges = selectors.pledge_directory(
        district_code=filters["district"],
        kind=filters["kind"],
        category=filters["category"],
        year=filters["year"],
        status=filters["status"],
        query=filters["q"],
    )
    page = Paginator(pledges, PLEDGES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for pledge in page.object_list:
        pledge.status_label = PledgeStatus(pledge.lifecycle).label
        pledge.categories = sorted(
            {item.get_category_display() for item in pledge.items.all()}
        )
    return {
        "filter_form": form,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "page_obj": page,
    }


def _feedback_context(request, pledge, items) -> dict:
    if not apps.is_installed("consultations") or pledge.pk is None:
        return {}
    from consultations.views.pledge_feedback import pledge_feedback_context

    return pledge_feedback_context(request, pledge=pledge, items=items)


def pledge_context(request, *, pledge) -> dict:
    if pledge.pk is None or getattr(request, "is_preview", False):
        # An editor's preview: the items as edited (in memory), nothing else.
        items = list(pledge.items.all())
        return {
            "items": items,
            "reports": [],
            "status": PledgeStatus.DRAFT,
            "status_label": PledgeStatus.DRAFT.label,
        }
    items = list(PledgeItem.objects.filter(page=pledge).order_by("sort_order", "pk"))
    # Share the loaded items with the page's clause_list (feedback labels).
    pledge.__dict__["clause_list"] = [
        {"id": str(item.pk), "number": str(number), "heading": item.title}
        for number, item in enumerate(items, start=1)
    ]
    reports = selectors.pledge_reports_timeline(pledge=pledge)
    pledge.has_annual_report = any(report.is_annual for report in reports)
    status = pledge.status_at(timezone.now())
    user = request.user
    context = {
        "items": items,
        "reports": reports,
        "status": status,
        "status_label": PledgeStatus(status).label,
        "can_report": pledge.live
        and selectors.user_can_report_for_unit(user=user, unit=pledge.unit),
    }
    context.update(_feedback_context(request, pledge, items))
    return context


def pledge_pdf(request, *, pledge):
    """The printable letter as a PDF, for anyone who can see the page."""
    response = HttpResponse(pledge_letter_pdf(pledge), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pledge-{pledge.pk}.pdf"'
    return response


def pledge_report_create(request, *, pledge):
    """The unit's admins and editors publish a progress report from the page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.user_can_report_for_unit(user=request.user, unit=pledge.unit):
        raise PermissionDenied(
            _(
                "Only the administrators and editors of %(unit)s can report on its "
                "pledges."
            )
            % {"unit": pledge.unit.name}
        )
    if not pledge.live:
        raise PermissionDenied(_("Only a published pledge can be reported on."))
    items = PledgeItem.objects.filter(page=pledge).order_by("sort_order", "pk")
    form = PledgeReportForm(request.POST or None, request.FILES or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_report_create(
                user=request.user,
                pledge=pledge,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                is_annual=form.cleaned_data["is_annual"],
                publish=form.cleaned_data["publish"],
                progress=form.progress(),
                evidence=form.evidence(),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The progress report was saved."))
            return redirect(pledge.url + "#reports")
    return TemplateResponse(
        request,
        "home/pledges/report_form.html",
        {"page": pledge, "form": form},
        status=400 if form.errors else 200,
    )
