"""iCalendar files: they parse with a standard parser, carry Asia/Shanghai times,
and a volunteer's private feed follows its revocable token."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from tests.volunteers.factories import make_activity, sign_up
from volunteers.calendar import build_calendar
from volunteers.models import ActivityPage, Signup

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def events(content: bytes):
    calendar = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


def test_activity_calendar_parses_with_shanghai_times(
    client, activity_index, organising_unit
):
    activity = make_activity(
        activity_index,
        unit=organising_unit,
        shifts=((2, 3, 10), (3, 4, 5)),
        title="南明河清洁，志愿者招募；第二期",
    )
    ActivityPage.objects.filter(pk=activity.pk).update(place="南明区甲秀楼, 南明河畔")
    response = client.get(
        reverse("volunteers:activity_calendar", kwargs={"page_id": activity.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    content = response.content
    assert b"\r\n" in content and b"\n" not in content.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    found = events(content)
    shifts = list(activity.shifts.order_by("starts_at"))
    assert len(found) == 2
    for event, shift in zip(found, shifts, strict=True):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        assert start == shift.starts_at.replace(microsecond=0)
        assert end == shift.ends_at.replace(microsecond=0)
        assert start.utcoffset() == timedelta(hours=8)
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        # The wall-clock time in Guiyang, not UTC.
        local = shift.starts_at.astimezone(SHANGHAI).replace(microsecond=0)
        assert start.replace(tzinfo=None) == local.replace(tzinfo=None)
        assert f"DTSTART;TZID=Asia/Shanghai:{local:%Y%m%dT%H%M%S}".encode() in content
        assert str(event["SUMMARY"]).startswith("南明河清洁，志愿者招募；第二期")
        assert str(event["LOCATION"]) == "南明区甲秀楼, 南明河畔"
    assert found[0]["UID"] != found[1]["UID"]
    # The UID is stable from one download to the next.
    again = events(client.get(response.request["PATH_INFO"]).content)
    assert [e["UID"] for e in again] == [e["UID"] for e in found]
    calendar = icalendar.Calendar.from_ical(content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_unpublished_activity_has_no_calendar(client, activity):
    activity.unpublish()
    url = reverse("volunteers:activity_calendar", kwargs={"page_id": activity.pk})
    assert client.get(url).status_code == 404


def test_text_is_escaped_and_long_lines_folded(activity):
    shift = activity.shifts.select_related("activity").get()
    summary = "a,b;c\\d\ne" + "贵阳" * 40
    shift.activity.title = summary
    content = build_calendar([shift], name="x", now=timezone.now())
    lines = content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # octets, not characters
    unfolded = content.replace(b"\r\n ", b"").decode()
    assert "SUMMARY:a\\,b\\;c\\\\d\\ne" + "贵阳" * 40 in unfolded
    assert str(events(content)[0]["SUMMARY"]).startswith(summary)


def test_dtstamp_is_utc(activity):
    content = build_calendar(
        list(activity.shifts.select_related("activity")), name="x", now=timezone.now()
    )
    event = events(content)[0]
    assert event["DTSTAMP"].to_ical().endswith(b"Z")


def test_private_feed_has_only_confirmed_shifts(
    client, activity_index, organising_unit, volunteer
):
    mine = make_activity(activity_index, unit=organising_unit, title="关爱空巢老人")
    waiting = make_activity(activity_index, unit=organising_unit, title="文明交通劝导")
    make_activity(activity_index, unit=organising_unit, title="法律咨询进社区")
    sign_up(mine.shifts.get(), volunteer)
    sign_up(waiting.shifts.get(), volunteer, Signup.Status.WAITLISTED)
    url = reverse(
        "volunteers:volunteer_calendar", kwargs={"token": volunteer.calendar_token}
    )
    response = client.get(url)
    assert response.status_code == 200
    found = events(response.content)
    assert [str(e["SUMMARY"]) for e in found] == ["关爱空巢老人（引导员）"]
    assert found[0].decoded("DTSTART") == mine.shifts.get().starts_at.replace(
        microsecond=0
    )


def test_private_feed_wrong_token_is_404(client, volunteer):
    url = reverse("volunteers:volunteer_calendar", kwargs={"token": "not-a-token"})
    assert client.get(url).status_code == 404


def test_revoking_makes_a_new_link_and_kills_the_old(client, activity, volunteer):
    sign_up(activity.shifts.get(), volunteer)
    old = reverse(
        "volunteers:volunteer_calendar", kwargs={"token": volunteer.calendar_token}
    )
    assert client.get(old).status_code == 200
    client.force_login(volunteer.user)
    response = client.post(
        reverse("volunteers:volunteer_calendar_reset"),
        {"next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    volunteer.refresh_from_db()
    new = reverse(
        "volunteers:volunteer_calendar", kwargs={"token": volunteer.calendar_token}
    )
    assert new != old
    assert client.get(old).status_code == 404
    assert len(events(client.get(new).content)) == 1


def test_revoking_needs_login_and_post(client, volunteer):
    url = reverse("volunteers:volunteer_calendar_reset")
    assert client.post(url).status_code == 302
    client.force_login(volunteer.user)
    assert client.get(url).status_code == 405
