"""A volunteer's journey done only through the API, as the mobile app would: sign
in (allauth headless), sign up for a shift, check in and out with the scanned
code, the organiser approves the hours through the API (with two-factor at
sign-in), the volunteer sees the hours and downloads the certificate."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from home.models import AccessRecord
from tests.api import people
from tests.api.signin import app_login, session_headers
from tests.clock import at
from tests.volunteers.factories import make_activity
from volunteers.models import ServiceRecord, Signup
from volunteers.services import attendance

pytestmark = pytest.mark.django_db

API = "/api/v1"
organiser = people.organiser
organising_unit = people.organising_unit
volunteer = people.volunteer


@pytest.fixture
def shift(activity_index, organising_unit):
    activity = make_activity(activity_index, unit=organising_unit)
    return activity.shifts.get()


def post(client, path, data=None, **headers):
    return client.post(
        f"{API}{path}", data or {}, content_type="application/json", **headers
    )


def test_a_volunteer_journey_through_the_api(
    volunteer, organiser, shift, django_capture_on_commit_callbacks
):
    app, organiser_app = Client(), Client()

    signed_in = app_login(app, volunteer.user)
    assert signed_in.status_code == 200, signed_in.content
    me = session_headers(signed_in)
    summary = app.get(f"{API}/me/volunteer/", **me)
    assert summary.status_code == 200
    assert summary.json()["approved_minutes"] == 0

    # Sign up for the shift.
    signup = post(app, "/me/signups/", {"shift": shift.pk}, **me)
    assert signup.status_code == 201, signup.content
    assert signup.json()["status"] == Signup.Status.CONFIRMED
    upcoming = app.get(f"{API}/me/signups/", **me).json()["upcoming"]
    assert [s["shift"]["id"] for s in upcoming] == [shift.pk]

    # At the activity: scan the organiser's code (its URL) to check in and out.
    with at(shift.starts_at + timedelta(minutes=5)):
        code_url = "https://canyu.example" + reverse(
            "volunteers:checkin_scan",
            kwargs={"token": attendance.checkin_token_make(shift=shift)},
        )
        checked_in = post(
            app, "/me/checkin/", {"code": code_url, "action": "checkin"}, **me
        )
        assert checked_in.status_code == 200, checked_in.content
        assert checked_in.json()["created"] is True
        assert checked_in.json()["record"]["status"] == "checked_in"
    with at(shift.starts_at + timedelta(hours=2, minutes=5)):
        token = attendance.checkin_token_make(shift=shift)
        checked_out = post(
            app, "/me/checkin/", {"code": token, "action": "checkout"}, **me
        )
        assert checked_out.status_code == 200, checked_out.content
        record = checked_out.json()["record"]
        assert record["status"] == "pending" and record["minutes"] == 120

    # The organiser signs in with the authenticator app's code and approves.
    with at(shift.ends_at + timedelta(hours=1)):
        organiser_in = app_login(organiser_app, organiser)
        assert organiser_in.status_code == 200, organiser_in.content
        boss = session_headers(organiser_in)
        roster = organiser_app.get(f"{API}/organiser/shifts/{shift.pk}/roster/", **boss)
        assert roster.status_code == 200
        assert [s["name"] for s in roster.json()["confirmed"]] == ["陈志愿"]
        pending = organiser_app.get(f"{API}/organiser/service-records/pending/", **boss)
        assert [r["id"] for r in pending.json()["results"]] == [record["id"]]
        approved = post(
            organiser_app,
            "/organiser/service-records/approve/",
            {"records": [record["id"]]},
            **boss,
        )
        assert approved.status_code == 200, approved.content
        assert approved.json()["approved"] == [record["id"]]
        # Looking at the roster and the records is in the volunteer's access log.
        assert AccessRecord.objects.filter(
            viewer=organiser, subject=volunteer.user
        ).exists()

    # The volunteer sees the approved hours and downloads a certificate.
    with at(shift.ends_at + timedelta(hours=2)):
        records = app.get(f"{API}/me/service-records/", **me).json()["results"]
        assert [(r["status"], r["hours"]) for r in records] == [("approved", "2.0")]
        assert app.get(f"{API}/me/volunteer/", **me).json()["approved_minutes"] == 120
        today = timezone.localdate()
        # The PDF is made by a task queued when the request's transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            asked = post(
                app,
                "/me/certificates/",
                {"date_from": str(today - timedelta(days=30)), "date_to": str(today)},
                **me,
            )
        assert asked.status_code == 201, asked.content
        certificates = app.get(f"{API}/me/certificates/", **me).json()["results"]
        assert certificates[0]["ready"] is True
        pdf = app.get(f"{API}/me/certificates/{certificates[0]['id']}/pdf/", **me)
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert ServiceRecord.objects.get().status == ServiceRecord.Status.APPROVED


def test_signing_out_ends_the_app_session(volunteer):
    app = Client()
    me = session_headers(app_login(app, volunteer.user))
    assert app.get(f"{API}/me/", **me).status_code == 200
    app.delete("/api/v1/auth/app/v1/auth/session", **me)
    assert app.get(f"{API}/me/", **me).status_code == 401
