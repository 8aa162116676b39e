"""Organisers' attendance of one shift (/volunteers/shifts/<id>/attendance/):
the confirmed volunteers with their records, times entered or corrected one by
one, and "everyone served the whole shift" in one go. Thin: parse, call a
service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from home.twofactor import two_factor_required
from volunteers.forms.hours import AttendanceForm
from volunteers.models import Volunteer
from volunteers.selectors import hours as selectors
from volunteers.selectors.roster import organiser_shift
from volunteers.services import attendance_entry as services


def _render(request, shift, *, failed=None, status=200):
    """``failed`` is a bound form with errors, for the volunteer it belongs to.
    Everyone listed had their name and times seen: the access log says so."""
    rows = selectors.shift_attendance(shift=shift)
    access_record(
        viewer=request.user,
        subjects=(row.signup.volunteer.user_id for row in rows),
        what=AccessRecord.What.ATTENDANCE,
        unit=shift.activity.unit,
        detail=shift.activity.title,
        request=request,
    )
    for row in rows:
        prefix = f"v{row.signup.volunteer_id}"
        if failed is not None and failed.prefix == prefix:
            row.form = failed
        else:
            row.form = AttendanceForm(shift=shift, record=row.record, prefix=prefix)
    now = timezone.now()
    return render(
        request,
        "volunteers/attendance.html",
        {
            "shift": shift,
            "activity": shift.activity,
            "rows": rows,
            "has_started": now >= shift.starts_at,
            "has_ended": now >= shift.ends_at,
        },
        status=status,
    )


@login_required
@two_factor_required
@require_GET
def shift_attendance(request, shift_id):
    shift = organiser_shift(user=request.user, shift_id=shift_id)
    return _render(request, shift)


@login_required
@two_factor_required
@require_POST
def attendance_entry(request, shift_id, volunteer_id):
    shift = organiser_shift(user=request.user, shift_id=shift_id)
    volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    if volunteer is None:
        raise Http404
    form = AttendanceForm(request.POST, shift=shift, prefix=f"v{volunteer.pk}")
    if form.is_valid():
        try:
            services.attendance_record(
                actor=request.user,
                shift=shift,
                volunteer=volunteer,
                started_at=form.cleaned_data["started_at"],
                ended_at=form.cleaned_data["ended_at"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Attendance saved for %(name)s; it awaits approval.")
                % {"name": volunteer.real_name},
            )
            url = reverse("volunteers:shift_attendance", kwargs={"shift_id": shift.pk})
            return redirect(f"{url}#volunteer-{volunteer.pk}")
    return _render(request, shift, failed=form, status=400)


@login_required
@two_factor_required
@require_POST
def attendance_whole_shift(request, shift_id):
    shift = organiser_shift(user=request.user, shift_id=shift_id)
    try:
        count = services.attendance_record_whole_shift(actor=request.user, shift=shift)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(count)d records saved for the whole shift; they await approval.")
            % {"count": count},
        )
    return redirect("volunteers:shift_attendance", shift_id=shift.pk)
