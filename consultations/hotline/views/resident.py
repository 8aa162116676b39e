"""A resident's pages: report a problem, follow it, rate the answer; a caller's
lookup by reference number and code; the person's own requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from home.exceptions import ServiceError
from home.limits import LimitReached, enforce
from home.permissions import has_verified_contact, lacks_required_phone

from .. import selectors_pages as pages
from .. import services
from ..page_forms import LookupForm, RatingForm, RequestForm
from .photos import may_see_photos

MY_REQUESTS_PER_PAGE = 20


def reporting_state(user) -> str:
    """Whether the person may report now: "allowed", "verify_email" or
    "verify_phone" (the same rule as commenting)."""
    if not has_verified_contact(user):
        return "verify_email"
    if lacks_required_phone(user):
        return "verify_phone"
    return "allowed"


def _photos_lost(request, form) -> bool:
    """A refused form with photos: the browser does not send them back."""
    return bool(form.errors) and bool(request.FILES.getlist("photos"))


@login_required
def request_new(request):
    """The resident's form. A refused form comes back with what was typed; the
    photos must be chosen again (a browser never sends files back)."""
    state = reporting_state(request.user)
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and state == "allowed" and form.is_valid():
        data = form.cleaned_data
        try:
            enforce("hotline_request", request=request)
            created = services.request_submit(
                resident=request.user,
                category=data["category"],
                district=data["district"],
                community=data["community"],
                place=data["place"],
                description=data["description"],
                photos=data["photos"],
                contact_preference=data["contact_preference"],
                is_public=data["is_public"],
                photos_public=data["photos_public"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you. Your request %(reference)s has been sent to %(unit)s.")
                % {
                    "reference": created.reference,
                    "unit": created.handling_unit or _("the dispatcher"),
                },
            )
            return redirect("hotline:request_detail", reference=created.reference)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "hotline/request_form.html",
        {"form": form, "state": state, "photos_lost": _photos_lost(request, form)},
        status=status,
    )


def _viewer_may_see(request_obj, user) -> bool:
    if not user.is_authenticated:
        return False
    if request_obj.resident_id == user.pk:
        return True
    return pages.is_follower(request=request_obj, user=user) or pages.can_work_on(
        user=user, request=request_obj
    )


def _render_detail(request, request_obj, *, rating_form=None, via_lookup=False):
    may_rate = (
        not via_lookup
        and request_obj.status == request_obj.Status.REPLIED
        and request.user.is_authenticated
        and request_obj.resident_id == request.user.pk
    )
    return render(
        request,
        "hotline/request_detail.html",
        {
            "item": request_obj,
            "rating_form": rating_form or (RatingForm() if may_rate else None),
            "via_lookup": via_lookup,
            "show_photos": may_see_photos(user=request.user, request=request_obj),
            "is_owner": request.user.is_authenticated
            and request_obj.resident_id == request.user.pk,
        },
        status=400 if rating_form is not None and rating_form.errors else 200,
    )


@login_required
@require_GET
def request_detail(request, reference):
    """The request's page for its resident (and followers, and the people who
    handle it): the timeline, the unit's reply, the rating form."""
    request_obj = pages.request_for_page(reference=reference)
    if request_obj is None or not _viewer_may_see(request_obj, request.user):
        raise Http404
    return _render_detail(request, request_obj)


@login_required
@require_POST
def request_rate(request, reference):
    """The resident confirms and rates the reply; 不满意 reopens it once."""
    request_obj = pages.request_for_page(reference=reference)
    if request_obj is None or request_obj.resident_id != request.user.pk:
        raise Http404
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, request_obj, rating_form=form)
    try:
        services.request_rate(
            request=request_obj,
            user=request.user,
            grade=form.cleaned_data["grade"],
            comment=form.cleaned_data["comment"],
        )
    except ServiceError as error:
        form.add_error(None, str(error))
        return _render_detail(request, request_obj, rating_form=form)
    messages.success(request, _("Thank you for your rating."))
    return redirect("hotline:request_detail", reference=reference)


def request_lookup(request):
    """A caller without an account follows their request with the reference
    number and the lookup code the operator read to them. Counted per address
    (and account) in the shared cache: codes are not to be guessed."""
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enforce("hotline_lookup", request=request)
        except LimitReached as error:
            form.add_error(None, str(error))
            return render(request, "hotline/lookup.html", {"form": form}, status=429)
        found = services.request_lookup(
            reference=form.cleaned_data["reference"], code=form.cleaned_data["code"]
        )
        if found is not None:
            request_obj = pages.request_for_page(reference=found.reference)
            return _render_detail(request, request_obj, via_lookup=True)
        form.add_error(
            None,
            _(
                "No request matches this reference number and code. Check both "
                "and try again, or call 12319."
            ),
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "hotline/lookup.html", {"form": form}, status=status)


@login_required
@require_GET
def my_requests(request):
    page = Paginator(
        pages.my_requests(user=request.user), MY_REQUESTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "hotline/my_requests.html", {"page_obj": page})
