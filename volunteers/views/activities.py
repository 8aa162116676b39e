"""Activity pages (served by Wagtail) and the sign-up / cancel POST views.

``ActivityIndexPage.get_context`` calls ``index_context`` and
``ActivityPage.get_context`` calls ``detail_context``; both read through
selectors in a fixed number of queries. The POST views work without JavaScript
and come back to the page with a message."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse, translate_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.exceptions import ServiceError
from volunteers.forms.activities import ActivityFilterForm
from volunteers.models import Shift, Signup, Volunteer
from volunteers.selectors.activities import (
    activities_for_index,
    activity_shifts,
    attach_shifts,
    index_filter_choices,
)
from volunteers.selectors.signups import signups_of_volunteer_for_shifts
from volunteers.services.signups import signup_cancel, signup_create

ACTIVITIES_PER_PAGE = 10


def register_url() -> str:
    """Where a visitor becomes a volunteer."""
    try:
        return reverse("volunteers:register")
    except NoReverseMatch:
        return translate_url("/volunteers/register/", get_language())


def _volunteer_of(user) -> Volunteer | None:
    if not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user).first()


def index_context(request, *, index_page):
    if index_page.pk is None:  # an editor's preview of an index not saved yet
        return {"page_obj": None, "filter_form": None, "filters": {}}
    choices = index_filter_choices()
    form = ActivityFilterForm(request.GET, districts=choices["districts"])
    filters = form.filters()
    activities = activities_for_index(
        index_page=index_page, now=timezone.now(), **filters
    )
    page = Paginator(activities, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    attach_shifts(page.object_list)
    return {
        "filter_form": form,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "page_obj": page,
        "now": timezone.now(),
        **choices,
    }


def detail_context(request, *, activity):
    now = timezone.now()
    volunteer = _volunteer_of(request.user)
    if activity.pk is None:  # preview of an activity not saved yet
        shifts = list(activity.shifts.all())
        mine = {}
    else:
        shifts = activity_shifts(activity=activity)
        mine = signups_of_volunteer_for_shifts(
            volunteer=volunteer, shift_ids=[shift.pk for shift in shifts]
        )
    window_open = activity.signup_opens_at <= now < activity.signup_closes_at
    for shift in shifts:
        shift.my_signup = mine.get(shift.pk)
        shift.cancellation_deadline = shift.cancellation_closes_at(activity)
        shift.can_cancel = now < shift.cancellation_deadline
        shift.has_started = shift.starts_at <= now
        shift.can_sign_up = window_open and not shift.has_started
        shift.waitlist_count = getattr(shift, "waitlist_count", 0)
    return {
        "shifts": shifts,
        "volunteer": volunteer,
        "signup_window_open": window_open,
        "register_url": register_url(),
        "now": now,
    }


def _back_to(request, activity, shift_pk) -> str:
    """The page to return to: a safe ``next`` (the volunteer's own page), else the
    shift on the activity page in the visitor's language."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    url = translate_url(activity.get_url(request) or "/", get_language())
    return f"{url}#shift-{shift_pk}"


def _login_redirect(request, activity):
    url = translate_url(activity.get_url(request) or "/", get_language())
    return redirect(f"{reverse('account_login')}?{urlencode({'next': url})}")


@require_POST
def shift_signup(request, shift_id):
    shift = get_object_or_404(
        Shift.objects.select_related("activity"),
        pk=shift_id,
        activity__live=True,
    )
    activity = shift.activity
    if not request.user.is_authenticated:
        return _login_redirect(request, activity)
    volunteer = _volunteer_of(request.user)
    if volunteer is None:
        messages.info(
            request,
            _("Register as a Green Ribbon volunteer first; then you can sign up."),
        )
        return redirect(register_url())
    try:
        signup = signup_create(volunteer=volunteer, shift=shift)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        if signup.status == Signup.Status.CONFIRMED:
            messages.success(request, _("You have a place in this shift. Thank you!"))
        else:
            messages.success(
                request,
                _(
                    "This shift is full: you are on its waitlist. We will email you "
                    "if a place becomes free."
                ),
            )
    return redirect(_back_to(request, activity, shift.pk))


@require_POST
def signup_cancel_view(request, signup_id):
    if not request.user.is_authenticated:
        return redirect(reverse("account_login"))
    volunteer = _volunteer_of(request.user)
    signup = get_object_or_404(
        Signup.objects.select_related("shift__activity"),
        pk=signup_id,
        volunteer=volunteer,
    )
    activity = signup.shift.activity
    try:
        signup_cancel(volunteer=volunteer, signup=signup)
    except (ServiceError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(_back_to(request, activity, signup.shift_id))


urlpatterns = [
    path("shifts/<int:shift_id>/signup/", shift_signup, name="shift_signup"),
    path("signups/<int:signup_id>/cancel/", signup_cancel_view, name="signup_cancel"),
]
