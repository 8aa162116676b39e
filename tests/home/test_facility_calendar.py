"""Bookings as iCalendar files: one booking's .ics for its owner, and a private,
revocable feed of all of a resident's bookings; both parse with a standard parser
and carry Asia/Shanghai times."""

from datetime import timedelta

from django.urls import reverse

import icalendar
import pytest

from home.facilities import services
from home.models import BookingCalendarToken
from tests.home.factories import tomorrow_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(facility, resident):
    return services.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(14),
        people=3,
        purpose="读书会；第二期, 欢迎",
    )


def events(content: bytes):
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_single_booking_ics_parses_with_shanghai_times(resident_client, booking):
    url = reverse("home:facility_booking_ics", kwargs={"pk": booking.pk})
    response = resident_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    (event,) = events(response.content)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert start == booking.starts_at
    assert start.utcoffset() == timedelta(hours=8)
    assert (start.hour, end.hour) == (14, 15)  # wall-clock time in Guiyang
    assert str(event["SUMMARY"]).startswith(booking.facility.name)
    assert "读书会；第二期, 欢迎" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "TENTATIVE"


def test_anonymous_visitors_get_no_single_booking_ics(client, booking):
    url = reverse("home:facility_booking_ics", kwargs={"pk": booking.pk})
    assert client.get(url).status_code == 302


def test_private_feed_follows_its_token_and_can_be_replaced_or_turned_off(
    client, resident_client, resident, booking
):
    assert (
        resident_client.post(
            reverse("home:facility_booking_calendar_reset")
        ).status_code
        == 302
    )
    token = BookingCalendarToken.objects.get(user=resident).token
    feed = reverse("home:facility_booking_calendar", kwargs={"token": token})
    dashboard = resident_client.get(reverse("home:participation")).content.decode()
    assert feed in dashboard
    response = client.get(feed)  # calendar programs do not sign in
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    (event,) = events(response.content)
    assert event.decoded("DTSTART") == booking.starts_at
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]

    resident_client.post(reverse("home:facility_booking_calendar_reset"))
    assert client.get(feed).status_code == 404
    new_token = BookingCalendarToken.objects.get(user=resident).token
    assert new_token != token
    new_feed = reverse("home:facility_booking_calendar", kwargs={"token": new_token})
    assert client.get(new_feed).status_code == 200

    resident_client.post(reverse("home:facility_booking_calendar_revoke"))
    assert client.get(new_feed).status_code == 404


def test_cancelled_bookings_leave_the_feed(client, resident, booking):
    token = services.booking_calendar_token_reset(user=resident).token
    services.booking_cancel(user=resident, booking=booking)
    feed = reverse("home:facility_booking_calendar", kwargs={"token": token})
    assert events(client.get(feed).content) == []
