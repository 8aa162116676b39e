"""Every write on the hotline (keyword-only, atomic, HotlineError or
PermissionDenied on refusal). See consultations/hotline/README.md."""

from .closing import request_follow_up, request_rate, requests_auto_close
from .common import HotlineError, is_dispatcher, is_operator
from .handling import (
    extension_decide,
    extension_pending,
    extension_request,
    request_accept,
    request_pause,
    request_reassign,
    request_reply,
    request_resume,
    request_send_back,
    request_start,
    send_back_decide,
)
from .intake import (
    duplicate_candidates,
    request_enter_by_operator,
    request_lookup,
    request_merge,
    request_submit,
    route_unit_id,
)
from .oversight import escalate_overdue, send_reminders

__all__ = [
    "HotlineError",
    "duplicate_candidates",
    "escalate_overdue",
    "extension_decide",
    "extension_pending",
    "extension_request",
    "is_dispatcher",
    "is_operator",
    "request_accept",
    "request_enter_by_operator",
    "request_follow_up",
    "request_lookup",
    "request_merge",
    "request_pause",
    "request_rate",
    "request_reassign",
    "request_reply",
    "request_resume",
    "request_send_back",
    "request_start",
    "request_submit",
    "requests_auto_close",
    "route_unit_id",
    "send_back_decide",
    "send_reminders",
]
