"""A unit's facilities: details, photo and weekly opening hours, written by the
unit's admins and editors (and staff). A refusal raises ``ServiceError`` with a
message for the user and writes nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.facilities import selectors
from home.models import (
    Facility,
    FacilityOpeningHours,
    Unit,
    User,
)
from home.models.facilities import validate_opening_hours

FACILITY_FIELDS = (
    "name",
    "kind",
    "address",
    "district",
    "description",
    "rules",
    "image",
    "capacity",
    "slot_minutes",
    "booking_horizon_days",
    "pledge_item",
)


def require_facility_manager(*, actor: User, unit: Unit) -> None:
    """Refuse (PermissionDenied) anyone but staff and the unit's admins and
    editors."""
    if not selectors.user_can_manage_unit_facilities(user=actor, unit=unit):
        raise PermissionDenied(
            _("Only the unit's administrators and editors can manage its facilities.")
        )


# Facilities -------------------------------------------------------------------


def _save_facility(facility: Facility) -> Facility:
    if (
        facility.pledge_item_id
        and facility.pledge_item.page.unit_id != facility.unit_id
    ):
        raise ServiceError(_("Link the facility to one of the unit's own commitments."))
    try:
        facility.full_clean(exclude=["unit"])
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            facility.save()
    except IntegrityError as error:
        raise ServiceError(
            _("This unit already has a facility with this name.")
        ) from error
    return facility


def facility_create(*, actor: User, unit: Unit, **values) -> Facility:
    """A unit's admin or editor (or staff) adds a facility; it is open for
    booking once it has opening hours."""
    require_facility_manager(actor=actor, unit=unit)
    facility = Facility(unit=unit)
    for name in FACILITY_FIELDS:
        if name in values:
            setattr(facility, name, values[name])
    return _save_facility(facility)


def facility_update(*, actor: User, facility: Facility, **values) -> Facility:
    """Change a facility's details. Existing bookings keep their times."""
    require_facility_manager(actor=actor, unit=facility.unit)
    for name in FACILITY_FIELDS:
        if name in values:
            setattr(facility, name, values[name])
    return _save_facility(facility)


def facility_set_active(*, actor: User, facility: Facility, active: bool) -> Facility:
    """Open a facility for booking again, or close it (it disappears from the
    public list; bookings already made stay and can still be decided)."""
    require_facility_manager(actor=actor, unit=facility.unit)
    facility.is_active = active
    facility.save(update_fields=["is_active", "updated_at"])
    return facility


@transaction.atomic
def facility_opening_hours_replace(
    *, actor: User, facility: Facility, periods
) -> list[FacilityOpeningHours]:
    """Replace the facility's weekly opening hours with ``periods``, a list of
    (weekday, opens, closes). Refused, changing nothing, when a period closes
    before it opens or two periods of a weekday overlap."""
    require_facility_manager(actor=actor, unit=facility.unit)
    periods = [tuple(period) for period in periods]
    try:
        validate_opening_hours(periods)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from error
    FacilityOpeningHours.objects.filter(facility=facility).delete()
    return FacilityOpeningHours.objects.bulk_create(
        FacilityOpeningHours(facility=facility, weekday=w, opens=o, closes=c)
        for w, o, c in sorted(periods)
    )


def _photo_image(*, actor: User, title: str, photo):
    from wagtail.images import get_image_model

    return get_image_model().objects.create(
        title=title[:255], file=photo, uploaded_by_user=actor
    )


@transaction.atomic
def facility_save(
    *,
    actor: User,
    unit: Unit,
    facility: Facility | None = None,
    values: dict,
    periods,
    photo=None,
) -> Facility:
    """Create (``facility`` None) or change a facility of ``unit`` with its
    weekly opening hours, and a new photo when one is uploaded (stored as a
    Wagtail image). All or nothing: a refusal changes nothing."""
    require_facility_manager(actor=actor, unit=unit)
    if facility is not None and facility.unit_id != unit.pk:
        raise PermissionDenied(_("This facility belongs to another unit."))
    values = dict(values)
    if photo is not None:
        values["image"] = _photo_image(
            actor=actor, title=values.get("name", ""), photo=photo
        )
    if facility is None:
        facility = facility_create(actor=actor, unit=unit, **values)
    else:
        facility = facility_update(actor=actor, facility=facility, **values)
    facility_opening_hours_replace(actor=actor, facility=facility, periods=periods)
    return facility
