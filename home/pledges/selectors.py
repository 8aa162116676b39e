"""Reads about units' pledges: the directory (with the lifecycle as SQL), a pledge's
reports timeline, and who may report for a unit."""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from home.models import (
    PledgeEvidence,
    PledgeItem,
    PledgePage,
    PledgeReport,
    PledgeReportItem,
    PledgeStatus,
    Unit,
    UnitMembership,
    User,
)
from home.models.pledges import REPORT_DUE_WINDOW
from home.permissions import is_staff_or_has_unit_role

DIRECTORY_STATUSES = [
    PledgeStatus.PUBLISHED,
    PledgeStatus.REPORT_DUE,
    PledgeStatus.FULFILLED,
    PledgeStatus.LAPSED,
]


def annual_report_exists():
    return Exists(
        PledgeReport.objects.filter(
            pledge=OuterRef("pk"),
            is_annual=True,
            status=PledgeReport.Status.PUBLISHED,
        )
    )


def pledge_status_expression(today: datetime.date):
    """The lifecycle of a live pledge as a SQL expression, the same rules as
    ``PledgePage.status_at`` (needs the ``has_annual_report`` annotation)."""
    return Case(
        When(has_annual_report=True, then=Value(PledgeStatus.FULFILLED.value)),
        When(report_deadline__lt=today, then=Value(PledgeStatus.LAPSED.value)),
        When(
            Q(report_deadline__lte=today + REPORT_DUE_WINDOW) | Q(year__lt=today.year),
            then=Value(PledgeStatus.REPORT_DUE.value),
        ),
        default=Value(PledgeStatus.PUBLISHED.value),
    )


def live_pledges_with_status(*, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return (
        PledgePage.objects.live()
        .annotate(has_annual_report=annual_report_exists())
        .annotate(lifecycle=pledge_status_expression(today))
    )


def pledge_directory(
    *,
    district_code: str = "",
    kind: str = "",
    category: str = "",
    year: int | None = None,
    status: str = "",
    query: str = "",
    today: datetime.date | None = None,
) -> QuerySet[PledgePage]:
    """Live pledges for the public directory, filtered, newest year first, each
    with its unit, district, status (``lifecycle``) and item count; the items are
    prefetched in one query."""
    pledges = (
        live_pledges_with_status(today=today)
        .public()
        .select_related("unit", "unit__district")
    )
    if district_code:
        pledges = pledges.filter(unit__district__code=district_code)
    if kind:
        pledges = pledges.filter(unit__kind=kind)
    if category:
        pledges = pledges.filter(
            Exists(PledgeItem.objects.filter(page=OuterRef("pk"), category=category))
        )
    if year:
        pledges = pledges.filter(year=year)
    if status:
        pledges = pledges.filter(lifecycle=status)
    query = (query or "").strip()
    if query:
        # Substring search: it finds Chinese words without segmentation.
        pledges = pledges.filter(
            Q(title__icontains=query)
            | Q(unit__name__icontains=query)
            | Exists(
                PledgeItem.objects.filter(page=OuterRef("pk")).filter(
                    Q(title__icontains=query) | Q(target__icontains=query)
                )
            )
        )
    return (
        pledges.annotate(item_count=Count("items", distinct=True))
        .prefetch_related(
            Prefetch("items", queryset=PledgeItem.objects.order_by("sort_order"))
        )
        .order_by("-year", "unit__name", "pk")
    )


def pledge_teasers(*, index_page, limit: int) -> list[PledgePage]:
    """The ``limit`` most recently published live, public pledges below
    ``index_page`` (the directory or a unit's folder), for a teaser such as the
    home page's: each with its unit, district, status (``lifecycle``) and
    ``item_count``. One query."""
    return list(
        live_pledges_with_status()
        .public()
        .descendant_of(index_page)
        .select_related("unit", "unit__district")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-first_published_at", "-pk")[:limit]
    )


def pledge_years() -> list[int]:
    return list(
        PledgePage.objects.live()
        .public()
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def pledge_items(*, pledge: PledgePage) -> list[PledgeItem]:
    """The pledge's commitments in the order the unit gave them."""
    return list(PledgeItem.objects.filter(page=pledge).order_by("sort_order", "pk"))


def pledge_reports_timeline(*, pledge: PledgePage) -> list[PledgeReport]:
    """The pledge's published reports, oldest first, with their per-item progress
    and evidence, in a fixed number of queries."""
    return list(
        PledgeReport.objects.filter(pledge=pledge, status=PledgeReport.Status.PUBLISHED)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "item_progress",
                queryset=PledgeReportItem.objects.select_related("item"),
            ),
            Prefetch(
                "evidence",
                queryset=PledgeEvidence.objects.select_related("item"),
            ),
        )
        .order_by("published_at", "pk")
    )


def pledge_evidence_for_viewer(
    *, pledge: PledgePage, evidence_id: int, viewer: User
) -> PledgeEvidence | None:
    """An evidence file of ``pledge`` that ``viewer`` may download: any of a
    published report; of a draft report only for the unit's admins and editors
    and staff. None otherwise (and for links, which have no file)."""
    evidence = (
        PledgeEvidence.objects.filter(pk=evidence_id, report__pledge=pledge)
        .exclude(file="")
        .select_related("report")
        .first()
    )
    if evidence is None:
        return None
    if evidence.report.status == PledgeReport.Status.PUBLISHED:
        return evidence
    if user_can_report_for_unit(user=viewer, unit=pledge.unit):
        return evidence
    return None


def user_can_report_for_unit(*, user: User, unit: Unit) -> bool:
    """Staff, and the unit's admins and editors, write its progress reports."""
    return is_staff_or_has_unit_role(
        user, unit, roles=[UnitMembership.Role.ADMIN, UnitMembership.Role.EDITOR]
    )


def unit_pledge_recipients(*, unit: Unit) -> list[str]:
    """The email addresses of a unit's admins and editors."""
    return list(
        User.objects.filter(
            is_active=True,
            unit_memberships__unit=unit,
            unit_memberships__role__in=[
                UnitMembership.Role.ADMIN,
                UnitMembership.Role.EDITOR,
            ],
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def unit_pledges(*, unit_id: int) -> QuerySet[PledgePage]:
    """A unit's live pledges with their status (``lifecycle``), newest first
    (for its folder page and its profile)."""
    return live_pledges_with_status().public().filter(unit_id=unit_id).order_by("-year")
