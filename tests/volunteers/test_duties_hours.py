"""Separation of duties for hours (issue 11, "One person creates hours"): hand-
entered or hand-edited times and records longer than their shift need a second
organiser; shifts have a maximum length (a staff setting, 12 hours by default);
the points multiplier takes effect only once staff approve it."""

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

import pytest

from home.models import District, UnitMembership
from home.services.workspaces import folder_for
from tests.factories import UnitMembershipFactory, UserFactory, give_totp
from tests.volunteers.factories import add_shifts, confirm, service_record, shift_at
from volunteers.models import (
    ActivityPage,
    MultiplierDecision,
    PointsEntry,
    ServiceRecord,
    ServiceRecordChange,
    Shift,
    UnitActivitiesPage,
    VolunteerPointsSettings,
)

pytestmark = pytest.mark.django_db

PENDING = ServiceRecord.Status.PENDING
APPROVED = ServiceRecord.Status.APPROVED


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def past_shift(activity_index, organising_unit):
    """Yesterday, 3 hours."""
    return shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))


@pytest.fixture
def second_organiser(organising_unit):
    user = UserFactory(display_name="第二组织")
    UnitMembershipFactory(
        unit=organising_unit, user=user, role=UnitMembership.Role.ORGANISER
    )
    return user


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def approve(client, user, record):
    client.force_login(user)
    return client.post(
        reverse("volunteers:pending_approvals"),
        {"records": [record.pk], "action": "approve"},
    )


def test_organiser_who_edited_a_qr_record_cannot_approve_it_alone(
    client, organiser, second_organiser, past_shift, volunteer
):
    confirm(past_shift, volunteer)
    qr = ServiceRecord.objects.create(
        volunteer=volunteer,
        shift=past_shift,
        unit_id=past_shift.activity.unit_id,
        status=PENDING,
        source=ServiceRecord.Source.QR,
        started_at=past_shift.starts_at,
        ended_at=past_shift.starts_at + timedelta(minutes=155),
        minutes=155,
    )
    client.force_login(organiser)
    prefix = f"v{volunteer.pk}"
    response = client.post(
        reverse("volunteers:attendance_entry", args=[past_shift.pk, volunteer.pk]),
        {
            f"{prefix}-started_at": local_input(past_shift.starts_at),
            f"{prefix}-ended_at": local_input(
                past_shift.starts_at + timedelta(minutes=180)
            ),
        },
    )
    assert response.status_code == 302
    qr.refresh_from_db()
    assert qr.minutes == 180
    assert qr.entered_by == organiser

    response = approve(client, organiser, qr)
    assert response.status_code == 400
    assert "another organiser must approve" in response.content.decode()
    qr.refresh_from_db()
    assert qr.status == PENDING
    assert not PointsEntry.objects.filter(record=qr).exists()

    # The database refuses it too, whatever the path.
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRecord.objects.filter(pk=qr.pk).update(
            status=APPROVED, reviewed_by=organiser, reviewed_at=timezone.now()
        )

    assert approve(client, second_organiser, qr).status_code == 302
    qr.refresh_from_db()
    assert (qr.status, qr.reviewed_by) == (APPROVED, second_organiser)
    change = ServiceRecordChange.objects.get(record=qr)
    assert (change.old_minutes, change.new_minutes, change.changed_by) == (
        155,
        180,
        organiser,
    )


def test_whole_shift_entry_needs_another_approver(
    client, organiser, second_organiser, past_shift, volunteer
):
    confirm(past_shift, volunteer)
    client.force_login(organiser)
    url = reverse("volunteers:attendance_whole_shift", args=[past_shift.pk])
    assert client.post(url).status_code == 302
    entered = ServiceRecord.objects.get()
    assert approve(client, organiser, entered).status_code == 400
    assert approve(client, second_organiser, entered).status_code == 302
    entered.refresh_from_db()
    assert entered.status == APPROVED


def test_record_longer_than_its_shift_needs_two_approvers(
    client, organiser, second_organiser, past_shift, volunteer
):
    # 200 minutes on a 3-hour shift (the shift was shortened afterwards).
    long = service_record(volunteer, past_shift, minutes=200, status=PENDING)
    assert long.longer_than_shift

    assert approve(client, organiser, long).status_code == 302
    long.refresh_from_db()
    assert long.status == PENDING
    assert long.first_approved_by == organiser
    assert not PointsEntry.objects.filter(record=long).exists()
    # The first approver cannot give the second approval.
    assert approve(client, organiser, long).status_code == 400
    long.refresh_from_db()
    assert long.status == PENDING

    assert approve(client, second_organiser, long).status_code == 302
    long.refresh_from_db()
    assert (long.status, long.first_approved_by, long.reviewed_by) == (
        APPROVED,
        organiser,
        second_organiser,
    )
    assert PointsEntry.objects.filter(record=long).exists()


# Shifts have a maximum length ------------------------------------------------


def activity_form(**overrides):
    now = timezone.localtime()
    day = (now + timedelta(days=5)).strftime("%Y-%m-%d")
    data = {
        "title": "通宵值守",
        "slug": "tongxiao",
        "team": "",
        "category": "traffic",
        "district": District.objects.get(code="520102").pk,
        "place": "南明区甲秀楼",
        "summary": "夜间值守。",
        "description": rich_text("<p>请按时到达。</p>"),
        "signup_opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "signup_closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
        "cancellation_deadline_hours": 24,
        "required_skills": "",
        "minimum_age": 0,
        "points_multiplier": "1.0",
        "shifts-TOTAL_FORMS": 1,
        "shifts-INITIAL_FORMS": 0,
        "shifts-MIN_NUM_FORMS": 1,
        "shifts-MAX_NUM_FORMS": 1000,
        "shifts-0-role": "值守",
        "shifts-0-starts_at": f"{day} 06:00",
        "shifts-0-ends_at": f"{day} 19:00",  # 13 hours
        "shifts-0-capacity": 8,
        "shifts-0-ORDER": 1,
        "shifts-0-id": "",
        "shifts-0-DELETE": "",
        "action-publish": "1",
    }
    data.update(overrides)
    return data


def refused_at_most(response, hours) -> bool:
    """The editor's message, in the admin's language (Chinese or English)."""
    content = response.content.decode()
    return (
        f"A shift lasts at most {hours} hours" in content
        or f"一个班次最长{hours}小时" in content
    )


def add_url(unit):
    folder = folder_for(unit=unit, folder_model=UnitActivitiesPage)
    return reverse(
        "wagtailadmin_pages:add", args=("volunteers", "activitypage", folder.pk)
    )


@pytest.fixture
def editor(activity_index, organising_unit):
    user = UserFactory(display_name="编辑甲")
    UnitMembershipFactory(
        unit=organising_unit, user=user, role=UnitMembership.Role.EDITOR
    )
    return user


def test_shift_over_twelve_hours_is_refused(client, editor, organising_unit):
    client.force_login(editor)
    response = client.post(add_url(organising_unit), activity_form())
    assert response.status_code == 200
    assert refused_at_most(response, 12)
    assert not ActivityPage.objects.filter(slug="tongxiao").exists()

    # Staff lower the limit: an 8-hour shift is refused too.
    settings = VolunteerPointsSettings.load()
    settings.maximum_shift_hours = 6
    settings.save()
    day = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%d")
    response = client.post(
        add_url(organising_unit),
        activity_form(**{"shifts-0-ends_at": f"{day} 14:00"}),
    )
    assert refused_at_most(response, 6)
    response = client.post(
        add_url(organising_unit),
        activity_form(**{"shifts-0-ends_at": f"{day} 12:00"}),
    )
    assert response.status_code == 302
    assert ActivityPage.objects.filter(slug="tongxiao").exists()


def test_database_refuses_a_shift_over_a_day(activity):
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(
            activity=activity,
            starts_at=start,
            ends_at=start + timedelta(hours=25),
            capacity=1,
        )


# The points multiplier is a staff decision ------------------------------------


def test_multiplier_takes_effect_only_after_staff_approve(
    client, editor, organiser, organising_unit, volunteer
):
    client.force_login(editor)
    day = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%d")
    response = client.post(
        add_url(organising_unit),
        activity_form(points_multiplier="10.0", **{"shifts-0-ends_at": f"{day} 09:00"}),
    )
    assert response.status_code == 302
    page = ActivityPage.objects.get(slug="tongxiao")
    assert page.live and page.points_multiplier == Decimal("10.0")
    proposal = MultiplierDecision.objects.get(activity=page)
    assert (proposal.status, proposal.value, proposal.proposed_by) == (
        MultiplierDecision.Status.PENDING,
        Decimal("10.0"),
        editor,
    )
    assert "× 1.0" in client.get(page.url).content.decode()

    # Points use the approved multiplier (1) until staff decide.
    first, second = add_shifts(page, 2, hours=2)
    record = service_record(volunteer, first, minutes=120, status=PENDING)
    assert approve(client, organiser, record).status_code == 302
    assert PointsEntry.objects.get(record=record).points == 20  # 2 h × 10 × 1

    # The editor cannot decide; staff can, with a reason.
    decide = reverse("volunteer_multipliers:decide", args=[proposal.pk])
    client.force_login(editor)
    assert client.get(decide).status_code in (302, 403)
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    assert client.post(decide, {"action": "approve", "reason": ""}).status_code == 200
    response = client.post(decide, {"action": "approve", "reason": "重点活动"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.reason) == (
        MultiplierDecision.Status.APPROVED,
        staff,
        "重点活动",
    )

    record = service_record(volunteer, second, minutes=120, status=PENDING)
    assert approve(client, organiser, record).status_code == 302
    assert PointsEntry.objects.get(record=record).points == 200  # × 10 now
