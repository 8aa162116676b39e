"""One person's credentials never reach another person's data: a volunteer's
token reads only their own sign-ups, records and certificates and cannot cancel
another's sign-up; an organiser reaches only their own unit's rosters and
records, never approves their own hours, and nobody without two-factor uses an
organiser's power through the API."""

from datetime import timedelta

import pytest

from home.api_tokens import services
from home.models import UnitMembership
from tests.api import people
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import (
    VolunteerFactory,
    confirm,
    make_activity,
    record,
    shift_at,
)
from volunteers.models import Certificate, ServiceRecord, Signup

pytestmark = pytest.mark.django_db

API = "/api/v1"
organiser = people.organiser
organising_unit = people.organising_unit
volunteer = people.volunteer


def bearer(user, scope="write") -> dict:
    token = services.api_token_create(user=user, name="app", scope=scope)[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def other(db):
    return VolunteerFactory(real_name="李别人")


@pytest.fixture
def past_shift(activity_index, organising_unit):
    return shift_at(activity_index, organising_unit, starts_in=-timedelta(days=2))


def test_a_token_reads_only_its_owner_s_data(
    client, volunteer, other, past_shift, activity_index, organising_unit
):
    upcoming = make_activity(activity_index, unit=organising_unit).shifts.get()
    theirs = confirm(upcoming, other)
    their_record = record(past_shift, other, status=ServiceRecord.Status.APPROVED)
    certificate = Certificate.objects.create(
        volunteer=other,
        number="ZYZM-OTHER",
        issuer_name="贵阳市志愿者协会",
        date_from=past_shift.starts_at.date(),
        date_to=past_shift.starts_at.date(),
        holder_name="李别人",
        holder_number="GY1",
        total_minutes=180,
        issued_on=past_shift.starts_at.date(),
    )
    mine = bearer(volunteer.user)

    signups = client.get(f"{API}/me/signups/", **mine).json()
    assert signups == {"upcoming": [], "waitlisted": [], "past": []}
    assert client.get(f"{API}/me/service-records/", **mine).json()["results"] == []
    assert client.get(f"{API}/me/certificates/", **mine).json()["results"] == []
    pdf = client.get(f"{API}/me/certificates/{certificate.pk}/pdf/", **mine)
    assert pdf.status_code == 404
    cancel = client.post(f"{API}/me/signups/{theirs.pk}/cancel/", **mine)
    assert cancel.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Signup.Status.CONFIRMED
    # A volunteer is no organiser: neither the roster nor the approvals.
    roster = client.get(f"{API}/organiser/shifts/{upcoming.pk}/roster/", **mine)
    assert roster.status_code == 403
    approve = client.post(
        f"{API}/organiser/service-records/approve/",
        {"records": [their_record.pk]},
        content_type="application/json",
        **mine,
    )
    assert approve.status_code == 403


def test_an_organiser_of_another_unit_reaches_nothing(client, past_shift, other):
    pending = record(past_shift, other)
    stranger = UserFactory()
    UnitMembershipFactory(
        unit=UnitFactory(name="别的单位"),
        user=stranger,
        role=UnitMembership.Role.ORGANISER,
    )
    theirs = bearer(stranger)
    roster = client.get(f"{API}/organiser/shifts/{past_shift.pk}/roster/", **theirs)
    assert roster.status_code == 403
    listed = client.get(f"{API}/organiser/service-records/pending/", **theirs)
    assert listed.json()["results"] == []
    approve = client.post(
        f"{API}/organiser/service-records/approve/",
        {"records": [pending.pk]},
        content_type="application/json",
        **theirs,
    )
    assert approve.status_code == 403
    pending.refresh_from_db()
    assert pending.status == ServiceRecord.Status.PENDING


def test_an_organiser_never_approves_their_own_hours(client, organiser, past_shift):
    own = VolunteerFactory(user=organiser, real_name="马组织")
    mine = record(past_shift, own)
    headers = bearer(organiser)
    listed = client.get(f"{API}/organiser/service-records/pending/", **headers)
    assert listed.json()["results"] == []
    refused = client.post(
        f"{API}/organiser/service-records/approve/",
        {"records": [mine.pk]},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 403
    mine.refresh_from_db()
    assert mine.status == ServiceRecord.Status.PENDING


def test_hand_entered_times_need_another_organiser(
    client, organiser, organising_unit, past_shift, other
):
    typed = record(past_shift, other)
    ServiceRecord.objects.filter(pk=typed.pk).update(entered_by=organiser)
    refused = client.post(
        f"{API}/organiser/service-records/approve/",
        {"records": [typed.pk]},
        content_type="application/json",
        **bearer(organiser),
    )
    assert refused.status_code == 400
    assert "another organiser" in refused.json()["detail"] or refused.json()["detail"]
    second = UserFactory()
    UnitMembershipFactory(
        unit=organising_unit, user=second, role=UnitMembership.Role.ORGANISER
    )
    approved = client.post(
        f"{API}/organiser/service-records/approve/",
        {"records": [typed.pk]},
        content_type="application/json",
        **bearer(second),
    )
    assert approved.status_code == 200
    assert approved.json()["approved"] == [typed.pk]


def test_an_organiser_without_two_factor_is_refused(
    client, organising_unit, past_shift, other
):
    member = UserFactory()
    UnitMembershipFactory(
        unit=organising_unit,
        user=member,
        role=UnitMembership.Role.ORGANISER,
        two_factor=False,
    )
    pending = record(past_shift, other)
    headers = bearer(member, scope="read")
    roster = client.get(f"{API}/organiser/shifts/{past_shift.pk}/roster/", **headers)
    assert roster.status_code == 403
    assert "two-factor" in roster.json()["detail"] or "双" in roster.json()["detail"]
    listed = client.get(f"{API}/organiser/service-records/pending/", **headers)
    assert listed.status_code == 403
    pending.refresh_from_db()
    assert pending.status == ServiceRecord.Status.PENDING
