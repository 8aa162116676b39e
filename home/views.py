"""Views of the shared core: the account page, units and their members, search."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from home import extensions, selectors
from home.access_log import AccessRecord, access_record
from home.access_log import selectors as access_selectors
from home.exceptions import ServiceError
from home.facilities import selectors as facility_selectors
from home.forms import ProfileForm, SearchForm, UnitFilterForm, UnitMemberAddForm
from home.limits import search_words_allowed, without_search_words
from home.models import Unit, UnitMembership
from home.pledges import selectors as pledge_selectors
from home.search import query_terms
from home.services import members, profiles
from home.twofactor import needs_two_factor, two_factor_required

ACCESS_LOG_PAGE_SIZE = 30


@login_required
@require_GET
def dashboard(request):
    """The person's workspace: for each role they hold, its queues (with counts)
    and tools, from the shared core and the feature apps (``home.extensions``)."""
    memberships = list(selectors.user_memberships(user=request.user))
    panels = extensions.workspace_panels(user=request.user, memberships=memberships)
    return render(
        request,
        "home/dashboard.html",
        {
            "memberships": memberships,
            "panels": panels,
            "needs_two_factor": needs_two_factor(request.user),
        },
    )


@login_required
@require_GET
def participation(request):
    """What the person has done as a resident: comments and the answers they got,
    followed consultations, survey answers, ratings, bookings and sign-ups."""
    return render(request, "home/me/participation.html")


@login_required
@require_GET
def account_settings(request):
    """Profile, sign-in and security, and the person's data rights."""
    return render(request, "home/me/account.html")


@login_required
@require_GET
def my_access_log(request):
    """Who looked at the signed-in person's data: units (by name) or staff."""
    accesses = access_selectors.my_data_accesses(user=request.user)
    page = Paginator(accesses, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "home/my_access_log.html",
        {
            "page_obj": page,
            "retention_years": settings.CANYU_ACCESS_LOG_RETENTION_DAYS // 365,
        },
    )


@sensitive_variables()
@sensitive_post_parameters("phone")
@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            profiles.user_profile_update(
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                phone=form.cleaned_data["phone"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("home:account_settings")
    return render(request, "home/profile_edit.html", {"form": form})


@require_GET
def unit_list(request):
    form = UnitFilterForm(without_search_words(request, request.GET))
    filters = form.filters()
    units = selectors.units_directory(
        kind=filters["kind"], district_code=filters["district"], query=filters["q"]
    )
    page = Paginator(units, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "home/unit_list.html",
        {
            "page_obj": page,
            "filter_form": form,
            "is_filtered": any(filters.values()),
        },
    )


@require_GET
def unit_detail(request, slug):
    unit = get_object_or_404(selectors.unit_detail(slug=slug))
    return render(
        request,
        "home/unit_detail.html",
        {
            "unit": unit,
            "can_manage": selectors.user_can_manage_unit_members(
                user=request.user, unit=unit
            ),
            "can_manage_facilities": facility_selectors.user_can_manage_unit_facilities(
                user=request.user, unit=unit
            ),
            "facilities": list(facility_selectors.unit_facilities(unit=unit)),
            "pledges": list(pledge_selectors.unit_pledges(unit_id=unit.pk)),
            # What the feature apps know about the unit (answer rate, hours …).
            **extensions.unit_figures(unit=unit),
        },
    )


@login_required
@two_factor_required
def unit_members(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    if not selectors.user_can_manage_unit_members(user=request.user, unit=unit):
        raise PermissionDenied
    form = UnitMemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = members.unit_member_add(
                actor=request.user,
                unit=unit,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(user)s has been added as “%(role)s”.")
                % {"user": membership.user, "role": membership.get_role_display()},
            )
            return redirect("home:unit_members", slug=unit.slug)
    unit_members = list(selectors.unit_members(unit=unit))
    access_record(
        viewer=request.user,
        subjects=(membership.user_id for membership in unit_members),
        what=AccessRecord.What.UNIT_MEMBERS,
        unit=unit,
        request=request,
    )
    return render(
        request,
        "home/unit_members.html",
        {"unit": unit, "members": unit_members, "form": form},
    )


@login_required
@two_factor_required
@require_POST
def unit_member_remove(request, slug, membership_id):
    membership = get_object_or_404(
        UnitMembership.objects.select_related("unit", "user"),
        pk=membership_id,
        unit__slug=slug,
    )
    try:
        members.unit_member_remove(actor=request.user, membership=membership)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The role “%(role)s” has been removed from %(user)s.")
            % {"user": membership.user, "role": membership.get_role_display()},
        )
    return redirect("home:unit_members", slug=slug)


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    terms = query_terms(query)
    page = None
    status = 200
    if terms and not search_words_allowed(request, query):
        terms, status = [], 429
    if terms:
        results = (
            Page.objects.live()
            .public()
            .specific()
            .search(" ".join(terms), operator="and")
        )
        page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {"form": form, "query": query, "page_obj": page},
        status=status,
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def admin_login_redirect(request):
    """The Wagtail and Django admin login pages send people to allauth's login,
    so that its rate limits and two-factor authentication apply."""
    from urllib.parse import urlencode

    from django.urls import reverse

    next_url = request.GET.get("next") or "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


@require_GET
def open_data(request):
    """The open-data files with their size, rows, checksum and date, the data
    dictionary and the licence (home.open_data)."""
    from home.open_data import LICENCE_EN, LICENCE_URL, LICENCE_ZH

    return render(
        request,
        "home/open_data.html",
        {
            "files": selectors.open_data_files(),
            "licence_zh": LICENCE_ZH,
            "licence_en": LICENCE_EN,
            "licence_url": LICENCE_URL,
        },
    )
