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
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from home.limits import LimitReached, enforce
from home.models import District
from home.permissions import has_verified_contact, is_platform_staff
from home.phone import has_verified_phone
from home.twofactor import two_factor_required
from volunteers.forms.registration import (
    ProfileForm,
    RegistrationForm,
    ReviewFilterForm,
    ReviewForm,
)
from volunteers.selectors import decisions as review_selectors
from volunteers.selectors import profiles as selectors
from volunteers.selectors.teams import teams_for_registration, teams_led_by
from volunteers.services import registration as services
from volunteers.services import review

REVIEW_PAGE_SIZE = 30
SIGNUPS_TEMPLATE = "volunteers/includes/my_signups.html"


def _add_errors(form, error: ValidationError) -> None:
    """A service's field errors go to the form's fields (or the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _registration_refusal(request) -> str:
    """Every submission counts (valid or not): the limit's message, or ""."""
    try:
        enforce("volunteer_registration", request=request)
    except LimitReached as error:
        return str(error)
    return ""


# Error reports never show the ID number or phone (nor, below the view, the
# services' arguments).
@sensitive_variables()
@sensitive_post_parameters("id_number", "phone", "real_name")
@login_required
def register(request):
    if selectors.volunteer_for_user(user=request.user) is not None:
        messages.info(request, _("You have already registered as a volunteer."))
        return redirect("volunteers:profile")
    contact_verified = has_verified_contact(request.user)
    phone_missing = contact_verified and not has_verified_phone(request.user)
    verified = contact_verified and not phone_missing
    form = RegistrationForm(
        request.POST if request.method == "POST" and verified else None,
        teams=teams_for_registration(),
        account_phone=request.user.phone if verified else "",
    )
    refusal = _registration_refusal(request) if form.is_bound else ""
    if refusal:
        form.is_valid()
        form.add_error(None, refusal)
    elif form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.volunteer_register(
                user=request.user,
                real_name=data["real_name"],
                id_number=data["id_number"],
                gender=data["gender"],
                birth_year=data["birth_year"],
                district=data["district"],
                community=data["community"],
                categories=data["categories"],
                skills=data["skills"],
                availability=data["availability"],
                code_of_conduct_accepted=data["code_of_conduct"],
                sensitive_data_consent=data["sensitive_data_consent"],
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
        {"form": form, "verified": verified, "phone_missing": phone_missing},
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


@sensitive_variables()
@sensitive_post_parameters("phone")
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


def _reviewing_unit(user, volunteer):
    """The reviewer's unit whose team the volunteer asked to join."""
    unit_ids = set(selectors.reviewer_unit_ids(user=user))
    for membership in volunteer.team_memberships.all():
        if membership.team.unit_id in unit_ids:
            return membership.team.unit
    return None


@login_required
@two_factor_required
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
    access_record(
        viewer=request.user,
        subjects=(volunteer.user_id for volunteer in page.object_list),
        what=AccessRecord.What.VOLUNTEER_REVIEW,
        request=request,
    )
    return render(
        request,
        "volunteers/registration_review_list.html",
        {"filter_form": filter_form, "page_obj": page},
    )


@login_required
@two_factor_required
def review_detail(request, volunteer_id):
    if not selectors.user_is_reviewer(user=request.user):
        raise _not_a_reviewer()
    volunteer = selectors.volunteer_to_review(
        user=request.user, volunteer_id=volunteer_id
    )
    if volunteer is None:
        raise Http404
    staff = is_platform_staff(request.user)
    access_record(
        viewer=request.user,
        subjects=[volunteer.user_id],
        what=AccessRecord.What.VOLUNTEER_REVIEW,
        unit=None if staff else _reviewing_unit(request.user, volunteer),
        request=request,
    )
    form = ReviewForm(request.POST or None, volunteer=volunteer, staff=staff)
    if form.is_bound and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            review.volunteer_review_decide(
                reviewer=request.user,
                volunteer=volunteer,
                action=action,
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            if action == ReviewForm.REFUSE:
                message = _(
                    "%(name)s is refused from your unit's teams; they have been "
                    "emailed."
                )
            else:
                message = _("Decision saved for %(name)s; they have been emailed.")
            messages.success(request, message % {"name": volunteer.real_name})
            return redirect("volunteers:review_list")
    return render(
        request,
        "volunteers/registration_review.html",
        {
            "volunteer": volunteer,
            "form": form,
            "decisions": review_selectors.volunteer_decisions(volunteer=volunteer),
        },
        status=400 if form.is_bound else 200,
    )
