"""Views of the shared core: the account page, units and their members, search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from home import extensions, selectors
from home.exceptions import ServiceError
from home.facilities import selectors as facility_selectors
from home.forms import ProfileForm, SearchForm, UnitFilterForm, UnitMemberAddForm
from home.models import Unit, UnitMembership
from home.pledges import selectors as pledge_selectors
from home.search import query_terms
from home.services import members, profiles


@login_required
def dashboard(request):
    return render(
        request,
        "home/dashboard.html",
        {"memberships": selectors.user_memberships(user=request.user)},
    )


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
            return redirect("home:dashboard")
    return render(request, "home/profile_edit.html", {"form": form})


@require_GET
def unit_list(request):
    form = UnitFilterForm(request.GET)
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
    return render(
        request,
        "home/unit_members.html",
        {"unit": unit, "members": selectors.unit_members(unit=unit), "form": form},
    )


@login_required
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
    if terms:
        results = (
            Page.objects.live()
            .public()
            .specific()
            .search(" ".join(terms), operator="and")
        )
        page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(
        request, "home/search.html", {"form": form, "query": query, "page_obj": page}
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
