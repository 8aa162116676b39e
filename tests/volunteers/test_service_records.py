"""Service records: attendance entered by organisers (one by one, whole shift),
approval and rejection (singly, in bulk, all or nothing, never one's own, only by
the organising unit), and what points are told."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

import pytest

from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import (
    VolunteerFactory,
    confirm,
    record,
    shift_at,
)
from volunteers.models import ServiceRecord, ServiceRecordChange
from volunteers.services import attendance_entry, records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


PENDING = ServiceRecord.Status.PENDING
APPROVED = ServiceRecord.Status.APPROVED
REJECTED = ServiceRecord.Status.REJECTED


@pytest.fixture
def past_shift(activity_index, organising_unit):
    """Yesterday, 3 hours."""
    return shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# Attendance by the organiser --------------------------------------------------


def test_organiser_enters_times_clamped_to_the_shift(
    client, organiser, past_shift, volunteer
):
    confirm(past_shift, volunteer)
    client.force_login(organiser)
    url = reverse("volunteers:attendance_entry", args=[past_shift.pk, volunteer.pk])
    prefix = f"v{volunteer.pk}"
    response = client.post(
        url,
        {
            f"{prefix}-started_at": local_input(
                past_shift.starts_at - timedelta(hours=1)
            ),
            f"{prefix}-ended_at": local_input(past_shift.ends_at - timedelta(hours=1)),
        },
    )
    assert response.status_code == 302
    saved = ServiceRecord.objects.get()
    assert saved.status == PENDING and saved.source == ServiceRecord.Source.MANUAL
    assert saved.started_at == past_shift.starts_at
    assert saved.minutes == 120
    assert saved.changes.get().kind == ServiceRecordChange.Kind.ENTERED


def test_correcting_pending_times_keeps_the_old_values(
    organiser, past_shift, volunteer
):
    first = record(past_shift, volunteer)
    attendance_entry.attendance_record(
        actor=organiser,
        shift=past_shift,
        volunteer=volunteer,
        started_at=past_shift.starts_at + timedelta(minutes=30),
        ended_at=past_shift.ends_at,
        reason="迟到半小时",
    )
    first.refresh_from_db()
    assert first.minutes == 150
    change = first.changes.get()
    assert change.kind == ServiceRecordChange.Kind.EDITED
    assert change.old_minutes == 180 and change.new_minutes == 150
    assert change.changed_by == organiser and change.reason == "迟到半小时"


def test_attendance_page_lists_confirmed_volunteers(
    client, organiser, past_shift, volunteer, django_assert_max_num_queries
):
    confirm(past_shift, volunteer)
    for other in VolunteerFactory.create_batch(15):
        record(past_shift, other)
    client.force_login(organiser)
    client.get("/")  # the cached site shell warm, as after any first visit
    # 15, and two for the access log (who acted for which unit; one bulk insert
    # for the 16 people seen): a fixed cost, not one per person.
    with django_assert_max_num_queries(17):
        response = client.get(
            reverse("volunteers:shift_attendance", args=[past_shift.pk])
        )
    assert response.status_code == 200
    assert response.content.decode().count('class="section attendance-row"') == 16


def test_attendance_refused_without_a_confirmed_place(organiser, past_shift, volunteer):
    with pytest.raises(ServiceError, match="confirmed place"):
        attendance_entry.attendance_record(
            actor=organiser,
            shift=past_shift,
            volunteer=volunteer,
            started_at=past_shift.starts_at,
            ended_at=past_shift.ends_at,
        )
    assert not ServiceRecord.objects.exists()


def test_approved_record_is_not_edited_by_attendance(organiser, past_shift, volunteer):
    record(past_shift, volunteer, status=APPROVED)
    with pytest.raises(ServiceError, match="correction"):
        attendance_entry.attendance_record(
            actor=organiser,
            shift=past_shift,
            volunteer=volunteer,
            started_at=past_shift.starts_at,
            ended_at=past_shift.ends_at - timedelta(hours=1),
        )
    assert ServiceRecord.objects.get().minutes == 180


def test_attendance_by_another_units_organiser_is_403(client, past_shift, volunteer):
    confirm(past_shift, volunteer)
    stranger = UserFactory()
    UnitMembershipFactory(
        unit=UnitFactory(), user=stranger, role=UnitMembership.Role.ORGANISER
    )
    client.force_login(stranger)
    assert (
        client.get(
            reverse("volunteers:shift_attendance", args=[past_shift.pk])
        ).status_code
        == 403
    )
    response = client.post(
        reverse("volunteers:attendance_whole_shift", args=[past_shift.pk])
    )
    assert response.status_code == 403
    assert not ServiceRecord.objects.exists()


def test_whole_shift_for_everyone_confirmed(client, organiser, past_shift):
    people = VolunteerFactory.create_batch(4)
    for person in people[:3]:
        confirm(past_shift, person)
    already = record(past_shift, people[3])  # confirmed, with a record
    client.force_login(organiser)
    url = reverse("volunteers:attendance_whole_shift", args=[past_shift.pk])
    assert client.post(url).status_code == 302
    assert ServiceRecord.objects.count() == 4
    assert set(ServiceRecord.objects.values_list("minutes", flat=True)) == {180}
    assert ServiceRecordChange.objects.exclude(record=already).count() == 3
    client.post(url)  # again: nothing new
    assert ServiceRecord.objects.count() == 4


def test_whole_shift_is_all_or_nothing_on_overlap(
    activity_index, organising_unit, organiser, past_shift
):
    people = VolunteerFactory.create_batch(3)
    for person in people:
        confirm(past_shift, person)
    other = shift_at(
        activity_index,
        organising_unit,
        starts_in=-timedelta(days=1, hours=-1),
        title="重叠",
    )
    record(other, people[1])
    with pytest.raises(ServiceError, match="overlaps"):
        attendance_entry.attendance_record_whole_shift(
            actor=organiser, shift=past_shift
        )
    assert not ServiceRecord.objects.filter(shift=past_shift).exists()


def test_whole_shift_waits_for_the_end(activity_index, organising_unit, organiser):
    running = shift_at(
        activity_index, organising_unit, starts_in=-timedelta(minutes=10)
    )
    confirm(running, VolunteerFactory())
    with pytest.raises(ServiceError, match="ended"):
        attendance_entry.attendance_record_whole_shift(actor=organiser, shift=running)


# Approval ---------------------------------------------------------------------


def test_organiser_approves_in_bulk_and_volunteers_get_no_email(
    client, organiser, past_shift, django_capture_on_commit_callbacks
):
    pending = [record(past_shift, v) for v in VolunteerFactory.create_batch(3)]
    client.force_login(organiser)
    with (
        mock.patch("volunteers.services.records.points_sync_for_record") as sync,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("volunteers:pending_approvals"),
            {"records": [r.pk for r in pending], "action": "approve"},
        )
    assert response.status_code == 302
    assert set(ServiceRecord.objects.values_list("status", flat=True)) == {APPROVED}
    assert set(ServiceRecord.objects.values_list("reviewed_by", flat=True)) == {
        organiser.pk
    }
    assert sync.call_count == 3
    assert mail.outbox == []


def test_rejection_needs_a_reason_and_emails_it(
    client, organiser, past_shift, volunteer, django_capture_on_commit_callbacks
):
    pending = record(past_shift, volunteer)
    client.force_login(organiser)
    url = reverse("volunteers:pending_approvals")
    response = client.post(url, {"records": [pending.pk], "action": "reject"})
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"records": [pending.pk], "action": "reject", "reason": "当天未到岗"}
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == REJECTED and pending.rejection_reason == "当天未到岗"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.user.email]
    assert "当天未到岗" in mail.outbox[0].body


def test_bulk_approval_is_all_or_nothing(organiser, past_shift):
    first, second = (record(past_shift, v) for v in VolunteerFactory.create_batch(2))
    records.records_approve(actor=organiser, record_ids=[second.pk])
    with pytest.raises(ServiceError, match="no longer awaiting"):
        records.records_approve(actor=organiser, record_ids=[first.pk, second.pk])
    first.refresh_from_db()
    assert first.status == PENDING


def test_approving_twice_approves_once(organiser, past_shift, volunteer):
    pending = record(past_shift, volunteer)
    records.records_approve(actor=organiser, record_ids=[pending.pk])
    with pytest.raises(ServiceError):
        records.records_approve(actor=organiser, record_ids=[pending.pk])


def test_volunteer_cannot_approve_own_record(client, organising_unit, past_shift):
    own = VolunteerFactory()
    UnitMembershipFactory(
        unit=organising_unit, user=own.user, role=UnitMembership.Role.ORGANISER
    )
    mine = record(past_shift, own)
    client.force_login(own.user)
    response = client.get(reverse("volunteers:pending_approvals"))
    assert f'name="records" value="{mine.pk}"' not in response.content.decode()
    response = client.post(
        reverse("volunteers:pending_approvals"),
        {"records": [mine.pk], "action": "approve"},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied, match="own service record"):
        records.records_approve(actor=own.user, record_ids=[mine.pk])
    mine.refresh_from_db()
    assert mine.status == PENDING


def test_other_units_organiser_cannot_review(client, past_shift, volunteer):
    pending = record(past_shift, volunteer)
    stranger = UserFactory()
    UnitMembershipFactory(
        unit=UnitFactory(), user=stranger, role=UnitMembership.Role.ORGANISER
    )
    client.force_login(stranger)
    page = client.get(reverse("volunteers:pending_approvals"))
    assert page.status_code == 200 and volunteer.real_name not in page.content.decode()
    response = client.get(
        reverse("volunteers:review_service_record", args=[pending.pk])
    )
    assert response.status_code == 404
    with pytest.raises(Exception, match="Only the organisers"):
        records.records_approve(actor=stranger, record_ids=[pending.pk])


def test_non_organiser_gets_403_on_the_approvals_page(client, volunteer):
    client.force_login(volunteer.user)
    assert client.get(reverse("volunteers:pending_approvals")).status_code == 403


def test_pending_page_queries_do_not_grow(
    client, organiser, past_shift, django_assert_max_num_queries
):
    for person in VolunteerFactory.create_batch(40):
        record(past_shift, person)
    client.force_login(organiser)
    client.get("/")  # the cached site shell warm, as after any first visit
    # (one of them records the access in the personal data access log, one
    # counts the unread messages in the header)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("volunteers:pending_approvals"))
    assert response.status_code == 200
    assert response.content.decode().count('name="records"') == 40


def test_dashboard_links_organisers_to_their_approvals(client, organiser):
    client.force_login(organiser)
    html = client.get(reverse("home:dashboard")).content.decode()
    assert reverse("volunteers:pending_approvals") in html
