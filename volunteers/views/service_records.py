"""Service records: the organisers' pending approvals (/volunteers/service-records/
pending/) with correction requests, a record with its history, the volunteer's
own records (/volunteers/me/service-records/) with correction requests, and a
unit's export of approved records (CSV, XLSX). Thin: parse, call a service,
render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from home.models import Unit
from home.spreadsheets import csv_download, xlsx_download
from home.twofactor import two_factor_required
from volunteers.forms.hours import (
    CorrectionDecisionForm,
    CorrectionRequestForm,
    ReviewForm,
)
from volunteers.models import ServiceRecord
from volunteers.selectors import hours as selectors
from volunteers.selectors.profiles import volunteer_for_user
from volunteers.service_hours import hours_from_minutes
from volunteers.services import records as services

PENDING_PAGE_SIZE = 50
MY_RECORDS_PAGE_SIZE = 20


def _not_an_organiser() -> PermissionDenied:
    return PermissionDenied(
        _("Only the organisers of a unit that runs activities review service records.")
    )


# Organisers -------------------------------------------------------------------


def _second_approval_message(count: int) -> str:
    return ngettext(
        "%(count)d record is longer than its shift: your approval is the first; "
        "another organiser must give the second.",
        "%(count)d records are longer than their shift: your approval is the "
        "first; another organiser must give the second.",
        count,
    ) % {"count": count}


@login_required
@two_factor_required
@require_http_methods(["GET", "POST"])
def pending_approvals(request):
    if not selectors.user_is_organiser(user=request.user):
        raise _not_an_organiser()
    records = selectors.pending_records(user=request.user)
    page = Paginator(records, PENDING_PAGE_SIZE).get_page(request.GET.get("page"))
    form = ReviewForm(request.POST or None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            waiting = 0
            try:
                if data["action"] == ReviewForm.APPROVE:
                    done = services.records_approve(
                        actor=request.user, record_ids=data["records"]
                    )
                    waiting = sum(
                        1 for r in done if r.status == ServiceRecord.Status.PENDING
                    )
                    message = _("%(count)d records approved.")
                else:
                    done = services.records_reject(
                        actor=request.user,
                        record_ids=data["records"],
                        reason=data["reason"],
                    )
                    message = _(
                        "%(count)d records rejected; the volunteers have been emailed."
                    )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message % {"count": len(done) - waiting})
                if waiting:
                    messages.info(request, _second_approval_message(waiting))
                return redirect(request.get_full_path())
    access_record(
        viewer=request.user,
        subjects=(record.volunteer.user_id for record in page.object_list),
        what=AccessRecord.What.SERVICE_RECORD,
        request=request,
    )
    return render(
        request,
        "volunteers/service_records_pending.html",
        {
            "page_obj": page,
            "form": form,
            "selected": set(form.data.getlist("records")) if form.is_bound else set(),
            "corrections": list(selectors.open_corrections(user=request.user)[:50]),
            "export_units": selectors.organiser_units(user=request.user),
        },
        status=status,
    )


@login_required
@two_factor_required
@require_GET
def review_record(request, record_id):
    record = selectors.record_for_reviewer(user=request.user, record_id=record_id)
    if record is None:
        if not selectors.user_is_organiser(user=request.user):
            raise _not_an_organiser()
        raise Http404
    access_record(
        viewer=request.user,
        subjects=[record.volunteer.user_id],
        what=AccessRecord.What.SERVICE_RECORD,
        unit=record.unit,
        detail=record.shift.activity.title,
        request=request,
    )
    return render(
        request,
        "volunteers/service_record_review.html",
        {"record": record, "decision_form": CorrectionDecisionForm()},
    )


@login_required
@two_factor_required
@require_http_methods(["POST"])
def correction_decide(request, correction_id):
    correction = selectors.correction_for_reviewer(
        user=request.user, correction_id=correction_id
    )
    if correction is None:
        if not selectors.user_is_organiser(user=request.user):
            raise _not_an_organiser()
        raise Http404
    form = CorrectionDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == CorrectionDecisionForm.ACCEPT:
                services.correction_accept(
                    actor=request.user, correction=correction, reason=data["reason"]
                )
                messages.success(request, _("The correction is accepted and recorded."))
            else:
                services.correction_decline(
                    actor=request.user, correction=correction, reason=data["reason"]
                )
                messages.success(
                    request, _("The correction is declined; the volunteer is emailed.")
                )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return redirect(
                "volunteers:review_service_record", record_id=correction.record_id
            )
    record = selectors.record_for_reviewer(
        user=request.user, record_id=correction.record_id
    )
    return render(
        request,
        "volunteers/service_record_review.html",
        {"record": record, "decision_form": form},
        status=400,
    )


# Volunteers -------------------------------------------------------------------


@login_required
@require_GET
def my_records(request):
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    records = selectors.volunteer_records(volunteer=volunteer)
    page = Paginator(records, MY_RECORDS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/my_service_records.html",
        {
            "volunteer": volunteer,
            "page_obj": page,
            "approved_hours": hours_from_minutes(
                selectors.volunteer_approved_minutes(volunteer)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_record(request, record_id):
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    record = selectors.volunteer_record(volunteer=volunteer, record_id=record_id)
    if record is None:
        raise Http404
    form = CorrectionRequestForm(request.POST or None, record=record)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.correction_request(
                volunteer=volunteer,
                record=record,
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                reason=data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your correction request is sent to the organisers for a decision."),
            )
            return redirect("volunteers:my_service_record", record_id=record.pk)
    return render(
        request,
        "volunteers/my_service_record.html",
        {
            "record": record,
            "form": form,
            "can_request": record.status != record.Status.CHECKED_IN
            and not any(c.status == "pending" for c in record.corrections.all()),
        },
        status=400 if form.is_bound else 200,
    )


# Export -----------------------------------------------------------------------


def _export_unit(request, slug):
    """The unit whose records ``request.user`` may export; the export of every
    volunteer in it is recorded in the access log."""
    unit = get_object_or_404(Unit, slug=slug)
    if not selectors.user_exports_unit(user=request.user, unit=unit):
        raise PermissionDenied(
            _(
                "Only the organisers and administrators of %(unit)s can export "
                "its records."
            )
            % {"unit": unit.name}
        )
    access_record(
        viewer=request.user,
        subjects=selectors.unit_approved_records(unit=unit)
        .order_by()
        .values_list("volunteer__user_id", flat=True)
        .distinct(),
        what=AccessRecord.What.SERVICE_RECORD_EXPORT,
        unit=unit,
        request=request,
    )
    return unit


def _headings() -> list[str]:
    return [
        _("Activity"),
        _("Role"),
        _("Real name"),
        _("Green Ribbon number"),
        _("Mobile number"),
        _("Started at"),
        _("Ended at"),
        _("Minutes"),
        _("Hours"),
        _("Source"),
        _("Check-out missing"),
        _("Approved at"),
    ]


def _local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _rows(unit):
    for record in selectors.unit_approved_records(unit=unit).iterator(chunk_size=2000):
        volunteer = record.volunteer
        yield [
            record.shift.activity.title,
            record.shift.role,
            volunteer.real_name,
            volunteer.green_ribbon_number or "",
            volunteer.masked_phone,
            _local(record.started_at),
            _local(record.ended_at),
            record.minutes,
            record.hours,
            record.get_source_display(),
            _("Yes") if record.auto_closed else "",
            _local(record.reviewed_at),
        ]


@login_required
@two_factor_required
@require_GET
def export_csv(request, slug):
    unit = _export_unit(request, slug)
    return csv_download(
        filename=f"service-records-{unit.pk}.csv",
        headings=_headings(),
        rows=_rows(unit),
        private=True,
    )


@login_required
@two_factor_required
@require_GET
def export_xlsx(request, slug):
    unit = _export_unit(request, slug)
    return xlsx_download(
        filename=f"service-records-{unit.pk}.xlsx",
        sheet_title=_("Service records"),
        headings=_headings(),
        rows=_rows(unit),
        private=True,
    )
