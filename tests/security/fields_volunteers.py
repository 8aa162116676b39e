"""The volunteers' decision and note fields under hostile input (see
tests/security/fields.py): a reviewer's reason on a registration, an
organiser's note on attendance typed by hand, the reason for rejecting hours,
and the reason for declining a correction — each emailed to the volunteer or
shown in the record's history.

Pages that show one record or one volunteer at a time read every item
submitted since the last read (``world.recent``)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.security import world as worlds
from tests.security.people import as_user
from tests.volunteers.factories import VolunteerFactory, add_shifts, sign_up
from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Volunteer,
)


def _recent(world):
    recent, world.recent = world.recent, []
    return recent


# A reviewer's decision on a registration -------------------------------------------


def prepare_review(world):
    world.recent = []


def submit_review_reason(world, payload, number):
    volunteer = VolunteerFactory(
        real_name=f"待审{number}", status=Volunteer.Status.PENDING
    )
    response = as_user(world, world.staff).post(
        reverse("volunteers:review_detail", args=[volunteer.pk]),
        {"action": "reject", "reason": payload.text},
    )
    volunteer.refresh_from_db()
    stored = volunteer.status == Volunteer.Status.REJECTED
    if stored:
        world.recent.append(volunteer)
    return response, stored


def review_pages(world):
    staff = as_user(world, world.staff)
    pages = []
    for volunteer in _recent(world):
        url = reverse("volunteers:review_detail", args=[volunteer.pk])
        pages += [
            ("review page", staff, url),
            (
                "own profile",
                as_user(world, volunteer.user),
                reverse("volunteers:profile"),
            ),
        ]
    return pages


# Hours: rejection, correction decisions, attendance typed by hand ------------------


def prepare_pending_records(world):
    worlds.add_activity(world)
    world.volunteer = VolunteerFactory(real_name="陈志愿")
    world.records = [
        ServiceRecord.objects.create(
            volunteer=world.volunteer,
            shift=shift,
            unit=world.unit,
            status=ServiceRecord.Status.PENDING,
            started_at=shift.starts_at,
            ended_at=shift.ends_at,
            minutes=180,
        )
        for shift in add_shifts(world.activity, 80, hours=3)
    ]
    world.recent = []


def submit_rejection_reason(world, payload, number):
    record = world.records[number]
    response = as_user(world, world.organiser).post(
        reverse("volunteers:pending_approvals"),
        {"records": [record.pk], "action": "reject", "reason": payload.text},
    )
    record.refresh_from_db()
    stored = record.status == ServiceRecord.Status.REJECTED
    if stored:
        world.recent.append(record)
    return response, stored


def record_pages(world):
    """The volunteer's own page of each record and the organiser's review page."""
    organiser = as_user(world, world.organiser)
    volunteer = as_user(world, world.volunteer.user)
    pages = []
    for record in _recent(world):
        pages += [
            (
                "own record",
                volunteer,
                reverse("volunteers:my_service_record", args=[record.pk]),
            ),
            (
                "organiser's record",
                organiser,
                reverse("volunteers:review_service_record", args=[record.pk]),
            ),
        ]
    pages.append(("own records", volunteer, reverse("volunteers:my_service_records")))
    return pages


def prepare_correction_decisions(world):
    worlds.add_activity(world)
    worlds.add_past_records(world, 80)
    world.recent = []


def submit_correction_decision(world, payload, number):
    record = world.records[number]
    start = timezone.localtime(record.started_at) + timedelta(minutes=1)
    as_user(world, world.volunteer.user).post(
        reverse("volunteers:my_service_record", args=[record.pk]),
        {
            "started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "签到时间记错了。",
        },
    )
    correction = ServiceRecordCorrection.objects.get(record=record)
    response = as_user(world, world.organiser).post(
        reverse("volunteers:correction_decide", args=[correction.pk]),
        {"action": "decline", "reason": payload.text},
    )
    correction.refresh_from_db()
    stored = bool(correction.decision_reason)
    if stored:
        world.recent.append(record)
    return response, stored


def prepare_attendance(world):
    worlds.add_activity(world)
    world.volunteer = VolunteerFactory(real_name="陈志愿")
    [world.past_shift] = add_shifts(world.activity, 1, hours=3)
    sign_up(world.past_shift, world.volunteer)


def submit_attendance_note(world, payload, number):
    shift, volunteer = world.past_shift, world.volunteer
    start = timezone.localtime(shift.starts_at).replace(second=0, microsecond=0)
    # Another end each time, so that each entry is a change of its own.
    end = start + timedelta(minutes=60 + number)
    before = ServiceRecordChange.objects.count()
    prefix = f"v{volunteer.pk}"
    response = as_user(world, world.organiser).post(
        reverse("volunteers:attendance_entry", args=[shift.pk, volunteer.pk]),
        {
            f"{prefix}-started_at": start.strftime("%Y-%m-%dT%H:%M"),
            f"{prefix}-ended_at": end.strftime("%Y-%m-%dT%H:%M"),
            f"{prefix}-reason": payload.text,
        },
    )
    stored = ServiceRecordChange.objects.count() > before and bool(payload.text.strip())
    return response, stored


def attendance_pages(world):
    record = ServiceRecord.objects.filter(
        volunteer=world.volunteer, shift=world.past_shift
    ).first()
    organiser = as_user(world, world.organiser)
    pages = [
        (
            "shift attendance",
            organiser,
            reverse("volunteers:shift_attendance", args=[world.past_shift.pk]),
        )
    ]
    if record is not None:
        pages += [
            (
                "organiser's record",
                organiser,
                reverse("volunteers:review_service_record", args=[record.pk]),
            ),
            (
                "own record",
                as_user(world, world.volunteer.user),
                reverse("volunteers:my_service_record", args=[record.pk]),
            ),
        ]
    return pages
