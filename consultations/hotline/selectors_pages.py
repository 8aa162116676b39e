"""Reads for the hotline's pages that the domain's selectors do not offer: one
request with everything its page shows, a person's own requests, the queue rows
of the units a person works for. A fixed number of queries whatever the number
of requests or steps."""

from datetime import datetime, timedelta

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from home.models import Unit, UnitMembership
from home.permissions import is_platform_staff, unit_ids_with_role

from .models import Follower, Rating, Reply, Request, RequestEvent

HANDLER_ROLES = (UnitMembership.Role.ADMIN, UnitMembership.Role.RESPONDER)


def request_for_page(*, reference: str) -> Request | None:
    """The request with its category, district, unit, photos, history (with
    who did each step), replies with photos and ratings; None if unknown."""
    return (
        Request.objects.select_related(
            "category", "district", "handling_unit", "resident", "merged_into"
        )
        .prefetch_related(
            "photos",
            Prefetch(
                "events",
                queryset=RequestEvent.objects.select_related("actor", "unit"),
            ),
            Prefetch(
                "replies",
                queryset=Reply.objects.select_related("unit").prefetch_related(
                    "photos"
                ),
            ),
            Prefetch("ratings", queryset=Rating.objects.all()),
        )
        .filter(reference=reference)
        .first()
    )


def my_requests(*, user):
    """The person's own requests and the cases they follow (duplicates merged
    in), newest first."""
    followed = Follower.objects.filter(user=user).values("request_id")
    return (
        Request.objects.filter(Q(resident=user) | Q(pk__in=followed))
        .exclude(status=Request.Status.MERGED)
        .select_related("category", "district", "handling_unit")
        .order_by("-created_at")
    )


def is_follower(*, request: Request, user) -> bool:
    return Follower.objects.filter(request=request, user=user).exists()


def worker_unit_ids(*, user):
    """The units whose queue the person works: administrators and responders
    (with two-factor), as the services' rule."""
    return unit_ids_with_role(user, roles=HANDLER_ROLES)


def can_work_on(*, user, request: Request) -> bool:
    """A member of the handling unit, or platform staff."""
    if is_platform_staff(user):
        return True
    if request.handling_unit_id is None:
        return False
    return worker_unit_ids(user=user).filter(unit_id=request.handling_unit_id).exists()


def _due(request: Request):
    return (
        request.accept_due_at if request.accepted_at is None else request.resolve_due_at
    )


def queue_rows(*, unit_ids, now):
    """The open requests of ``unit_ids`` (None: every unit), the nearest
    deadline first, each with ``due``, ``overdue`` and ``due_soon`` (within a
    day). Two queries."""
    requests = Request.objects.filter(status__in=Request.OPEN_STATUSES).exclude(
        status=Request.Status.SENT_BACK
    )
    if unit_ids is not None:
        requests = requests.filter(handling_unit_id__in=unit_ids)
    rows = list(
        requests.select_related("category", "district", "handling_unit").order_by(
            "created_at"
        )
    )
    soon = now + timedelta(days=1)
    for row in rows:
        row.due = _due(row)
        row.overdue = bool(row.due and row.due < now and row.paused_at is None)
        row.due_soon = bool(row.due and not row.overdue and row.due < soon)
    far = now + timedelta(days=3650)
    rows.sort(key=lambda row: (not row.overdue, row.due or far))
    return rows


def dispatch_desk(*, now):
    """What waits for the dispatch desk, each a list: ``sent_back``,
    ``extensions`` (requested, not decided), ``unrouted`` (no unit),
    ``follow_ups`` (replied requests of callers without an account) and
    ``overdue``. A fixed number of queries."""
    base = Request.objects.select_related("category", "district", "handling_unit")
    open_ = base.filter(status__in=Request.OPEN_STATUSES)
    return {
        "sent_back": list(base.filter(status=Request.Status.SENT_BACK)),
        "extensions": list(
            open_.filter(extension_requested=True, extended=False).exclude(
                status=Request.Status.SENT_BACK
            )
        ),
        "unrouted": list(
            open_.filter(handling_unit__isnull=True).exclude(
                status=Request.Status.SENT_BACK
            )
        ),
        "follow_ups": list(
            base.filter(status=Request.Status.REPLIED, resident__isnull=True)
        ),
        "overdue": [row for row in queue_rows(unit_ids=None, now=now) if row.overdue][
            :50
        ],
    }


def public_board(*, category_slug=None):
    """Public requests (not merged), newest first, with what the board shows:
    the category, district, unit, replies and (where agreed) photos. Names are
    not read."""
    requests = (
        Request.objects.filter(is_public=True)
        .exclude(status=Request.Status.MERGED)
        .select_related("category", "district", "handling_unit")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Reply.objects.select_related("unit").prefetch_related(
                    "photos"
                ),
            ),
            "photos",
            "ratings",
        )
        .order_by("-created_at")
    )
    if category_slug:
        requests = requests.filter(category__slug=category_slug)
    return requests


def unit_hotline_figures(*, unit, now, days: int = 365) -> dict | None:
    """One unit's 12319 figures over the last ``days``: ``requests`` handled,
    ``replied``, ``on_time_rate`` (replied within the resolution deadline, of
    those replied) and ``satisfaction_rate`` (满意 and 基本满意 of the ratings
    of the unit); None without any request. Two queries."""
    since = now - timedelta(days=days)
    counts = Request.objects.filter(
        handling_unit=unit, created_at__gte=since
    ).aggregate(
        requests=Count("pk", filter=~Q(status=Request.Status.MERGED)),
        replied=Count("pk", filter=Q(replied_at__isnull=False)),
        on_time=Count(
            "pk",
            filter=Q(replied_at__isnull=False, resolve_due_at__isnull=False)
            & Q(replied_at__lte=F("resolve_due_at")),
        ),
    )
    if not counts["requests"]:
        return None
    ratings = Rating.objects.filter(unit=unit, created_at__gte=since).aggregate(
        rated=Count("pk"),
        satisfied=Count(
            "pk",
            filter=Q(grade__in=[Rating.Grade.SATISFIED, Rating.Grade.FAIRLY]),
        ),
    )
    return {
        **counts,
        **ratings,
        "on_time_rate": _percent(counts["on_time"], counts["replied"]),
        "satisfaction_rate": _percent(ratings["satisfied"], ratings["rated"]),
    }


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def year_bounds(year: int):
    """1 January to 1 January in the site's time zone (Asia/Shanghai)."""
    start = timezone.make_aware(datetime(year, 1, 1))
    return start, timezone.make_aware(datetime(year + 1, 1, 1))


def _answer_counts():
    return {
        "requests": Count("pk"),
        "replied": Count("pk", filter=Q(replied_at__isnull=False)),
        "on_time": Count(
            "pk",
            filter=Q(replied_at__isnull=False, resolve_due_at__isnull=False)
            & Q(replied_at__lte=F("resolve_due_at")),
        ),
    }


def _rating_counts():
    return {
        "rated": Count("pk"),
        "satisfied": Count(
            "pk", filter=Q(grade__in=[Rating.Grade.SATISFIED, Rating.Grade.FAIRLY])
        ),
    }


def annual_table(*, year: int) -> list[dict]:
    """民有所呼、我有所应: per handling unit, the requests made in ``year``, how
    many were replied to, on time, rated, rated satisfied; best on-time rate
    first. Three queries whatever the number of units or requests."""
    start, end = year_bounds(year)
    requests = (
        Request.objects.filter(
            created_at__gte=start, created_at__lt=end, handling_unit__isnull=False
        )
        .exclude(status=Request.Status.MERGED)
        .values("handling_unit_id")
        .annotate(**_answer_counts())
    )
    ratings = {
        row["unit_id"]: row
        for row in Rating.objects.filter(
            request__created_at__gte=start, request__created_at__lt=end
        )
        .values("unit_id")
        .annotate(**_rating_counts())
    }
    rows = {row["handling_unit_id"]: row for row in requests}
    units = Unit.objects.in_bulk(list(rows))
    table = []
    for unit_id, row in rows.items():
        rated = ratings.get(unit_id, {"rated": 0, "satisfied": 0})
        table.append(
            {
                "unit": units[unit_id],
                **row,
                "rated": rated["rated"],
                "satisfied": rated["satisfied"],
                "on_time_rate": _percent(row["on_time"], row["replied"]),
                "satisfaction_rate": _percent(rated["satisfied"], rated["rated"]),
            }
        )
    table.sort(
        key=lambda row: (
            -(row["on_time_rate"] or -1),
            -(row["satisfaction_rate"] or -1),
            row["unit"].name,
        )
    )
    return table


def city_dashboard(*, year: int, now) -> dict:
    """The city's figures for requests made in ``year``: ``total``, ``open``,
    ``overdue``, ``on_time_rate``, ``satisfaction_rate``, ``repeat`` (reported
    again and merged into an earlier case), ``reopened``, and the volumes
    ``by_category`` and ``by_district`` (lists of label and count, largest
    first). Five queries."""
    start, end = year_bounds(year)
    made = Request.objects.filter(created_at__gte=start, created_at__lt=end)
    due = Q(accepted_at__isnull=True, accept_due_at__lt=now) | Q(
        accepted_at__isnull=False, resolve_due_at__lt=now
    )
    totals = made.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=Request.OPEN_STATUSES)),
        overdue=Count(
            "pk",
            filter=Q(status__in=Request.OPEN_STATUSES, paused_at__isnull=True) & due,
        ),
        repeat=Count("pk", filter=Q(status=Request.Status.MERGED)),
        reopened=Count("pk", filter=Q(round__gt=1)),
        **{k: v for k, v in _answer_counts().items() if k != "requests"},
    )
    rated = Rating.objects.filter(
        request__created_at__gte=start, request__created_at__lt=end
    ).aggregate(**_rating_counts())
    by_category = [
        {"label": row["category__name"], "count": row["count"]}
        for row in made.values("category__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")
    ]
    by_district = [
        {"label": row["district__name"], "count": row["count"]}
        for row in made.values("district__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "district__name")
    ]
    return {
        **totals,
        **rated,
        "on_time_rate": _percent(totals["on_time"], totals["replied"]),
        "satisfaction_rate": _percent(rated["satisfied"], rated["rated"]),
        "by_category": by_category,
        "by_district": by_district,
    }
