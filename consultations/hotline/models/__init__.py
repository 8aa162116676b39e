"""The hotline's models: the catalogue staff edit (categories, routing rules,
time limits, the working-day calendar) and the requests with their history."""

from .catalogue import (
    Category,
    DistrictPlatform,
    Holiday,
    ReferenceCounter,
    RoutingRule,
    Tier,
    TimeLimit,
)
from .outcomes import Escalation, Rating, Reply, ReplyPhoto
from .requests import Follower, Request, RequestEvent, RequestPhoto

__all__ = [
    "Category",
    "DistrictPlatform",
    "Escalation",
    "Follower",
    "Holiday",
    "Rating",
    "ReferenceCounter",
    "Reply",
    "ReplyPhoto",
    "Request",
    "RequestEvent",
    "RequestPhoto",
    "RoutingRule",
    "Tier",
    "TimeLimit",
]
