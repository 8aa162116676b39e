"""The public side of the hotline: the anonymised board of public requests, the
yearly 民有所呼、我有所应 table per unit, and the city dashboard (staff who
oversee the line)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from home.charts import bar_chart
from home.permissions import has_privileged_permission, is_platform_staff
from home.twofactor import two_factor_required

from .. import selectors
from ..models import Category

BOARD_PAGE_SIZE = 20
OVERSEE = "hotline.oversee_hotline"


@require_GET
def board(request):
    """Public requests without names; photos only where the resident agreed."""
    category = request.GET.get("category", "")
    requests = selectors.public_board(category_slug=category or None)
    page = Paginator(requests, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "hotline/board.html",
        {
            "page_obj": page,
            "categories": Category.objects.filter(is_active=True),
            "category": category,
        },
    )


def _year(request, now) -> int:
    this_year = timezone.localtime(now).year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year else this_year


@require_GET
def annual(request):
    """民有所呼、我有所应: each unit's requests, on-time rate and satisfaction in
    a year."""
    now = timezone.now()
    year = _year(request, now)
    rows = selectors.annual_table(year=year)
    this_year = timezone.localtime(now).year
    return render(
        request,
        "hotline/annual.html",
        {"rows": rows, "year": year, "years": range(this_year, this_year - 5, -1)},
    )


def _chart(identifier, title, rows, label_heading):
    total = sum(row["count"] for row in rows) or 1
    return bar_chart(
        identifier=identifier,
        title=title,
        label_heading=label_heading,
        count_heading=_("Requests"),
        bars=[
            {
                "label": row["label"],
                "count": row["count"],
                "percent": round(100 * row["count"] / total, 1),
            }
            for row in rows
        ],
    )


@login_required
@two_factor_required
@require_GET
def dashboard(request):
    """The city's figures: volumes by category and district, on-time rate,
    satisfaction and repeat requests, for a year."""
    if not (
        is_platform_staff(request.user)
        or has_privileged_permission(request.user, OVERSEE)
    ):
        raise PermissionDenied(
            _("Only city staff who oversee the hotline can open its dashboard.")
        )
    now = timezone.now()
    year = _year(request, now)
    figures = selectors.city_dashboard(year=year, now=now)
    return render(
        request,
        "hotline/dashboard.html",
        {
            "figures": figures,
            "year": year,
            "category_chart": _chart(
                "by-category",
                _("Requests by category"),
                figures["by_category"],
                _("Category"),
            ),
            "district_chart": _chart(
                "by-district",
                _("Requests by district"),
                figures["by_district"],
                _("District"),
            ),
            "month_chart": _chart(
                "by-month", _("Requests by month"), figures["by_month"], _("Month")
            ),
        },
    )
