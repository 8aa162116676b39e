"""Reads for the hotline's pages that the domain's selectors do not offer: one
request with everything its page shows, a person's own requests, the queue rows
of the units a person works for. A fixed number of queries whatever the number
of requests or steps."""

from django.db.models import Prefetch, Q

from home.models import UnitMembership
from home.permissions import is_platform_staff, unit_ids_with_role

from .models import (
    Follower,
    Rating,
    Reply,
    ReplyPhoto,
    Request,
    RequestEvent,
    RequestPhoto,
)

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


def photo_with_request(*, kind: str, pk: int):
    """A request's or a reply's photo with its request (one query); None if
    unknown. ``kind`` is "request" or "reply"."""
    if kind == "request":
        found = RequestPhoto.objects.select_related("request").filter(pk=pk).first()
        return (found, found.request) if found else None
    if kind == "reply":
        found = (
            ReplyPhoto.objects.select_related("reply__request").filter(pk=pk).first()
        )
        return (found, found.reply.request) if found else None
    return None
