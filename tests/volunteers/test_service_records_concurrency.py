"""Under concurrency on PostgreSQL: 50 parallel check-in scans by one volunteer
make one record; two organisers approving the same record at once (services or
two browser sessions) approve it once and the ledger credits it once."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse

from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.factories import UnitMembershipFactory, UserFactory
from tests.volunteers.factories import confirm, record, shift_at
from volunteers.models import PointsAccount, PointsEntry, ServiceRecord
from volunteers.services import attendance, records

pytestmark = POSTGRES_ONLY

SCANS = 50


def test_fifty_parallel_scans_make_one_record(
    activity_index, organising_unit, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(minutes=20))
    confirm(shift, volunteer)
    results, errors = run_in_parallel(
        lambda _: attendance.checkin(volunteer=volunteer, shift=shift)[1],
        range(SCANS),
    )
    assert errors == []
    assert results.count(True) == 1 and results.count(False) == SCANS - 1
    assert ServiceRecord.objects.filter(volunteer=volunteer).count() == 1


def test_parallel_scans_over_http_make_one_record(
    activity_index, organising_unit, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(minutes=20))
    confirm(shift, volunteer)
    url = reverse(
        "volunteers:checkin_scan",
        kwargs={"token": attendance.checkin_token_make(shift=shift)},
    )

    def scan(_):
        client = Client()
        client.force_login(volunteer.user)
        return client.post(url, {"action": "checkin"}).status_code

    results, errors = run_in_parallel(scan, range(20))
    assert errors == []
    assert results == [302] * 20
    assert ServiceRecord.objects.filter(volunteer=volunteer).count() == 1


def test_two_parallel_approvals_approve_once(
    activity_index, organising_unit, organiser, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))
    pending = record(shift, volunteer)
    second = UserFactory()
    UnitMembershipFactory(
        unit=organising_unit, user=second, role=UnitMembership.Role.ORGANISER
    )
    results, errors = run_in_parallel(
        lambda actor: (
            records.records_approve(actor=actor, record_ids=[pending.pk])[
                0
            ].reviewed_by_id
        ),
        [organiser, second],
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ServiceError)
    pending.refresh_from_db()
    assert pending.status == ServiceRecord.Status.APPROVED
    assert pending.reviewed_by_id == results[0]
    # The real ledger: one credit, and the balance is that credit.
    credits = PointsEntry.objects.filter(record=pending, kind="credit")
    assert credits.count() == 1
    assert (
        PointsAccount.objects.get(volunteer=volunteer).balance == credits.get().points
    )


def test_two_sessions_approving_at_once_credit_points_once(
    activity_index, organising_unit, organiser, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))
    pending = record(shift, volunteer)
    second = UserFactory()
    UnitMembershipFactory(
        unit=organising_unit, user=second, role=UnitMembership.Role.ORGANISER
    )
    url = reverse("volunteers:pending_approvals")

    def approve(actor):
        client = Client()
        client.force_login(actor)
        data = {"records": [pending.pk], "action": "approve", "reason": ""}
        return client.post(url, data).status_code

    results, errors = run_in_parallel(approve, [organiser, second] * 5)
    assert errors == []
    # One session approves; the others are told, on the page, that it was decided.
    assert sorted(results) == [302] + [400] * 9
    pending.refresh_from_db()
    assert pending.status == ServiceRecord.Status.APPROVED
    assert PointsEntry.objects.filter(record=pending, kind="credit").count() == 1
    account = PointsAccount.objects.get(volunteer=volunteer)
    assert account.balance == sum(
        PointsEntry.objects.filter(volunteer=volunteer).values_list("points", flat=True)
    )


def test_parallel_check_outs_close_the_record_once(
    activity_index, organising_unit, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(minutes=50))
    confirm(shift, volunteer)
    attendance.checkin(volunteer=volunteer, shift=shift)
    results, errors = run_in_parallel(
        lambda _: attendance.checkout(volunteer=volunteer, shift=shift).pk, range(10)
    )
    assert len(results) == 1 and len(errors) == 9
    assert all(isinstance(error, ServiceError) for error in errors)
    assert ServiceRecord.objects.get().status == ServiceRecord.Status.PENDING
