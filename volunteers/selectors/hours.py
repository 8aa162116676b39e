"""Reads of service records: the organisers' approvals and attendance, the
volunteer's own records, exports and the figures other parts show. Each runs a
fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from home.models import Unit, UnitMembership, User
from home.permissions import (
    is_platform_staff,
    is_signed_in,
    is_staff_or_has_unit_role,
    unit_ids_with_role,
)
from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Shift,
    Signup,
    Volunteer,
)
from volunteers.service_hours import hours_from_minutes

RECORD_RELATED = ("shift__activity", "unit")


def organiser_unit_ids(*, user: User) -> list[int] | None:
    """The units whose records the user reviews; ``None`` means every unit
    (staff)."""
    if not is_signed_in(user):
        return []
    if is_platform_staff(user):
        return None
    return list(
        unit_ids_with_role(user, [UnitMembership.Role.ORGANISER]).values_list(
            "unit_id", flat=True
        )
    )


def organiser_units(*, user: User) -> list[Unit]:
    """The units the user organises (not every unit for staff), for export links."""
    return list(
        Unit.objects.filter(
            pk__in=unit_ids_with_role(user, [UnitMembership.Role.ORGANISER])
        )
        .distinct()
        .order_by("name")
    )


def user_is_organiser(*, user: User) -> bool:
    units = organiser_unit_ids(user=user)
    return units is None or bool(units)


def _in_units(queryset, units, field="unit_id"):
    return queryset if units is None else queryset.filter(**{f"{field}__in": units})


def pending_records(*, user: User) -> QuerySet[ServiceRecord]:
    """Records awaiting approval in the units the user organises, oldest shift
    first, never the user's own."""
    units = organiser_unit_ids(user=user)
    records = ServiceRecord.objects.filter(status=ServiceRecord.Status.PENDING)
    return (
        _in_units(records, units)
        .exclude(volunteer__user=user)
        .select_related("volunteer", *RECORD_RELATED)
        .order_by("shift__starts_at", "shift_id", "volunteer__real_name", "pk")
    )


def open_corrections(*, user: User) -> QuerySet[ServiceRecordCorrection]:
    units = organiser_unit_ids(user=user)
    corrections = ServiceRecordCorrection.objects.filter(
        status=ServiceRecordCorrection.Status.PENDING
    )
    return (
        _in_units(corrections, units, "record__unit_id")
        .exclude(record__volunteer__user=user)
        .select_related("record__volunteer", "record__shift__activity", "record__unit")
        .order_by("created_at", "pk")
    )


def correction_for_reviewer(
    *, user: User, correction_id: int
) -> ServiceRecordCorrection | None:
    units = organiser_unit_ids(user=user)
    corrections = ServiceRecordCorrection.objects.filter(pk=correction_id)
    return (
        _in_units(corrections, units, "record__unit_id")
        .select_related(
            "record__volunteer__user", "record__shift__activity", "record__unit"
        )
        .first()
    )


@dataclass
class AttendanceRow:
    signup: Signup
    record: ServiceRecord | None


def shift_attendance(*, shift: Shift) -> list[AttendanceRow]:
    """The confirmed volunteers of a shift with their record (if any), by name.
    Two queries."""
    records = {
        record.volunteer_id: record
        for record in ServiceRecord.objects.filter(shift=shift)
    }
    signups = (
        Signup.objects.filter(shift=shift, status=Signup.Status.CONFIRMED)
        .select_related("volunteer")
        .order_by("volunteer__real_name", "pk")
    )
    return [
        AttendanceRow(signup, records.get(signup.volunteer_id)) for signup in signups
    ]


def volunteer_records(*, volunteer: Volunteer) -> QuerySet[ServiceRecord]:
    """A volunteer's own records, latest first, with whether a correction is
    awaiting a decision."""
    return (
        ServiceRecord.objects.filter(volunteer=volunteer)
        .select_related(*RECORD_RELATED)
        .prefetch_related(
            Prefetch(
                "corrections",
                queryset=ServiceRecordCorrection.objects.filter(
                    status=ServiceRecordCorrection.Status.PENDING
                ),
                to_attr="open_corrections",
            )
        )
        .order_by("-started_at", "-pk")
    )


def _with_history(records: QuerySet[ServiceRecord]) -> QuerySet[ServiceRecord]:
    return records.select_related(
        "volunteer__user", "reviewed_by", *RECORD_RELATED
    ).prefetch_related(
        Prefetch(
            "changes",
            queryset=ServiceRecordChange.objects.select_related("changed_by"),
        ),
        Prefetch(
            "corrections",
            queryset=ServiceRecordCorrection.objects.select_related("decided_by"),
        ),
    )


def volunteer_record(*, volunteer: Volunteer, record_id: int) -> ServiceRecord | None:
    return _with_history(
        ServiceRecord.objects.filter(pk=record_id, volunteer=volunteer)
    ).first()


def record_for_reviewer(*, user: User, record_id: int) -> ServiceRecord | None:
    units = organiser_unit_ids(user=user)
    records = _in_units(ServiceRecord.objects.filter(pk=record_id), units)
    return _with_history(records).first()


def unit_approved_records(*, unit: Unit) -> QuerySet[ServiceRecord]:
    """A unit's approved records, for its export, in time order."""
    return (
        ServiceRecord.objects.filter(unit=unit, status=ServiceRecord.Status.APPROVED)
        .select_related("volunteer", "shift__activity", "reviewed_by")
        .order_by("started_at", "pk")
    )


def user_exports_unit(*, user: User, unit: Unit) -> bool:
    """Staff, and the unit's organisers and administrators, export its records."""
    return is_staff_or_has_unit_role(
        user, unit, roles=[UnitMembership.Role.ORGANISER, UnitMembership.Role.ADMIN]
    )


def volunteer_approved_minutes(volunteer: Volunteer) -> int:
    """The minutes of the volunteer's approved service, all time."""
    total = ServiceRecord.objects.filter(
        volunteer=volunteer, status=ServiceRecord.Status.APPROVED
    ).aggregate(total=Sum("minutes"))["total"]
    return total or 0


def unit_staff_approved_hours(unit: Unit) -> Decimal:
    """The approved hours served (for any organiser) by the unit's own people —
    the users with a role in the unit — for the unit's public profile. One query."""
    members = UnitMembership.objects.filter(unit=unit).values("user_id")
    total = ServiceRecord.objects.filter(
        status=ServiceRecord.Status.APPROVED, volunteer__user_id__in=members
    ).aggregate(total=Sum("minutes"))["total"]
    return hours_from_minutes(total)
