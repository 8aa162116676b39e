"""The URL × role matrix (issue 11, part 8): what every role gets from every URL
pattern and every page route of the site, as data.

One row per URL pattern (``namespace:name``, or the route for unnamed patterns),
per page type (``page:<app.Model>``) and per route of a routable page type
(``page:<app.Model>:<route>``). A pattern or route added without a row fails
``test_every_url_and_page_route_has_a_row``. The Wagtail admin and the Django
admin are their frameworks' own: they have prefix rows (``admin/*``,
``django-admin/*``) checked through a representative sample of their URLs.

Every URL is requested with GET by every role, in a world where everything
belongs to unit A (tests/security/world.py). A POST-only row (``post_only``)
expects 405 from GET once signed in, and is also POSTed by the anonymous visitor.

The columns (world.ROLES): ``anonymous``; ``resident`` (verified email);
``volunteer`` (approved profile, member of unit A's team, with a sign-up, hours
and a certificate); ``team_leader`` (leads unit A's team); each unit role in its
own unit (``*_own``: unit A) and in another unit (``*_other``: unit B);
``moderator``; ``pledge_reviewer``; ``member_no2fa`` (every role in unit A, no
two-factor); ``staff_no2fa`` and ``staff_2fa`` (superusers). Every privileged
column has TOTP set up and passed at sign-in except ``member_no2fa`` and
``staff_no2fa``.

What a cell says:
  "200" "400" "403" "404" "405"  the status code;
  "login"   a redirect to sign in (allauth's login, or the admin's);
  "totp"    a redirect to set up two-factor (allauth's ``mfa_activate_totp``);
  "302"     any other redirect.
"""

from dataclasses import dataclass, field

from tests.security.matrix_world import ROLES

GROUPS = {
    "everyone": ROLES,
    "signed_in": tuple(role for role in ROLES if role != "anonymous"),
    "own": ("admin_own", "editor_own", "responder_own", "organiser_own"),
    "other": ("admin_other", "editor_other", "responder_other", "organiser_other"),
    "staff": ("staff_no2fa", "staff_2fa"),
    "no2fa": ("member_no2fa", "staff_no2fa"),
}
GROUPS["members"] = GROUPS["own"] + GROUPS["other"]


def expect(default: str, **cells: str) -> dict[str, str]:
    """Every role gets ``default`` except those named, one by one or by group
    (GROUPS); later names win over earlier ones."""
    table = dict.fromkeys(ROLES, default)
    for name, value in cells.items():
        for role in GROUPS.get(name, (name,)):
            if role not in table:
                raise KeyError(f"no role or group {name!r}")
            table[role] = value
    return table


@dataclass
class Row:
    expected: dict[str, str]
    page: str | None = None
    path: object = None
    post_only: bool = False
    post_anonymous: str = "login"
    kwargs: dict = field(default_factory=dict)

    def __init__(
        self,
        expected,
        *,
        page=None,
        path=None,
        post_only=False,
        post_anonymous="login",
        **kwargs,
    ):
        self.expected = expected
        self.page = page
        self.path = path
        self.post_only = post_only
        self.post_anonymous = post_anonymous
        self.kwargs = kwargs
