"""Rows of the URL × role matrix: the 12319 line's pages (consultations.hotline).
The world's request is the resident's, handled by unit A."""

from tests.security.matrix_table import Row, expect

REQUEST = {"reference": "hotline_request.reference"}
# Unit A's administrators and responders handle the world's request.
HANDLERS = {"admin_own": "200", "responder_own": "200", "staff_2fa": "200"}
# Operators', dispatchers' and the city's pages: staff with two-factor here.
STAFF_ONLY = expect("403", no2fa="totp", anonymous="login", staff_2fa="200")

ROWS = {
    "hotline:board": Row(expect("200")),
    "hotline:annual": Row(expect("200")),
    "hotline:lookup": Row(expect("200")),
    "hotline:request_new": Row(expect("200", anonymous="login")),
    "hotline:my_requests": Row(expect("200", anonymous="login")),
    # The resident's page: theirs, the handling unit's and staff's.
    "hotline:request_detail": Row(
        expect("404", anonymous="login", resident="200", no2fa="totp", **HANDLERS),
        **REQUEST,
    ),
    "hotline:request_rate": Row(
        expect("405", anonymous="login"), post_only=True, **REQUEST
    ),
    # A unit's queue: every unit's administrators and responders.
    "hotline:queue": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            admin_other="200",
            responder_own="200",
            responder_other="200",
            staff_2fa="200",
        )
    ),
    "hotline:queue_item": Row(
        expect("403", no2fa="totp", anonymous="login", **HANDLERS), **REQUEST
    ),
    "hotline:queue_action": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        action="accept",
        **REQUEST,
    ),
    "hotline:operator_new": Row(STAFF_ONLY),
    "hotline:follow_up": Row(
        expect("405", no2fa="totp", anonymous="login"), post_only=True, **REQUEST
    ),
    "hotline:dispatch": Row(STAFF_ONLY),
    "hotline:dispatch_action": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        action="reassign",
        **REQUEST,
    ),
    "hotline:dashboard": Row(STAFF_ONLY),
    # A photo: 404 (not 403, not a login) to anyone not entitled; people
    # with privileges but no two-factor are sent to set it up first.
    "hotline:photo": Row(
        expect("404", resident="200", no2fa="totp", **HANDLERS),
        kind="request",
        pk="hotline_photo.pk",
    ),
}
