"""A year of volunteering history for the demo: monthly activities over the last
twelve months (before the weekly series) and service records for the confirmed
volunteers of every finished demo shift — mostly approved, recent ones pending, a
few rejected, a few closed automatically for a missing check-out, and a couple
corrected (with their history) or awaiting a correction.

Deterministic and idempotent: a shift's records are created only while it has
none, from random generators seeded by the shift's activity slug and position.
Everything is inserted in bulk."""

from datetime import timedelta

from home.demo.seeding import bulk_create_dated
from home.models import UnitMembership
from volunteers import demo
from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Shift,
    Signup,
    Volunteer,
)

HISTORY_MONTHS = 10
RECENT_DAYS = 10  # shifts that ended this recently are mostly still pending


def history_activities() -> list[demo.DemoActivity]:
    """Monthly activities of the series before the weekly ones (from 75 days ago)."""
    activities = []
    for number in range(1, HISTORY_MONTHS + 1):
        series = demo.SERIES[(number + 2) % len(demo.SERIES)]
        place = demo.SERIES_PLACES[(number + 3) % len(demo.SERIES_PLACES)]
        district, community = place["district"], place["community"]
        rng = demo.random_for(f"history:{number}")
        capacity = rng.choice([8, 10, 12])
        role = series["role"]
        activities.append(
            demo.DemoActivity(
                slug=f"{series['slug']}-history-{number:02d}",
                title=f"{community}{series['name']}（往期第{number}期）",
                category=series["category"],
                unit=series["unit"],
                team=series["team"],
                district=district,
                place=f"{district}{community}服务中心",
                summary=series["summary"],
                day=-75 - 29 * number,
                shifts=(
                    (9, 3, capacity, role),
                    (14, 3, capacity, role),
                    (9, 4, capacity, role),
                ),
                demand=rng.choice([0.8, 0.9, 1.0]),
            )
        )
    return activities


def _reviewers() -> dict[int, int]:
    """An organiser of each unit, who reviews the unit's demo records."""
    reviewers = {}
    for unit_id, user_id in (
        UnitMembership.objects.filter(role=UnitMembership.Role.ORGANISER)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "user_id")
    ):
        reviewers.setdefault(unit_id, user_id)
    return reviewers


def _overlaps(intervals, start, end) -> bool:
    return any(
        start < other_end and other_start < end for other_start, other_end in intervals
    )


def seed_service_records(*, slugs, now, stats) -> None:
    """Records for the confirmed volunteers of the finished shifts of the demo
    activities ``slugs`` that have none yet."""
    shifts = list(
        Shift.objects.filter(activity__slug__in=slugs, ends_at__lte=now)
        .exclude(service_records__isnull=False)
        .select_related("activity")
        .order_by("starts_at", "pk")
    )
    if not shifts:
        stats["ServiceRecord"]["unchanged"] += ServiceRecord.objects.count()
        return
    signups = Signup.objects.filter(
        shift__in=shifts, status=Signup.Status.CONFIRMED
    ).values_list("shift_id", "volunteer_id")
    by_shift = {}
    for shift_id, volunteer_id in signups.order_by("volunteer_id"):
        by_shift.setdefault(shift_id, []).append(volunteer_id)
    taken = {}
    for volunteer_id, start, end in ServiceRecord.objects.exclude(
        status=ServiceRecord.Status.REJECTED
    ).values_list("volunteer_id", "started_at", "ended_at"):
        taken.setdefault(volunteer_id, []).append((start, end))
    reviewers = _reviewers()
    rows = []
    for shift in shifts:
        rng = demo.random_for(f"records:{shift.activity.slug}:{shift.starts_at:%m%d%H}")
        recent = now - shift.ends_at < timedelta(days=RECENT_DAYS)
        for volunteer_id in by_shift.get(shift.pk, []):
            row = _record(rng, shift=shift, recent=recent, now=now)
            row.volunteer_id = volunteer_id
            row.reviewed_by_id = (
                reviewers.get(shift.activity.unit_id) if row.reviewed_at else None
            )
            intervals = taken.setdefault(volunteer_id, [])
            if _overlaps(intervals, row.started_at, row.ended_at):
                continue
            if row.status != ServiceRecord.Status.REJECTED:
                intervals.append((row.started_at, row.ended_at))
            rows.append(row)
    bulk_create_dated(ServiceRecord, rows, fields=("created_at", "updated_at"))
    stats["ServiceRecord"]["created"] += len(rows)
    _seed_corrections(rows, now=now, stats=stats)


def _record(rng, *, shift, recent, now) -> ServiceRecord:
    roll = rng.random()
    late = timedelta(minutes=rng.choice([0, 0, 0, 5, 10, 20]))
    early = timedelta(minutes=rng.choice([0, 0, 0, 10, 15, 30]))
    started = shift.starts_at + late
    ended = shift.ends_at - early
    auto_closed = roll < 0.05
    if auto_closed:
        ended = shift.ends_at
    status = ServiceRecord.Status.APPROVED
    if recent and roll < 0.8:
        status = ServiceRecord.Status.PENDING
    elif 0.05 <= roll < 0.08:
        status = ServiceRecord.Status.REJECTED
    reviewed_at = None
    if status != ServiceRecord.Status.PENDING:
        reviewed_at = min(now, shift.ends_at + timedelta(days=rng.randint(1, 4)))
    return ServiceRecord(
        shift=shift,
        unit_id=shift.activity.unit_id,
        status=status,
        source=ServiceRecord.Source.MANUAL
        if rng.random() < 0.15
        else ServiceRecord.Source.QR,
        started_at=started,
        ended_at=ended,
        minutes=int((ended - started).total_seconds() // 60),
        auto_closed=auto_closed,
        reviewed_at=reviewed_at,
        rejection_reason=rng.choice(demo.REJECTION_REASONS)
        if status == ServiceRecord.Status.REJECTED
        else "",
        created_at=started,
        updated_at=reviewed_at or ended,
    )


def _seed_corrections(rows, *, now, stats) -> None:
    """Two approved records that were corrected (late arrival recorded, then the
    volunteer showed they came on time), and one correction awaiting a decision."""
    late = [
        r
        for r in rows
        if r.status == ServiceRecord.Status.APPROVED
        and r.started_at > r.shift.starts_at
        and r.reviewed_by_id
    ]
    if len(late) < 3:
        return
    users = dict(
        Volunteer.objects.filter(pk__in=[r.volunteer_id for r in late[:3]]).values_list(
            "pk", "user_id"
        )
    )
    corrections, changes = [], []
    for number, record in enumerate(late[:2]):
        old = (record.started_at, record.minutes)
        record.started_at = record.shift.starts_at
        record.minutes = int(
            (record.ended_at - record.started_at).total_seconds() // 60
        )
        decided = record.reviewed_at + timedelta(days=2)
        correction = ServiceRecordCorrection(
            record=record,
            requested_by_id=users.get(record.volunteer_id),
            proposed_started_at=record.started_at,
            proposed_ended_at=record.ended_at,
            reason=demo.CORRECTION_REASONS[number],
            status=ServiceRecordCorrection.Status.ACCEPTED,
            decided_by_id=record.reviewed_by_id,
            decided_at=decided,
            decision_reason="已核实签到表。",
            created_at=record.reviewed_at + timedelta(days=1),
        )
        corrections.append(correction)
        changes.append(
            ServiceRecordChange(
                record=record,
                kind=ServiceRecordChange.Kind.CORRECTION,
                changed_by_id=record.reviewed_by_id,
                changed_at=decided,
                reason=f"{correction.reason} — 已核实签到表。",
                correction=correction,
                old_status=ServiceRecord.Status.APPROVED,
                old_started_at=old[0],
                old_ended_at=record.ended_at,
                old_minutes=old[1],
                new_status=ServiceRecord.Status.APPROVED,
                new_started_at=record.started_at,
                new_ended_at=record.ended_at,
                new_minutes=record.minutes,
            )
        )
    ServiceRecord.objects.bulk_update(late[:2], ["started_at", "minutes"])
    pending = late[2]
    corrections.append(
        ServiceRecordCorrection(
            record=pending,
            requested_by_id=users.get(pending.volunteer_id),
            proposed_started_at=pending.shift.starts_at,
            proposed_ended_at=pending.ended_at,
            reason=demo.CORRECTION_REASONS[0],
            created_at=min(now, pending.reviewed_at + timedelta(days=1)),
        )
    )
    bulk_create_dated(ServiceRecordCorrection, corrections)
    for change in changes:
        change.correction_id = change.correction.pk
    ServiceRecordChange.objects.bulk_create(changes)
    stats["ServiceRecordCorrection"]["created"] += len(corrections)
