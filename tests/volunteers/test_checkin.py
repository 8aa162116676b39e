"""Check-in by QR code: the organiser's rotating code, the volunteer's scan page,
the check-in window, clamping to the shift, double scans and forgotten
check-outs."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

import pytest

from home.exceptions import ServiceError
from tests.clock import at
from tests.volunteers.factories import VolunteerFactory, confirm, shift_at
from volunteers.models import ServiceRecord
from volunteers.services import attendance
from volunteers.tasks import close_forgotten_checkouts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def shift(activity_index, organising_unit):
    """Under way: started an hour ago, ends in two hours."""
    return shift_at(activity_index, organising_unit, starts_in=-timedelta(hours=1))


def scan_url(shift, now=None):
    token = attendance.checkin_token_make(shift=shift, now=now)
    return reverse("volunteers:checkin_scan", kwargs={"token": token})


# The organiser's code ---------------------------------------------------------


def test_organiser_sees_a_qr_code_with_no_meta_refresh(client, organiser, shift):
    client.force_login(organiser)
    response = client.get(reverse("volunteers:checkin_code", args=[shift.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'class="checkin-code__image"' in html
    assert "/volunteers/checkin/" in html
    # A meta refresh moves a screen reader's place every minute (axe: critical).
    assert 'http-equiv="refresh"' not in html
    # The script rotates the code; without it, a visible link reloads the page.
    assert "js/checkin.js" in html
    assert f'href="{reverse("volunteers:checkin_code", args=[shift.pk])}"' in html
    current = reverse("volunteers:checkin_code_current", args=[shift.pk])
    assert f'data-checkin-code="{current}"' in html
    assert 'aria-live="polite"' in html


def test_code_endpoint_gives_the_next_code_after_rotation(client, organiser, shift):
    client.force_login(organiser)
    url = reverse("volunteers:checkin_code_current", args=[shift.pk])
    start = timezone.now().replace(second=5, microsecond=0)
    with at(start):
        first = client.get(url)
        same = client.get(url)
    with at(start + timedelta(minutes=1)):
        later = client.get(url)
    assert first.status_code == later.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert "no-store" in first["Cache-Control"]
    data, next_data = first.json(), later.json()
    assert data["url"] == same.json()["url"]
    assert next_data["url"] != data["url"]
    assert "/volunteers/checkin/" in data["url"]
    assert data["url"] in data["html"] and "<svg" in data["html"]
    assert next_data["url"] in next_data["html"]
    assert 0 < data["refresh"] <= 61


def test_code_endpoint_refuses_all_but_the_units_organisers(client, shift, volunteer):
    url = reverse("volunteers:checkin_code_current", args=[shift.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(volunteer.user)
    response = client.get(url)
    assert response.status_code == 403
    assert "/volunteers/checkin/" not in response.content.decode()


def test_code_from_the_endpoint_expires_as_before(client, organiser, volunteer, shift):
    """The page's script only asks for the current code: a code it showed is
    refused once MAX_AGE has passed after its minute, as every code is."""
    confirm(shift, volunteer)
    client.force_login(organiser)
    url = reverse("volunteers:checkin_code_current", args=[shift.pk])
    start = timezone.now().replace(second=5, microsecond=0)
    with at(start):
        scan = client.get(url).json()["url"].removeprefix("http://testserver")
    client.force_login(volunteer.user)
    with at(start + timedelta(seconds=170)):
        assert client.get(scan).status_code == 200
    with at(start + timedelta(seconds=181)):
        assert client.get(scan).status_code == 400
        response = client.post(scan, {"action": "checkin"})
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_roster_links_to_the_code_and_the_attendance(client, organiser, shift):
    client.force_login(organiser)
    response = client.get(reverse("volunteers:roster", args=[shift.activity_id]))
    html = response.content.decode()
    assert reverse("volunteers:checkin_code", args=[shift.pk]) in html
    assert reverse("volunteers:shift_attendance", args=[shift.pk]) in html


def test_only_the_units_organisers_see_the_code(client, shift, volunteer):
    client.force_login(volunteer.user)
    response = client.get(reverse("volunteers:checkin_code", args=[shift.pk]))
    assert response.status_code == 403
    assert "贵阳市志愿者协会" in response.content.decode()


def test_code_changes_with_the_minute(shift):
    now = timezone.now().replace(second=5)
    same = attendance.checkin_token_make(shift=shift, now=now + timedelta(seconds=30))
    assert attendance.checkin_token_make(shift=shift, now=now) == same
    later = attendance.checkin_token_make(shift=shift, now=now + timedelta(minutes=1))
    assert later != same


# Refused codes ----------------------------------------------------------------


def test_forged_code_is_refused(client, volunteer, shift):
    client.force_login(volunteer.user)
    forged = signing.dumps({"s": shift.pk, "t": 0}, key="not-the-key", salt="x")
    for token in (forged, "nonsense", scan_url(shift).split("/")[-2] + "x"):
        response = client.get(reverse("volunteers:checkin_scan", args=[token]))
        assert response.status_code == 400
        assert "error-summary" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_expired_code_is_refused_even_on_post(client, volunteer, shift):
    confirm(shift, volunteer)
    client.force_login(volunteer.user)
    old = scan_url(shift, now=timezone.now() - timedelta(minutes=4))
    assert client.get(old).status_code == 400
    response = client.post(old, {"action": "checkin"})
    assert response.status_code == 400
    assert not ServiceRecord.objects.exists()
    with pytest.raises(ServiceError, match="expired"):
        attendance.checkin_token_shift_id(token=old.split("/")[-2], now=timezone.now())


def test_code_of_a_minute_ago_still_works(shift):
    now = timezone.now()
    token = attendance.checkin_token_make(shift=shift, now=now - timedelta(seconds=90))
    assert attendance.checkin_token_shift_id(token=token, now=now) == shift.pk


def test_scan_needs_sign_in(client, shift):
    response = client.get(scan_url(shift))
    assert response.status_code == 302
    assert "login" in response["Location"]


# Check-in and check-out -------------------------------------------------------


def test_scan_confirm_check_in_then_check_out(client, volunteer, shift):
    confirm(shift, volunteer)
    client.force_login(volunteer.user)
    url = scan_url(shift)
    page = client.get(url).content.decode()
    assert 'value="checkin"' in page
    response = client.post(url, {"action": "checkin"})
    record = ServiceRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "volunteers:my_service_record", args=[record.pk]
    )
    assert record.status == ServiceRecord.Status.CHECKED_IN
    assert record.source == ServiceRecord.Source.QR
    # The next scan offers the check-out.
    page = client.get(scan_url(shift)).content.decode()
    assert 'value="checkout"' in page
    client.post(scan_url(shift), {"action": "checkout"})
    record.refresh_from_db()
    assert record.status == ServiceRecord.Status.PENDING
    assert record.ended_at is not None
    assert record.minutes == (record.ended_at - record.started_at).seconds // 60


def test_double_scan_makes_one_record(client, volunteer, shift):
    confirm(shift, volunteer)
    client.force_login(volunteer.user)
    url = scan_url(shift)
    for _ in range(3):
        assert client.post(url, {"action": "checkin"}).status_code == 302
    assert ServiceRecord.objects.count() == 1
    first, created = attendance.checkin(volunteer=volunteer, shift=shift)
    assert created is False and first == ServiceRecord.objects.get()


def test_second_check_out_is_refused(volunteer, shift):
    confirm(shift, volunteer)
    attendance.checkin(volunteer=volunteer, shift=shift)
    attendance.checkout(volunteer=volunteer, shift=shift)
    with pytest.raises(ServiceError, match="already checked out"):
        attendance.checkout(volunteer=volunteer, shift=shift)


def test_without_a_confirmed_place_no_check_in(client, volunteer, shift):
    client.force_login(volunteer.user)
    response = client.post(scan_url(shift), {"action": "checkin"})
    assert response.status_code == 400
    assert not ServiceRecord.objects.exists()


def test_check_in_window(activity_index, organising_unit, volunteer):
    soon = shift_at(activity_index, organising_unit, starts_in=timedelta(minutes=45))
    confirm(soon, volunteer)
    with pytest.raises(ServiceError, match="opens at"):
        attendance.checkin(volunteer=volunteer, shift=soon)
    # 30 minutes before: open; the time counts from the start of the shift.
    now = soon.starts_at - timedelta(minutes=30)
    record, created = attendance.checkin(volunteer=volunteer, shift=soon, now=now)
    assert created and record.started_at == soon.starts_at
    # Checking out before the shift starts is refused.
    with pytest.raises(ServiceError, match="not started"):
        attendance.checkout(volunteer=volunteer, shift=soon, now=now)


def test_check_in_closes_at_the_shifts_end(activity_index, organising_unit, volunteer):
    past = shift_at(activity_index, organising_unit, starts_in=-timedelta(hours=5))
    confirm(past, volunteer)
    with pytest.raises(ServiceError, match="ended"):
        attendance.checkin(volunteer=volunteer, shift=past)
    assert not ServiceRecord.objects.exists()


def test_minutes_are_clamped_to_the_shift(volunteer, shift):
    confirm(shift, volunteer)
    attendance.checkin(volunteer=volunteer, shift=shift)
    late = shift.ends_at + timedelta(hours=2)
    record = attendance.checkout(volunteer=volunteer, shift=shift, now=late)
    assert record.ended_at == shift.ends_at
    assert record.minutes == (shift.ends_at - record.started_at).seconds // 60


def test_check_in_refused_when_it_overlaps_another_record(
    activity_index, organising_unit, volunteer, shift
):
    other = shift_at(
        activity_index, organising_unit, starts_in=-timedelta(minutes=30), title="另一"
    )
    confirm(shift, volunteer)
    confirm(other, volunteer)
    attendance.checkin(volunteer=volunteer, shift=shift)
    with pytest.raises(ServiceError, match="overlaps"):
        attendance.checkin(volunteer=volunteer, shift=other)
    assert ServiceRecord.objects.count() == 1


# Forgotten check-outs ---------------------------------------------------------


def test_forgotten_check_out_closed_at_the_shifts_end_once(volunteer, shift):
    confirm(shift, volunteer)
    other = VolunteerFactory()
    confirm(shift, other)
    record, _ = attendance.checkin(volunteer=volunteer, shift=shift)
    attendance.checkin(volunteer=other, shift=shift)
    attendance.checkout(volunteer=other, shift=shift)
    assert close_forgotten_checkouts.apply().get() == 0  # not ended yet
    after = shift.ends_at + timedelta(minutes=5)
    assert attendance.close_forgotten_checkouts(now=after) == 1
    assert attendance.close_forgotten_checkouts(now=after) == 0
    record.refresh_from_db()
    assert record.status == ServiceRecord.Status.PENDING
    assert record.auto_closed is True
    assert record.ended_at == shift.ends_at
    assert record.minutes == (shift.ends_at - record.started_at).seconds // 60
    assert not ServiceRecord.objects.get(volunteer=other).auto_closed
