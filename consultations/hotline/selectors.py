"""Reads of the hotline, each a fixed number of queries whatever the number
of requests: a unit's queue, units' figures (on-time rate, satisfaction), the
city dashboard, the public board, the yearly "民有所呼、我有所应" table and the
dispatcher's desk.

On time: a reply given by the resolution deadline of its round (a reopened
request's first reply counts for the unit that gave it).
Satisfaction: 满意 and 基本满意 among the ratings a unit received. Years and
months are counted in Asia/Shanghai."""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from home.models import Unit

from .models import (
    Category,
    Escalation,
    Follower,
    Rating,
    Reply,
    Request,
    RequestEvent,
    RequestPhoto,
)
from .working_time import SHANGHAI

Status = Request.Status
WORKING = (Status.ACCEPTED, Status.IN_PROGRESS)
SATISFIED = (Rating.Grade.SATISFIED, Rating.Grade.FAIRLY)


def _year_range(year: int):
    start = datetime.datetime(year, 1, 1, tzinfo=SHANGHAI)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def with_due(queryset, *, now):
    """Annotate ``due_at`` (the deadline that runs now: acceptance before the
    unit accepts, then resolution) and ``is_overdue``."""
    return queryset.annotate(
        due_at=Case(
            When(status=Status.SUBMITTED, then=F("accept_due_at")),
            default=F("resolve_due_at"),
        ),
        is_overdue=Case(
            When(status=Status.SUBMITTED, accept_due_at__lt=now, then=Value(True)),
            When(status__in=WORKING, resolve_due_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def unit_queue(*, unit_ids, now=None):
    """The open requests of the units (ids or a subquery), overdue first,
    then by the deadline that runs now; with category, district and unit."""
    now = now or timezone.now()
    queryset = Request.objects.filter(
        handling_unit_id__in=unit_ids, status__in=Request.OPEN_STATUSES
    ).select_related("category", "district", "handling_unit")
    return with_due(queryset, now=now).order_by("-is_overdue", "due_at", "pk")


def _empty_figures() -> dict:
    return dict.fromkeys(
        ("received", "closed", "replied", "on_time", "rated", "satisfied"), 0
    )


def _figures_by_unit(*, unit_ids=None, year=None) -> dict[int, dict]:
    """Per unit, computed one way so that no figure exceeds the one it is part
    of: ``received`` counts the requests the unit handles now plus those it
    replied to that have since gone to another unit (a 不满意 reopens to the
    district platform); ``replied`` and ``on_time`` count requests (not
    replies) among them; ``rated`` and ``satisfied`` count the ratings of its
    replies. Three queries."""
    requests = Request.objects.exclude(status=Status.MERGED).filter(
        handling_unit__isnull=False
    )
    ratings, replies = Rating.objects.all(), Reply.objects.all()
    if unit_ids is not None:
        requests = requests.filter(handling_unit_id__in=unit_ids)
        ratings = ratings.filter(unit_id__in=unit_ids)
        replies = replies.filter(unit_id__in=unit_ids)
    if year is not None:
        requests = requests.filter(created_at__range=_year_range(year))
        ratings = ratings.filter(request__created_at__range=_year_range(year))
        replies = replies.filter(request__created_at__range=_year_range(year))
    replies = replies.exclude(request__status=Status.MERGED)
    rows = requests.values("handling_unit_id").annotate(
        received=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED))
    )
    figures = {
        row["handling_unit_id"]: {
            **_empty_figures(),
            "received": row["received"],
            "closed": row["closed"],
        }
        for row in rows
    }
    passed_on = Q(request__handling_unit_id__isnull=True) | ~Q(
        request__handling_unit_id=F("unit_id")
    )
    for row in replies.values("unit_id").annotate(
        replied=Count("request", distinct=True),
        on_time=Count("request", distinct=True, filter=Q(on_time=True)),
        passed_on=Count("request", distinct=True, filter=passed_on),
    ):
        unit = figures.setdefault(row["unit_id"], _empty_figures())
        unit["replied"], unit["on_time"] = row["replied"], row["on_time"]
        unit["received"] += row["passed_on"]
    for row in ratings.values("unit_id").annotate(
        rated=Count("pk"), satisfied=Count("pk", filter=Q(grade__in=SATISFIED))
    ):
        unit = figures.setdefault(row["unit_id"], _empty_figures())
        unit["rated"], unit["satisfied"] = row["rated"], row["satisfied"]
    for unit in figures.values():
        unit["on_time_rate"] = _rate(unit["on_time"], unit["replied"])
        unit["satisfaction_rate"] = _rate(unit["satisfied"], unit["rated"])
    return figures


def unit_figures(*, unit_ids, year=None) -> dict[int, dict]:
    """unit id → received, replied, on_time, closed, rated, satisfied,
    on_time_rate and satisfaction_rate (percentages, None without data).
    Three queries, whatever the number of units and requests."""
    return _figures_by_unit(unit_ids=list(unit_ids), year=year)


def unit_profile_figures(*, unit: Unit) -> dict:
    """For the unit's public profile (home.extensions): ``hotline`` is None
    when the unit has never handled a request."""
    return {"hotline": _figures_by_unit(unit_ids=[unit.pk]).get(unit.pk)}


def annual_table(*, year: int) -> list[dict]:
    """The yearly "民有所呼、我有所应" table: one row per unit that handled
    requests made in ``year`` — the unit and its figures — most requests
    first. Three queries."""
    figures = _figures_by_unit(year=year)
    units = Unit.objects.in_bulk(list(figures))
    rows = [
        {"unit": units[unit_id], **values}
        for unit_id, values in figures.items()
        if unit_id in units
    ]
    rows.sort(key=lambda row: (-row["received"], row["unit"].name))
    return rows


def city_dashboard(*, year: int, now=None) -> dict:
    """The city's figures for ``year``: totals, volumes by category, district
    and month ({"label", "count"} rows), the on-time and satisfaction rates,
    repeat requests (duplicates merged in and reopened requests), open and
    overdue requests and escalations. A fixed number of queries."""
    now = now or timezone.now()
    requests = Request.objects.filter(created_at__range=_year_range(year))
    cases = requests.exclude(status=Status.MERGED)
    by_category = [
        {"label": row["category__name"], "count": row["count"]}
        for row in requests.values("category__name", "category__sort_order")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__sort_order")
    ]
    by_district = [
        {"label": row["district__name"], "count": row["count"]}
        for row in requests.values("district__name", "district__sort_order")
        .annotate(count=Count("pk"))
        .order_by("district__sort_order")
    ]
    months = dict(
        requests.annotate(month=ExtractMonth("created_at", tzinfo=SHANGHAI))
        .values("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
    )
    totals = cases.aggregate(
        cases=Count("pk"),
        closed=Count("pk", filter=Q(status=Status.CLOSED)),
        open=Count("pk", filter=Q(status__in=Request.OPEN_STATUSES)),
        overdue=Count(
            "pk",
            filter=Q(status=Status.SUBMITTED, accept_due_at__lt=now)
            | Q(status__in=WORKING, resolve_due_at__lt=now),
        ),
        reopened=Count("pk", filter=Q(reopened_once=True)),
    )
    answered = Reply.objects.filter(
        request__created_at__range=_year_range(year)
    ).aggregate(replied=Count("pk"), on_time=Count("pk", filter=Q(on_time=True)))
    ratings = Rating.objects.filter(request__created_at__range=_year_range(year))
    rated = ratings.aggregate(
        rated=Count("pk"), satisfied=Count("pk", filter=Q(grade__in=SATISFIED))
    )
    merged = Follower.objects.filter(
        request__created_at__range=_year_range(year)
    ).count()
    escalations = dict(
        Escalation.objects.filter(request__created_at__range=_year_range(year))
        .values("level")
        .annotate(count=Count("pk"))
        .values_list("level", "count")
    )
    return {
        "year": year,
        "total": sum(row["count"] for row in by_category),
        "by_category": by_category,
        "by_district": by_district,
        "by_month": [
            {"label": f"{month}月", "month": month, "count": months.get(month, 0)}
            for month in range(1, 13)
        ],
        **totals,
        **answered,
        "on_time_rate": _rate(answered["on_time"], answered["replied"]),
        "rated": rated["rated"],
        "satisfied": rated["satisfied"],
        "satisfaction_rate": _rate(rated["satisfied"], rated["rated"]),
        "merged_duplicates": merged,
        "repeat_requests": merged + totals["reopened"],
        "escalated_district": escalations.get(Escalation.Level.DISTRICT, 0),
        "escalated_city": escalations.get(Escalation.Level.CITY, 0),
    }


PUBLIC_FIELDS = (
    "reference",
    "category__name",
    "district__name",
    "handling_unit__name",
    "community",
    "place",
    "description",
    "status",
    "photos_public",
    "created_at",
    "replied_at",
    "closed_at",
)


def public_board(*, category_slug=None):
    """The requests their residents marked public, anonymised: no name, phone
    or account is loaded (``only``), merged duplicates left out; newest first.
    Photos: ``request.photos`` is prefetched, but a page shows them only when
    ``photos_public``. Replies are prefetched with their photos."""
    queryset = (
        Request.objects.filter(is_public=True)
        .exclude(status=Status.MERGED)
        .select_related("category", "district", "handling_unit")
        .only(*PUBLIC_FIELDS)
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=RequestPhoto.objects.filter(request__photos_public=True),
            ),
            Prefetch(
                "replies",
                queryset=Reply.objects.select_related("unit").prefetch_related(
                    "photos"
                ),
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if category_slug:
        queryset = queryset.filter(category__slug=category_slug)
    return queryset


def dispatch_desk(*, now=None) -> dict:
    """The dispatcher's and operators' work: sent-back requests to decide,
    extensions to decide, requests no rule routed, overdue requests, answered
    phone calls waiting for a follow-up call (回访). Querysets."""
    now = now or timezone.now()
    base = Request.objects.select_related("category", "district", "handling_unit")
    decided = RequestEvent.objects.filter(
        kind=RequestEvent.Kind.EXTENSION_DECIDED
    ).values("request_id")
    return {
        "sent_back": base.filter(status=Status.SENT_BACK).order_by("updated_at"),
        "extensions": base.filter(extension_requested=True, extended=False)
        .exclude(pk__in=decided)
        .order_by("updated_at"),
        "unrouted": base.filter(
            handling_unit__isnull=True, status=Status.SUBMITTED
        ).order_by("created_at"),
        "overdue": with_due(
            base.filter(status__in=(Status.SUBMITTED, *WORKING)), now=now
        )
        .filter(is_overdue=True)
        .order_by("due_at"),
        "follow_up": base.filter(
            status=Status.REPLIED, channel=Request.Channel.PHONE
        ).order_by("replied_at"),
    }


def active_categories():
    return Category.objects.filter(is_active=True)


__all__ = [
    "active_categories",
    "annual_table",
    "city_dashboard",
    "dispatch_desk",
    "public_board",
    "unit_figures",
    "unit_profile_figures",
    "unit_queue",
    "with_due",
]
