"""What every hotline service shares: the domain error, who may do what, the
history, the reference numbers, deadlines and photo checks."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.models import UnitMembership
from home.permissions import (
    has_privileged_permission,
    is_platform_staff,
    user_has_unit_role,
)

from ..models import (
    DistrictPlatform,
    ReferenceCounter,
    Request,
    RequestEvent,
    TimeLimit,
)
from ..working_time import add_limit

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
HANDLER_ROLES = (UnitMembership.Role.ADMIN, UnitMembership.Role.RESPONDER)
LOOKUP_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
Status = Request.Status
Kind = RequestEvent.Kind


class HotlineError(ServiceError):
    """A refused step on a hotline request, with a message for the person."""


# Who may do what ---------------------------------------------------------------


def is_operator(user) -> bool:
    """A hotline operator (or dispatcher), or platform staff; two-factor gated."""
    return is_platform_staff(user) or has_privileged_permission(
        user, "hotline.operate_hotline"
    )


def is_dispatcher(user) -> bool:
    return is_platform_staff(user) or has_privileged_permission(
        user, "hotline.dispatch_hotline"
    )


def is_handler(user, unit_id) -> bool:
    """An administrator or responder of the unit (two-factor gated)."""
    return unit_id is not None and user_has_unit_role(user, unit_id, HANDLER_ROLES)


def city_staff():
    """The city's hotline dispatchers (and whoever oversees the hotline)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__codename="oversee_hotline",
        )
        .distinct()
    )


def platform_unit_id(district_id):
    return (
        DistrictPlatform.objects.filter(district_id=district_id)
        .values_list("unit_id", flat=True)
        .first()
    )


def is_district_platform(user, request: Request) -> bool:
    """A handler of the platform unit of the request's district."""
    return is_handler(user, platform_unit_id(request.district_id))


def require_handler(user, request: Request) -> None:
    if not is_handler(user, request.handling_unit_id):
        raise PermissionDenied(
            _("Only the handling unit's administrators and responders can do this.")
        )


def has_handled(user, request: Request) -> bool:
    """Whether ``user`` took part in handling the request: a step as a unit,
    or a role in a unit that handled or replied to it."""
    if RequestEvent.objects.filter(
        request=request, actor=user, unit__isnull=False
    ).exists():
        return True
    unit_ids = {request.handling_unit_id} | set(
        request.replies.values_list("unit_id", flat=True)
    )
    unit_ids.discard(None)
    return UnitMembership.objects.filter(user=user, unit_id__in=unit_ids).exists()


# History, numbers, deadlines -----------------------------------------------------


def record(request, kind, *, actor=None, unit=None, text="", at=None, **params):
    """One step of the history. ``text`` is what a person wrote (a reason);
    the platform's own words go in ``params`` (``note`` an English msgid
    marked with gettext_noop, ``%(unit)s`` the step's unit; ``grade``;
    ``level``), translated when the page is shown."""
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=unit,
        text=(text or "").strip(),
        params={key: value for key, value in params.items() if value},
        created_at=at or timezone.now(),
    )


def next_reference(now) -> str:
    """12319-<year>-<six digits>, counted per year in Asia/Shanghai."""
    year = timezone.localtime(now).year
    ReferenceCounter.objects.get_or_create(year=year)
    # An UPDATE … SET last = last + 1 holds the row's lock: two calls never
    # read the same number.
    ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = ReferenceCounter.objects.values_list("last", flat=True).get(year=year)
    return f"12319-{year}-{last:06d}"


def new_lookup_code() -> tuple[str, str]:
    """A lookup code for the caller (shown once) and its hash (stored)."""
    code = get_random_string(8, LOOKUP_CODE_ALPHABET)
    return code, make_password(code)


def lookup_code_matches(request: Request, code: str) -> bool:
    code = "".join((code or "").split()).upper()
    return bool(code) and check_password(code, request.lookup_code_hash)


def time_limit(tier) -> TimeLimit:
    limit = TimeLimit.objects.filter(tier=tier).first()
    if limit is None:
        raise HotlineError(_("No time limit is set for this tier."))
    return limit


def set_deadlines(request: Request, *, start, limit: TimeLimit | None = None):
    """The acceptance and resolution deadlines counted from ``start``."""
    limit = limit or time_limit(request.tier)
    request.accept_due_at = add_limit(start, limit.accept_amount, limit.accept_measure)
    request.resolve_due_at = add_limit(
        start, limit.resolve_amount, limit.resolve_measure
    )


def check_photos(photos) -> list:
    """At most 6 images, each a real image of at most 8 MB."""
    from PIL import Image

    photos = [photo for photo in (photos or []) if photo]
    if len(photos) > MAX_PHOTOS:
        raise HotlineError(
            _("At most %(count)d photos can be attached.") % {"count": MAX_PHOTOS}
        )
    for photo in photos:
        if photo.size > MAX_PHOTO_BYTES:
            raise HotlineError(_("Each photo must be at most 8 MB."))
        try:
            photo.seek(0)
            with Image.open(photo) as image:
                image.verify()
                kind = image.format
        except Exception as error:
            raise HotlineError(_("A photo could not be read as an image.")) from error
        if kind not in PHOTO_FORMATS:
            raise HotlineError(_("Photos must be JPEG, PNG, WebP or GIF images."))
        photo.seek(0)
    return photos


def conditional_update(request: Request, *, statuses, extra=None, **changes) -> None:
    """Move the request only if it is still in one of ``statuses`` (and matches
    ``extra``): an UPDATE … WHERE, so two people acting at once cannot both
    succeed. Refreshes ``request``; HotlineError when someone was first."""
    changed = Request.objects.filter(
        pk=request.pk, status__in=list(statuses), **(extra or {})
    ).update(**changes)
    if changed != 1:
        request.refresh_from_db()
        raise HotlineError(
            _("This request has changed meanwhile (now: %(status)s). Reload it.")
            % {"status": request.get_status_display()}
        )
    for field, value in changes.items():
        if not hasattr(value, "resolve_expression"):
            setattr(request, field, value)
