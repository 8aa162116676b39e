"""Requests coming in: made by a resident on the site, entered by an operator
for a caller, routed by the rules, looked up by reference and code, and
duplicates merged into one case."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from home.phone import normalise_phone

from ..models import Follower, Request, RequestPhoto, RoutingRule
from .common import (
    HotlineError,
    Kind,
    Status,
    check_photos,
    is_operator,
    lookup_code_matches,
    new_lookup_code,
    next_reference,
    platform_unit_id,
    record,
    set_deadlines,
)
from .notices import tell_residents, tell_unit

DUPLICATE_WINDOW_DAYS = 7


def route_unit_id(*, category_id, district_id):
    """The unit the rules choose: the highest priority among the rules for the
    category in the district or city-wide (a district's own rule first on a
    tie); the district platform when no rule matches; None without either."""
    rules = RoutingRule.objects.filter(category_id=category_id).filter(
        district_id__in=[district_id]
    ) | RoutingRule.objects.filter(category_id=category_id, district__isnull=True)
    best = sorted(
        rules.values("unit_id", "district_id", "priority", "pk"),
        key=lambda rule: (-rule["priority"], rule["district_id"] is None, rule["pk"]),
    )
    if best:
        return best[0]["unit_id"]
    return platform_unit_id(district_id)


def _create(*, photos, actor, kind, **fields) -> tuple[Request, str]:
    photos = check_photos(photos)
    now = timezone.now()
    category = fields["category"]
    if not category.is_active:
        raise HotlineError(_("This category no longer takes requests."))
    fields["tier"] = fields.get("tier") or category.default_tier
    code, code_hash = new_lookup_code()
    request = Request(
        reference=next_reference(now),
        lookup_code_hash=code_hash,
        created_at=now,
        handling_unit_id=route_unit_id(
            category_id=category.pk, district_id=fields["district"].pk
        ),
        **fields,
    )
    if not request.photos_public or not photos:
        request.photos_public = False
    set_deadlines(request, start=now)
    request.save()
    for photo in photos:
        RequestPhoto.objects.create(request=request, image=photo)
    record(request, kind, actor=actor, at=now)
    if request.handling_unit_id:
        record(
            request,
            Kind.ROUTED,
            unit=request.handling_unit,
            note=gettext_noop("Routed by the rules to %(unit)s."),
            at=now,
        )
        tell_unit(
            request.handling_unit_id,
            request,
            gettext_noop("A new request %(reference)s (%(place)s) is in your queue."),
        )
    return request, code


@transaction.atomic
def request_submit(
    *,
    resident,
    category,
    district,
    place,
    description,
    community="",
    photos=(),
    contact_preference=Request.Contact.SITE,
    is_public=False,
    photos_public=False,
    tier=None,
) -> Request:
    """A resident's request from the site: numbered, routed by the rules, its
    deadlines set from now; the resident and the unit are told."""
    if resident is None or not resident.is_authenticated:
        raise PermissionDenied(_("Sign in to make a request."))
    request, _code = _create(
        photos=photos,
        actor=resident,
        kind=Kind.SUBMITTED,
        resident=resident,
        channel=Request.Channel.SITE,
        category=category,
        district=district,
        community=community,
        place=place,
        description=description,
        contact_preference=contact_preference,
        is_public=is_public,
        photos_public=photos_public,
        tier=tier,
    )
    tell_residents(
        request, gettext_noop("We have received your request %(reference)s.")
    )
    return request


@transaction.atomic
def request_enter_by_operator(
    *,
    operator,
    caller_name,
    caller_phone,
    category,
    district,
    place,
    description,
    community="",
    photos=(),
    contact_preference=Request.Contact.PHONE,
    is_public=False,
    photos_public=False,
    tier=None,
    resident=None,
) -> tuple[Request, str]:
    """A call entered by an operator for a caller (with or without an
    account). Returns the request and the plain lookup code, which is shown
    once and kept only as a hash."""
    if not is_operator(operator):
        raise PermissionDenied(_("Only hotline operators can enter calls."))
    try:
        phone = normalise_phone(caller_phone) if caller_phone else ""
    except ValidationError as error:
        raise HotlineError(" ".join(error.messages)) from error
    if not phone and resident is None:
        raise HotlineError(_("Enter the caller's phone number to call them back."))
    return _create(
        photos=photos,
        actor=operator,
        kind=Kind.ENTERED,
        resident=resident,
        entered_by=operator,
        channel=Request.Channel.PHONE,
        caller_name=caller_name,
        caller_phone=phone,
        category=category,
        district=district,
        community=community,
        place=place,
        description=description,
        contact_preference=contact_preference,
        is_public=is_public,
        photos_public=photos_public,
        tier=tier,
    )


def request_lookup(*, reference, code) -> Request | None:
    """The request with this reference if the lookup code is right; None
    otherwise (the same answer for an unknown reference and a wrong code)."""
    reference = "".join((reference or "").split()).upper()
    request = Request.objects.filter(reference=reference).first()
    if request is None or not lookup_code_matches(request, code):
        return None
    return request


def duplicate_candidates(request: Request, *, days=DUPLICATE_WINDOW_DAYS):
    """Open requests of the same category at the same place (same district,
    same place text) within ``days`` of this one: what an operator may merge."""
    window = datetime.timedelta(days=days)
    return (
        Request.objects.filter(
            category_id=request.category_id,
            district_id=request.district_id,
            place__iexact=request.place.strip(),
            created_at__range=(
                request.created_at - window,
                request.created_at + window,
            ),
        )
        .exclude(pk=request.pk)
        .exclude(status__in=[Status.MERGED])
        .order_by("created_at")
    )


@transaction.atomic
def request_merge(*, duplicate: Request, into: Request, user) -> Request:
    """Merge ``duplicate`` into the surviving case ``into``: same category and
    district, within the duplicate window; the duplicate's resident (and its
    own followers) follow the survivor and hear of every step."""
    if not is_operator(user):
        raise PermissionDenied(_("Only hotline operators can merge requests."))
    rows = {
        row.pk: row
        for row in Request.objects.select_for_update().filter(
            pk__in=[duplicate.pk, into.pk]
        )
    }
    duplicate, into = rows[duplicate.pk], rows[into.pk]
    if duplicate.pk == into.pk:
        raise HotlineError(_("A request cannot be merged into itself."))
    if into.status in (Status.MERGED, Status.CLOSED):
        raise HotlineError(_("The surviving request must still be open."))
    if duplicate.status not in Request.OPEN_STATUSES:
        raise HotlineError(_("Only an open request can be merged."))
    same_case = (
        duplicate.category_id == into.category_id
        and duplicate.district_id == into.district_id
        and abs(duplicate.created_at - into.created_at)
        <= datetime.timedelta(days=DUPLICATE_WINDOW_DAYS)
    )
    if not same_case:
        raise HotlineError(
            _(
                "Only requests of the same category in the same district, made "
                "within %(days)d days of each other, can be merged."
            )
            % {"days": DUPLICATE_WINDOW_DAYS}
        )
    now = timezone.now()
    Request.objects.filter(pk=duplicate.pk).update(
        status=Status.MERGED, merged_into=into, updated_at=now
    )
    duplicate.status, duplicate.merged_into = Status.MERGED, into
    Follower.objects.create(request=into, user=duplicate.resident, source=duplicate)
    # The duplicate's own followers move to the survivor.
    Follower.objects.filter(request=duplicate).update(request=into)
    record(
        duplicate,
        Kind.MERGED,
        actor=user,
        note=gettext_noop("Merged into %(reference)s."),
        reference=into.reference,
        at=now,
    )
    record(
        into,
        Kind.FOLLOWER_ADDED,
        actor=user,
        note=gettext_noop("%(reference)s merged in."),
        reference=duplicate.reference,
        at=now,
    )
    tell_residents(
        duplicate,
        gettext_noop(
            "Your request %(reference)s reports the same problem as another "
            "request: it is followed there, and you will hear of every step."
        ),
    )
    return into
