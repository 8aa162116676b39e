"""Check-in by QR code. The organiser shows a shift's rotating code
(/volunteers/shifts/<id>/checkin-code/, whose script fetches each new code from
/volunteers/shifts/<id>/checkin-code/current/); a volunteer scans it
with a phone and lands on /volunteers/checkin/<code>/, which asks them to confirm
the check-in, or on a later scan the check-out. Thin: parse, call a service,
render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

import segno

from home.exceptions import ServiceError
from home.twofactor import two_factor_required
from volunteers.models import ServiceRecord, Shift
from volunteers.selectors.profiles import volunteer_for_user
from volunteers.selectors.roster import organiser_shift
from volunteers.services import attendance

CHECKIN = "checkin"
CHECKOUT = "checkout"


def _current_code(request, shift):
    """What changes on the code page as the code rotates: the QR code, its URL,
    the check-in window's state, and the seconds until the next code."""
    now = timezone.now()
    token = attendance.checkin_token_make(shift=shift, now=now)
    url = request.build_absolute_uri(
        reverse("volunteers:checkin_scan", kwargs={"token": token})
    )
    qr = segno.make(url, error="m")
    # No fixed size: a viewBox, so that the code scales to the screen.
    svg = qr.svg_inline(
        omitsize=True, svgclass="checkin-code__image", title=_("Check-in code")
    )
    rotate = settings.VOLUNTEER_CHECKIN_TOKEN_ROTATE_SECONDS
    opens_at = attendance.checkin_opens_at(shift)
    return {
        "shift": shift,
        "activity": shift.activity,
        "qr_svg": mark_safe(svg),  # noqa: S308 — segno's own markup, no user text
        "url": url,
        "refresh": rotate - int(now.timestamp()) % rotate + 1,
        "opens_at": opens_at,
        "is_open": opens_at <= now < shift.ends_at,
        "has_ended": now >= shift.ends_at,
    }


@login_required
@two_factor_required
@require_GET
@never_cache
def checkin_code(request, shift_id):
    """The page an organiser shows at the activity. No meta refresh (it moves a
    screen reader's or magnifier's place every minute): site/static/js/checkin.js
    fetches the next code from ``checkin_code_current``; without JavaScript the
    page's "Refresh" link reloads it."""
    shift = organiser_shift(user=request.user, shift_id=shift_id)
    return render(
        request, "volunteers/checkin_code.html", _current_code(request, shift)
    )


@login_required
@two_factor_required
@require_GET
@never_cache
def checkin_code_current(request, shift_id):
    """The rotating part of the code page as JSON, for the page's script: the
    same organisers only, and the same codes (their validity is the service's)."""
    shift = organiser_shift(user=request.user, shift_id=shift_id)
    context = _current_code(request, shift)
    html = render_to_string(
        "volunteers/includes/checkin_code_current.html", context, request=request
    )
    return JsonResponse(
        {"html": html, "url": context["url"], "refresh": context["refresh"]}
    )


def _scan_page(request, *, token, shift=None, record=None, error="", status=200):
    return render(
        request,
        "volunteers/checkin_scan.html",
        {
            "token": token,
            "shift": shift,
            "activity": shift.activity if shift else None,
            "record": record,
            "error": error,
            "opens_at": attendance.checkin_opens_at(shift) if shift else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin_scan(request, token):
    try:
        shift_id = attendance.checkin_token_shift_id(token=token)
    except ServiceError as error:
        return _scan_page(request, token=token, error=str(error), status=400)
    shift = get_object_or_404(
        Shift.objects.select_related("activity", "activity__unit"), pk=shift_id
    )
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        raise PermissionDenied(_("Only registered volunteers can check in to a shift."))
    record = ServiceRecord.objects.filter(volunteer=volunteer, shift=shift).first()
    if request.method == "GET":
        return _scan_page(request, token=token, shift=shift, record=record)
    action = request.POST.get("action")
    try:
        if action == CHECKIN:
            record, created = attendance.checkin(volunteer=volunteer, shift=shift)
            if created:
                messages.success(request, _("You are checked in. Thank you!"))
            else:
                messages.info(request, _("You had already checked in."))
        elif action == CHECKOUT:
            record = attendance.checkout(volunteer=volunteer, shift=shift)
            messages.success(
                request,
                _(
                    "You are checked out: %(minutes)d minutes of service "
                    "(%(hours)s hours) await the organiser's approval."
                )
                % {"minutes": record.minutes, "hours": record.hours},
            )
        else:
            return _scan_page(
                request, token=token, shift=shift, record=record, status=400
            )
    except ServiceError as error:
        return _scan_page(
            request,
            token=token,
            shift=shift,
            record=record,
            error=str(error),
            status=400,
        )
    return redirect("volunteers:my_service_record", record_id=record.pk)
