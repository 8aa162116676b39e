"""Organisers' roster of an activity (/volunteers/activities/<id>/roster/): the
sign-ups of each shift with names and masked phones, CSV and XLSX downloads,
marking no-shows and messaging the participants. Only the organisers of the
organising unit (and staff) get in. Thin: parse, call a service, render."""

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
from home.limits import enforce
from home.spreadsheets import csv_download, xlsx_download
from home.twofactor import two_factor_required
from volunteers.forms.roster import RosterMessageForm
from volunteers.models import Shift, Signup
from volunteers.selectors import roster as selectors
from volunteers.services import roster as services


def _record_access(request, activity, rosters, what) -> None:
    """Everyone on the roster had their name and phone seen (or downloaded)."""
    access_record(
        viewer=request.user,
        subjects=(
            signup.volunteer.user_id
            for roster in rosters
            for group in ("confirmed", "waitlisted", "no_show", "cancelled")
            for signup in getattr(roster, group)
        ),
        what=what,
        unit=activity.unit,
        detail=activity.title,
        request=request,
    )


def _render_roster(request, activity, *, form=None, status=200):
    if form is None:
        form = RosterMessageForm(shifts=_shift_choices(activity))
    rosters = selectors.activity_roster(activity=activity, now=timezone.now())
    _record_access(request, activity, rosters, AccessRecord.What.ROSTER)
    return render(
        request,
        "volunteers/roster.html",
        {
            "activity": activity,
            "rosters": rosters,
            "form": form,
            "participant_count": len(
                {s.volunteer_id for r in rosters for s in r.confirmed}
            ),
        },
        status=status,
    )


def _shift_choices(activity):
    return Shift.objects.filter(activity=activity).order_by("starts_at", "pk")


@login_required
@two_factor_required
@require_GET
def roster(request, page_id):
    activity = selectors.organiser_activity(user=request.user, page_id=page_id)
    return _render_roster(request, activity)


@login_required
@two_factor_required
@require_POST
def roster_message(request, page_id):
    activity = selectors.organiser_activity(user=request.user, page_id=page_id)
    form = RosterMessageForm(request.POST, shifts=_shift_choices(activity))
    if form.is_valid():
        try:
            enforce("roster_message", request=request)
            count = services.roster_message(
                actor=request.user, activity=activity, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your message is being sent to %(count)d volunteers.")
                % {"count": count},
            )
            return redirect("volunteers:roster", page_id=activity.pk)
    return _render_roster(request, activity, form=form, status=400)


@login_required
@two_factor_required
@require_POST
def roster_undo_no_show(request, page_id, signup_id):
    activity = selectors.organiser_activity(user=request.user, page_id=page_id)
    signup = selectors.roster_signup(activity=activity, signup_id=signup_id)
    if signup is None:
        raise Http404
    signup.shift.activity = activity
    try:
        services.roster_undo_no_show(actor=request.user, signup=signup)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is confirmed again.") % {"name": signup.volunteer.real_name},
        )
    url = reverse("volunteers:roster", kwargs={"page_id": activity.pk})
    return redirect(f"{url}#shift-{signup.shift_id}")


@login_required
@two_factor_required
@require_POST
def roster_no_show(request, page_id, signup_id):
    activity = selectors.organiser_activity(user=request.user, page_id=page_id)
    signup = selectors.roster_signup(activity=activity, signup_id=signup_id)
    if signup is None:
        raise Http404
    signup.shift.activity = activity
    try:
        services.roster_mark_no_show(actor=request.user, signup=signup)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is marked as not having come.")
            % {"name": signup.volunteer.real_name},
        )
    url = reverse("volunteers:roster", kwargs={"page_id": activity.pk})
    return redirect(f"{url}#shift-{signup.shift_id}")


# Downloads --------------------------------------------------------------------


def _headings() -> list[str]:
    return [
        _("Shift starts"),
        _("Shift ends"),
        _("Role"),
        _("Status"),
        _("Waitlist position"),
        _("Real name"),
        _("Green Ribbon number"),
        _("Mobile number"),
        _("Signed up at"),
        _("Cancelled at"),
    ]


def _local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _rows(rosters):
    """One row per sign-up, shift by shift; phones masked as on the page."""
    statuses = dict(Signup.Status.choices)
    for roster in rosters:
        shift = roster.shift
        for group in ("confirmed", "waitlisted", "no_show", "cancelled"):
            for position, signup in enumerate(getattr(roster, group), start=1):
                volunteer = signup.volunteer
                yield [
                    _local(shift.starts_at),
                    _local(shift.ends_at),
                    shift.role,
                    str(statuses[signup.status]),
                    position if group == "waitlisted" else None,
                    volunteer.real_name,
                    volunteer.green_ribbon_number or "",
                    volunteer.masked_phone,
                    _local(signup.created_at),
                    _local(signup.cancelled_at),
                ]


def _filename(activity, extension: str) -> str:
    return f"activity-{activity.pk}-roster.{extension}"


@login_required
@two_factor_required
@require_GET
def roster_csv(request, page_id):
    activity = selectors.organiser_activity(user=request.user, page_id=page_id)
    rosters = selectors.activity_roster(activity=activity, now=timezone.now())
    _record_access(request, activity, rosters, AccessRecord.What.ROSTER_EXPORT)
    return csv_download(
        filename=_filename(activity, "csv"),
        headings=_headings(),
        rows=list(_rows(rosters)),
        private=True,
    )


@login_required
@two_factor_required
@require_GET
def roster_xlsx(request, page_id):
    activity = selectors.organiser_activity(user=request.user, page_id=page_id)
    rosters = selectors.activity_roster(activity=activity, now=timezone.now())
    _record_access(request, activity, rosters, AccessRecord.What.ROSTER_EXPORT)
    return xlsx_download(
        filename=_filename(activity, "xlsx"),
        sheet_title=_("Roster"),
        headings=_headings(),
        rows=_rows(rosters),
        private=True,
    )
