"""iCalendar feeds: every shift of an activity and one shift (public), and a
volunteer's own confirmed shifts at a private, unguessable address that they can
revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from volunteers.calendar import build_calendar
from volunteers.models import ActivityPage, Volunteer
from volunteers.selectors import roster as selectors
from volunteers.services import roster as services

ICS_TYPE = "text/calendar; charset=utf-8"


def _ics_response(content: bytes, *, filename: str, private: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "max-age=300"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def activity_calendar(request, page_id):
    activity = get_object_or_404(
        ActivityPage.objects.live().public().select_related("unit"), pk=page_id
    )
    shifts = selectors.shifts_for_activity_calendar(activity=activity)
    content = build_calendar(
        shifts,
        name=activity.title,
        url_for=lambda page: page.get_full_url(request),
    )
    return _ics_response(content, filename=f"activity-{activity.pk}.ics", private=False)


@require_GET
def shift_calendar(request, shift_id):
    """One shift of a public activity, for "add to calendar" on the activity page:
    the activity's title, place, summary and address, and the shift's times —
    nothing about who signed up."""
    shift = selectors.shift_for_public_calendar(shift_id=shift_id)
    if shift is None:
        raise Http404
    content = build_calendar(
        [shift],
        name=shift.activity.title,
        url_for=lambda page: page.get_full_url(request),
    )
    return _ics_response(content, filename=f"shift-{shift.pk}.ics", private=False)


@require_GET
def volunteer_calendar(request, token):
    volunteer = selectors.volunteer_by_calendar_token(token=token)
    if volunteer is None:
        raise Http404
    shifts = selectors.shifts_for_volunteer_calendar(volunteer=volunteer)
    content = build_calendar(
        shifts,
        name=_("My volunteering shifts"),
        url_for=lambda page: page.get_full_url(request),
    )
    return _ics_response(content, filename="volunteering.ics", private=True)


@login_required
@require_POST
def volunteer_calendar_reset(request):
    volunteer = Volunteer.objects.filter(user=request.user).first()
    if volunteer is None:
        raise Http404
    services.volunteer_calendar_token_reset(volunteer=volunteer)
    messages.success(
        request,
        _(
            "Your calendar link has been replaced. The old link no longer works: "
            "subscribe again with the new one."
        ),
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "home:dashboard"
    return redirect(target)
