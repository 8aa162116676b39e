"""Open facilities, public side: the directory, a facility's page with its free
slots and the request form, a resident's cancel, calendar files and links.
The unit side is in home/facilities/manage_views.py."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from home.exceptions import ServiceError
from home.facilities import selectors, services
from home.facilities.calendar import build_booking_calendar
from home.facilities.forms import BookingRequestForm, FacilityFilterForm
from home.limits import enforce
from home.models import District, FacilityBooking, FacilityKind
from home.permissions import has_verified_contact

FACILITIES_PER_PAGE = 12
ICS_TYPE = "text/calendar; charset=utf-8"


@require_GET
def facility_list(request):
    districts = list(District.objects.all())
    form = FacilityFilterForm(request.GET or None, districts=districts)
    filters = form.filters() if request.GET else {"district_code": "", "kind": ""}
    facilities = selectors.facilities_directory(**filters)
    page = Paginator(facilities, FACILITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "home/facility_list.html",
        {
            "page_obj": page,
            "filter_form": form,
            "kinds": FacilityKind.choices,
            "districts": districts,
            "selected_district": filters["district_code"],
            "selected_kind": filters["kind"],
        },
    )


def _detail_context(request, facility, form):
    user = request.user
    can_book = has_verified_contact(user)
    return {
        "facility": facility,
        "schedule": selectors.facility_schedule(facility=facility, now=timezone.now()),
        "form": form,
        "can_book": can_book,
        "can_manage": selectors.user_can_manage_unit_facilities(
            user=user, unit=facility.unit
        ),
        "max_active_bookings": services.MAX_ACTIVE_BOOKINGS,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def facility_detail(request, pk):
    facility = selectors.facility_for_page(pk=pk)
    if facility is None:
        raise Http404
    form = BookingRequestForm(facility=facility)
    if request.method == "POST":
        if not request.user.is_authenticated:
            query = urlencode({"next": request.path})
            return redirect(f"{reverse('account_login')}?{query}")
        form = BookingRequestForm(request.POST, facility=facility)
        if form.is_valid():
            try:
                enforce("facility_booking", request=request)
                booking = services.booking_request(
                    user=request.user,
                    facility=facility,
                    starts_at=form.cleaned_data["slot"],
                    people=form.cleaned_data["people"],
                    purpose=form.cleaned_data["purpose"],
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your request for %(time)s has been sent to %(unit)s. You "
                        "will get an email when they decide."
                    )
                    % {
                        "time": timezone.localtime(booking.starts_at).strftime(
                            "%Y-%m-%d %H:%M"
                        ),
                        "unit": facility.unit.name,
                    },
                )
                return redirect(f"{reverse('home:participation')}#my-bookings")
    return render(
        request,
        "home/facility_detail.html",
        _detail_context(request, facility, form),
    )


def _own_booking(request, pk) -> FacilityBooking:
    """The signed-in resident's booking; another's is "not found"."""
    return get_object_or_404(
        FacilityBooking.objects.select_related("facility", "facility__unit"),
        pk=pk,
        user=request.user,
    )


def _next_url(request, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = _own_booking(request, pk)
    try:
        enforce("facility_booking", request=request)
        services.booking_cancel(user=request.user, booking=booking)
    except (ServiceError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your booking of %(facility)s has been cancelled.")
            % {"facility": booking.facility.name},
        )
    return redirect(_next_url(request, f"{reverse('home:participation')}#my-bookings"))


def _ics_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def booking_ics(request, pk):
    booking = _own_booking(request, pk)
    content = build_booking_calendar([booking], name=booking.facility.name)
    return _ics_response(content, filename=f"booking-{booking.pk}.ics")


@require_GET
def booking_calendar_feed(request, token):
    user = selectors.user_by_booking_calendar_token(token=token)
    if user is None:
        raise Http404
    bookings = selectors.user_bookings_for_calendar(user=user)
    content = build_booking_calendar(bookings, name=_("My facility bookings"))
    return _ics_response(content, filename="facility-bookings.ics")


@login_required
@require_POST
def booking_calendar_reset(request):
    services.booking_calendar_token_reset(user=request.user)
    messages.success(
        request,
        _(
            "Your bookings calendar has a new link. An older link no longer works: "
            "subscribe again with the new one."
        ),
    )
    return redirect(f"{reverse('home:participation')}#my-bookings")


@login_required
@require_POST
def booking_calendar_revoke(request):
    services.booking_calendar_token_revoke(user=request.user)
    messages.success(request, _("Your bookings calendar link has been turned off."))
    return redirect(f"{reverse('home:participation')}#my-bookings")
