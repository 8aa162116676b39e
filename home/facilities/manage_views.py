"""Open facilities, unit side: a unit's admins and editors (and staff) list,
create, edit, close and reopen its facilities, and approve or decline booking
requests. Anyone else gets a 403 with the reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from home.facilities import selectors, services
from home.facilities.forms import (
    BookingDeclineForm,
    FacilityForm,
    OpeningHoursFormSet,
    opening_hours_initial,
)
from home.models import BookingStatus, Facility, FacilityBooking, Unit
from home.twofactor import two_factor_required

BOOKINGS_PER_PAGE = 25


def _managed_unit(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    if not selectors.user_can_manage_unit_facilities(user=request.user, unit=unit):
        raise PermissionDenied(
            _("Only the unit's administrators and editors can manage its facilities.")
        )
    return unit


@login_required
@two_factor_required
def unit_facilities(request, slug):
    unit = _managed_unit(request, slug)
    return render(
        request,
        "home/unit_facilities.html",
        {
            "unit": unit,
            "facilities": selectors.unit_facilities(unit=unit, include_inactive=True),
            "requested_count": FacilityBooking.objects.filter(
                facility__unit=unit,
                status=BookingStatus.REQUESTED,
                ends_at__gt=timezone.now(),
            ).count(),
        },
    )


def _facility_form_view(request, unit, facility):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = FacilityForm(data, files, instance=facility, unit=unit)
    # Bound data carries every row; initial rows would make empty spare rows
    # count as changed.
    initial = None if data is not None else opening_hours_initial(facility)
    hours = OpeningHoursFormSet(data, prefix="hours", initial=initial)
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        try:
            saved = services.facility_save(
                actor=request.user,
                unit=unit,
                facility=facility,
                values=form.values(),
                periods=hours.periods(),
                photo=form.cleaned_data.get("photo"),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("“%(name)s” has been saved.") % {"name": saved.name},
            )
            return redirect("home:unit_facilities", slug=unit.slug)
    return render(
        request,
        "home/unit_facility_form.html",
        {"unit": unit, "facility": facility, "form": form, "hours": hours},
    )


@login_required
@two_factor_required
def unit_facility_create(request, slug):
    unit = _managed_unit(request, slug)
    return _facility_form_view(request, unit, None)


@login_required
@two_factor_required
def unit_facility_edit(request, slug, pk):
    unit = _managed_unit(request, slug)
    facility = get_object_or_404(Facility, pk=pk, unit=unit)
    return _facility_form_view(request, unit, facility)


@login_required
@two_factor_required
@require_POST
def unit_facility_set_active(request, slug, pk):
    unit = _managed_unit(request, slug)
    facility = get_object_or_404(Facility, pk=pk, unit=unit)
    active = request.POST.get("active") == "1"
    services.facility_set_active(actor=request.user, facility=facility, active=active)
    if active:
        text = _("“%(name)s” is open for booking again.")
    else:
        text = _("“%(name)s” is closed: it no longer appears in the public list.")
    messages.success(request, text % {"name": facility.name})
    return redirect("home:unit_facilities", slug=unit.slug)


@login_required
@two_factor_required
def unit_bookings(request, slug):
    unit = _managed_unit(request, slug)
    status = request.GET.get("status", BookingStatus.REQUESTED)
    if status not in BookingStatus.values:
        status = BookingStatus.REQUESTED
    bookings = selectors.unit_bookings(unit=unit, now=timezone.now(), status=status)
    page = Paginator(bookings, BOOKINGS_PER_PAGE).get_page(request.GET.get("page"))
    access_record(
        viewer=request.user,
        subjects=(booking.user_id for booking in page.object_list),
        what=AccessRecord.What.FACILITY_BOOKINGS,
        unit=unit,
        request=request,
    )
    return render(
        request,
        "home/unit_bookings.html",
        {
            "unit": unit,
            "page_obj": page,
            "status": status,
            "statuses": BookingStatus.choices,
        },
    )


def _unit_booking(request, slug, pk):
    unit = _managed_unit(request, slug)
    booking = get_object_or_404(
        FacilityBooking.objects.select_related("facility", "user"),
        pk=pk,
        facility__unit=unit,
    )
    return unit, booking


@login_required
@two_factor_required
@require_POST
def unit_booking_approve(request, slug, pk):
    unit, booking = _unit_booking(request, slug, pk)
    try:
        services.booking_approve(
            actor=request.user, booking=booking, note=request.POST.get("note", "")
        )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The booking of %(user)s has been approved; they have been emailed.")
            % {"user": booking.user},
        )
    return redirect("home:unit_bookings", slug=unit.slug)


@login_required
@two_factor_required
@require_POST
def unit_booking_decline(request, slug, pk):
    unit, booking = _unit_booking(request, slug, pk)
    form = BookingDeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the resident a reason for declining."))
        return redirect("home:unit_bookings", slug=unit.slug)
    try:
        services.booking_decline(
            actor=request.user, booking=booking, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The booking of %(user)s has been declined; they have been emailed.")
            % {"user": booking.user},
        )
    return redirect("home:unit_bookings", slug=unit.slug)
