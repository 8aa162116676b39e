"""Corrections (an approved record changes only through one, and keeps its
history), the volunteer's own record pages, exports and the figures other parts
read."""

import csv
import io
from datetime import timedelta
from decimal import Decimal
from unittest import mock

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory, record, shift_at
from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
)
from volunteers.selectors.hours import (
    unit_staff_approved_hours,
    volunteer_approved_minutes,
)
from volunteers.services import records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


APPROVED = ServiceRecord.Status.APPROVED


@pytest.fixture
def past_shift(activity_index, organising_unit):
    return shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))


@pytest.fixture
def approved(past_shift, volunteer):
    return record(past_shift, volunteer, status=APPROVED)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def ask(client, record_, start, end, reason="实际提前一小时离开"):
    client.force_login(record_.volunteer.user)
    return client.post(
        reverse("volunteers:my_service_record", args=[record_.pk]),
        {
            "started_at": local_input(start),
            "ended_at": local_input(end),
            "reason": reason,
        },
    )


# Corrections ------------------------------------------------------------------


def test_accepted_correction_changes_an_approved_record_and_keeps_history(
    client, organiser, approved, past_shift
):
    response = ask(
        client, approved, past_shift.starts_at, past_shift.ends_at - timedelta(hours=1)
    )
    assert response.status_code == 302
    correction = ServiceRecordCorrection.objects.get()
    approved.refresh_from_db()
    assert approved.minutes == 180  # unchanged until accepted
    client.force_login(organiser)
    page = client.get(reverse("volunteers:pending_approvals")).content.decode()
    assert "实际提前一小时离开" in page
    with mock.patch("volunteers.services.records.points_sync_for_record") as sync:
        response = client.post(
            reverse("volunteers:correction_decide", args=[correction.pk]),
            {"action": "accept", "reason": "核实无误"},
        )
    assert response.status_code == 302
    sync.assert_called_once()
    approved.refresh_from_db()
    assert approved.status == APPROVED and approved.minutes == 120
    change = approved.changes.get()
    assert change.kind == ServiceRecordChange.Kind.CORRECTION
    assert (change.old_minutes, change.new_minutes) == (180, 120)
    assert change.changed_by == organiser and "实际提前一小时离开" in change.reason
    assert change.old_ended_at == past_shift.ends_at
    # The history shows on the volunteer's record page.
    client.force_login(approved.volunteer.user)
    page = client.get(
        reverse("volunteers:my_service_record", args=[approved.pk])
    ).content.decode()
    assert "核实无误" in page and "180" in page and "120" in page


def test_declined_correction_leaves_the_record_and_emails_the_reason(
    organiser, approved, past_shift, django_capture_on_commit_callbacks
):
    correction = records.correction_request(
        volunteer=approved.volunteer,
        record=approved,
        started_at=past_shift.starts_at + timedelta(minutes=30),
        ended_at=past_shift.ends_at,
        reason="签到晚了",
    )
    with pytest.raises(ServiceError, match="reason"):
        records.correction_decline(actor=organiser, correction=correction, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        records.correction_decline(
            actor=organiser, correction=correction, reason="与签到记录不符"
        )
    approved.refresh_from_db()
    assert approved.minutes == 180 and not approved.changes.exists()
    assert ServiceRecordCorrection.objects.get().status == "declined"
    assert len(mail.outbox) == 1 and "与签到记录不符" in mail.outbox[0].body
    with pytest.raises(ServiceError, match="already been decided"):
        records.correction_accept(actor=organiser, correction=correction)


def test_correction_request_rules(client, approved, past_shift, volunteer):
    # Outside the shift, without a reason, the same times, or someone else's.
    response = ask(
        client, approved, past_shift.starts_at - timedelta(hours=1), past_shift.ends_at
    )
    assert response.status_code == 400
    assert (
        ask(client, approved, past_shift.starts_at, past_shift.ends_at).status_code
        == 400
    )
    response = ask(
        client, approved, past_shift.starts_at, past_shift.ends_at, reason=""
    )
    assert response.status_code == 400
    other = VolunteerFactory()
    client.force_login(other.user)
    response = client.get(reverse("volunteers:my_service_record", args=[approved.pk]))
    assert response.status_code == 404
    # One open request at a time.
    ask(client, approved, past_shift.starts_at, past_shift.ends_at - timedelta(hours=1))
    response = ask(
        client, approved, past_shift.starts_at, past_shift.ends_at - timedelta(hours=2)
    )
    assert response.status_code == 400
    assert ServiceRecordCorrection.objects.count() == 1


def test_organiser_cannot_accept_a_correction_of_own_record(
    organising_unit, past_shift
):
    own = VolunteerFactory()
    UnitMembershipFactory(
        unit=organising_unit, user=own.user, role=UnitMembership.Role.ORGANISER
    )
    mine = record(past_shift, own, status=APPROVED)
    correction = records.correction_request(
        volunteer=own,
        record=mine,
        started_at=past_shift.starts_at,
        ended_at=past_shift.ends_at - timedelta(hours=1),
        reason="更正",
    )
    with pytest.raises(Exception, match="own"):
        records.correction_accept(actor=own.user, correction=correction)
    assert ServiceRecordCorrection.objects.get().status == "pending"


def test_accepted_correction_refused_when_it_would_overlap(
    activity_index, organising_unit, organiser, volunteer, past_shift
):
    first = record(past_shift, volunteer, status=APPROVED)
    ServiceRecord.objects.filter(pk=first.pk).update(
        ended_at=past_shift.starts_at + timedelta(hours=2), minutes=120
    )
    # A shift of another activity from the second to the fifth hour.
    later = shift_at(
        activity_index,
        organising_unit,
        starts_in=past_shift.starts_at + timedelta(hours=2) - timezone.now(),
        title="紧接着",
    )
    record(later, volunteer, status=APPROVED)
    first.refresh_from_db()
    correction = records.correction_request(
        volunteer=volunteer,
        record=first,
        started_at=past_shift.starts_at,
        ended_at=past_shift.ends_at,
        reason="其实待到结束",
    )
    with pytest.raises(ServiceError, match="overlaps"):
        records.correction_accept(actor=organiser, correction=correction)
    first.refresh_from_db()
    assert first.minutes == 120 and not first.changes.exists()
    assert ServiceRecordCorrection.objects.get().status == "pending"


# The volunteer's pages --------------------------------------------------------


def test_my_page_shows_recent_records_with_a_correction_link(
    client, approved, volunteer
):
    client.force_login(volunteer.user)
    html = client.get(reverse("volunteers:profile")).content.decode()
    assert 'id="my-service-records"' in html
    assert reverse("volunteers:my_service_record", args=[approved.pk]) in html
    assert reverse("volunteers:my_service_records") in html


def test_my_records_page_is_paginated_with_fixed_queries(
    client, activity_index, organising_unit, volunteer, django_assert_max_num_queries
):
    for day in range(1, 26):
        shift = shift_at(
            activity_index, organising_unit, starts_in=-timedelta(days=day)
        )
        record(shift, volunteer, status=APPROVED)
    client.force_login(volunteer.user)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("volunteers:my_service_records"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="signup-item"') == 20
    assert "?page=2" in html
    assert "75.0" in html  # 25 × 3 approved hours


# Exports ----------------------------------------------------------------------


def test_unit_exports_approved_records_with_masked_phones(
    client, organiser, past_shift, organising_unit
):
    shown = VolunteerFactory(real_name="王导出", phone="+8613912345678")
    record(past_shift, shown, status=APPROVED)
    record(past_shift, VolunteerFactory(real_name="李待审"))
    client.force_login(organiser)
    slug = organising_unit.slug
    response = client.get(reverse("volunteers:service_records_csv", args=[slug]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert "王导出" in rows[1] and "139****5678" in rows[1]
    assert "13912345678" not in text and "李待审" not in text
    response = client.get(reverse("volunteers:service_records_xlsx", args=[slug]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2))]
    assert "王导出" in values and "139****5678" in values


def test_export_is_for_the_units_organisers_and_admins_only(
    client, organising_unit, volunteer
):
    url = reverse("volunteers:service_records_csv", args=[organising_unit.slug])
    client.force_login(volunteer.user)
    assert client.get(url).status_code == 403
    admin = UserFactory()
    UnitMembershipFactory(
        unit=organising_unit, user=admin, role=UnitMembership.Role.ADMIN
    )
    client.force_login(admin)
    assert client.get(url).status_code == 200


# Figures for other parts ------------------------------------------------------


def test_approved_minutes_and_unit_staff_hours(past_shift, volunteer, activity_index):
    record(past_shift, volunteer, status=APPROVED)
    other_shift = shift_at(
        activity_index, past_shift.activity.unit, starts_in=-timedelta(days=3)
    )
    record(other_shift, volunteer, status=ServiceRecord.Status.PENDING)
    assert volunteer_approved_minutes(volunteer) == 180
    staff_unit = UnitFactory()
    assert unit_staff_approved_hours(staff_unit) == Decimal("0.0")
    UnitMembershipFactory(
        unit=staff_unit, user=volunteer.user, role=UnitMembership.Role.EDITOR
    )
    assert unit_staff_approved_hours(staff_unit) == Decimal("3.0")
