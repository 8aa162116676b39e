"""Becoming a volunteer (/volunteers/register/), the volunteer's own page
(/volunteers/me/) and the reviewers' pages (/volunteers/review/). Thin: parse,
call a service, render. There is no address that shows another volunteer's data,
except to the reviewers allowed to see it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.models import District
from home.permissions import has_verified_email
from volunteers.forms.registration import (
    ProfileForm,
    RegistrationForm,
    ReviewFilterForm,
    ReviewForm,
)
from volunteers.selectors import profiles as selectors
from volunteers.selectors.teams import teams_for_registration, teams_led_by
from volunteers.services import registration as services

REVIEW_PAGE_SIZE = 30
SIGNUPS_TEMPLATE = "volunteers/includes/my_signups.html"


def _add_errors(form, error: ValidationError) -> None:
    """A service's field errors go to the form's fields (or the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def register(request):
    if selectors.volunteer_for_user(user=request.user) is not None:
        messages.info(request, _("You have already registered as a volunteer."))
        return redirect("volunteers:profile")
    verified = has_verified_email(request.user)
    form = RegistrationForm(
        request.POST if request.method == "POST" and verified else None,
        teams=teams_for_registration(),
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.volunteer_register(
                user=request.user,
                real_name=data["real_name"],
                phone=data["phone"],
                id_number=data["id_number"],
                gender=data["gender"],
                birth_year=data["birth_year"],
                district=data["district"],
                community=data["community"],
                categories=data["categories"],
                skills=data["skills"],
                availability=data["availability"],
                code_of_conduct_accepted=data["code_of_conduct"],
                team=data["team"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you for registering. Your registration will be reviewed "
                    "and you will be emailed the outcome."
                ),
            )
            return redirect("volunteers:profile")
    status = 200
    if not verified:
        status = 403
    elif form.is_bound:
        status = 400
    return render(
        request,
        "volunteers/registration.html",
        {"form": form, "verified": verified},
        status=status,
    )


def _signups_context(volunteer) -> dict | None:
    """Another engineer's upcoming shifts and waitlist positions; skipped until
    their selector and template exist."""
    try:
        get_template(SIGNUPS_TEMPLATE)
        from volunteers.selectors.signups import my_signups

        return my_signups(volunteer=volunteer)
    except (ImportError, AttributeError, TemplateDoesNotExist):
        return None


@login_required
def profile(request):
    volunteer = selectors.volunteer_for_user(user=request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    signups = _signups_context(volunteer)
    return render(
        request,
        "volunteers/profile.html",
        {
            "volunteer": volunteer,
            "memberships": selectors.volunteer_memberships(volunteer=volunteer),
            "led_teams": teams_led_by(user=request.user),
            "is_reviewer": selectors.user_is_reviewer(user=request.user),
            "signups": signups,
            "signups_template": SIGNUPS_TEMPLATE if signups is not None else "",
        },
    )


@login_required
def profile_edit(request):
    volunteer = selectors.volunteer_for_user(user=request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    form = ProfileForm(request.POST or None, volunteer=volunteer)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.volunteer_profile_update(
                volunteer=volunteer,
                phone=data["phone"] or volunteer.phone,
                district=data["district"],
                community=data["community"],
                categories=data["categories"],
                skills=data["skills"],
                availability=data["availability"],
                show_on_leaderboards=data["show_on_leaderboards"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("volunteers:profile")
    return render(
        request,
        "volunteers/profile_edit.html",
        {"form": form, "volunteer": volunteer},
        status=400 if form.is_bound else 200,
    )


# Review -------------------------------------------------------------------------


def _not_a_reviewer() -> PermissionDenied:
    return PermissionDenied(
        _(
            "Only staff, and the administrators and organisers of units with "
            "volunteer teams, can review registrations."
        ),
    )


@login_required
def review_list(request):
    if not selectors.user_is_reviewer(user=request.user):
        raise _not_a_reviewer()
    filter_form = ReviewFilterForm(
        request.GET or {"status": "pending"}, districts=District.objects.all()
    )
    volunteers = selectors.volunteers_to_review(
        user=request.user, **filter_form.filters()
    )
    page = Paginator(volunteers, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/registration_review_list.html",
        {"filter_form": filter_form, "page_obj": page},
    )


@login_required
def review_detail(request, volunteer_id):
    if not selectors.user_is_reviewer(user=request.user):
        raise _not_a_reviewer()
    volunteer = selectors.volunteer_to_review(
        user=request.user, volunteer_id=volunteer_id
    )
    if volunteer is None:
        raise Http404
    form = ReviewForm(request.POST or None, volunteer=volunteer)
    if form.is_bound and form.is_valid():
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        try:
            if action == ReviewForm.APPROVE:
                services.volunteer_approve(reviewer=request.user, volunteer=volunteer)
            elif action == ReviewForm.REJECT:
                services.volunteer_reject(
                    reviewer=request.user, volunteer=volunteer, reason=reason
                )
            else:
                services.volunteer_suspend(
                    reviewer=request.user, volunteer=volunteer, reason=reason
                )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Decision saved for %(name)s; they have been emailed.")
                % {"name": volunteer.real_name},
            )
            return redirect("volunteers:review_list")
    return render(
        request,
        "volunteers/registration_review.html",
        {"volunteer": volunteer, "form": form},
        status=400 if form.is_bound else 200,
    )
