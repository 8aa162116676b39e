"""Residents request slots: inside opening hours, in the future, within the
horizon, within capacity, a few at a time; a taken slot is refused with a clear
message; residents cancel their own bookings and nobody else's."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from home.exceptions import ServiceError
from home.facilities import services
from home.models import BookingStatus, FacilityBooking
from tests.factories import UserFactory
from tests.home.factories import FacilityFactory, local, tomorrow, tomorrow_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def detail_url(facility):
    return reverse("home:facility_detail", kwargs={"pk": facility.pk})


def request_slot(client, facility, starts_at, *, people=4, purpose="邻里篮球赛"):
    return client.post(
        detail_url(facility),
        {"slot": starts_at.isoformat(), "people": people, "purpose": purpose},
    )


def test_resident_requests_a_free_slot_and_sees_it_on_their_page(
    resident_client, resident, facility
):
    starts_at = tomorrow_at(9)
    response = request_slot(resident_client, facility, starts_at)
    assert response.status_code == 302
    booking = FacilityBooking.objects.get()
    assert (booking.user, booking.starts_at, booking.status) == (
        resident,
        starts_at,
        BookingStatus.REQUESTED,
    )
    assert booking.ends_at == starts_at + timedelta(hours=1)
    dashboard = resident_client.get(reverse("home:participation")).content.decode()
    assert 'id="my-bookings"' in dashboard
    assert facility.name in dashboard
    assert reverse("home:facility_booking_ics", kwargs={"pk": booking.pk}) in dashboard
    # The slot now shows as taken on the facility's page.
    page = resident_client.get(detail_url(facility)).content.decode()
    assert f'value="{starts_at.isoformat()}" disabled' in page


@pytest.mark.parametrize(
    ("slot", "people", "message"),
    [
        (lambda: tomorrow_at(12, 30), 4, "not open at this time"),
        (lambda: tomorrow_at(9, 30), 4, "not open at this time"),
        (
            lambda: local(timezone.localdate() - timedelta(days=1), 9),
            4,
            "already passed",
        ),
        (lambda: local(tomorrow() + timedelta(days=20), 9), 4, "at most 14 days ahead"),
        (lambda: tomorrow_at(9), 21, "at most 20"),
    ],
    ids=["closed", "misaligned", "past", "beyond-horizon", "over-capacity"],
)
def test_bad_requests_are_refused_with_a_clear_message_and_save_nothing(
    resident_client, facility, slot, people, message
):
    response = request_slot(resident_client, facility, slot(), people=people)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert message in content
    assert not FacilityBooking.objects.exists()


def test_a_taken_slot_gets_the_just_taken_message(client, facility):
    first, second = UserFactory(), UserFactory()
    services.booking_request(
        user=first, facility=facility, starts_at=tomorrow_at(10), people=2, purpose="会"
    )
    client.force_login(second)
    response = request_slot(client, facility, tomorrow_at(10))
    assert "just been taken" in response.content.decode()
    assert FacilityBooking.objects.count() == 1


def test_unverified_and_anonymous_visitors_cannot_book(client, facility):
    response = request_slot(client, facility, tomorrow_at(9))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    client.force_login(UserFactory(verified=False))
    response = request_slot(client, facility, tomorrow_at(9))
    assert "confirm your email address" in response.content.decode()
    assert not FacilityBooking.objects.exists()


def test_inactive_facility_is_hidden_and_cannot_be_booked(resident_client, facility):
    facility.is_active = False
    facility.save()
    assert resident_client.get(detail_url(facility)).status_code == 404
    assert request_slot(resident_client, facility, tomorrow_at(9)).status_code == 404


def test_a_resident_holds_at_most_three_active_bookings(resident, facility):
    for hour in (9, 10, 11):
        services.booking_request(
            user=resident,
            facility=facility,
            starts_at=tomorrow_at(hour),
            people=1,
            purpose="训练",
        )
    with pytest.raises(ServiceError, match="already have 3 bookings"):
        services.booking_request(
            user=resident,
            facility=facility,
            starts_at=tomorrow_at(14),
            people=1,
            purpose="训练",
        )
    assert FacilityBooking.objects.count() == 3


def test_resident_cancels_their_booking_and_the_slot_is_free_again(
    resident_client, resident, facility
):
    booking = services.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=1,
        purpose="会",
    )
    url = reverse("home:facility_booking_cancel", kwargs={"pk": booking.pk})
    assert resident_client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    again = services.booking_request(
        user=UserFactory(),
        facility=facility,
        starts_at=tomorrow_at(9),
        people=1,
        purpose="会",
    )
    assert again.status == BookingStatus.REQUESTED


def test_residents_see_and_cancel_only_their_own_bookings(client, resident, facility):
    booking = services.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=1,
        purpose="会",
    )
    client.force_login(UserFactory())
    cancel = reverse("home:facility_booking_cancel", kwargs={"pk": booking.pk})
    ics = reverse("home:facility_booking_ics", kwargs={"pk": booking.pk})
    assert client.post(cancel).status_code == 404
    assert client.get(ics).status_code == 404
    dashboard = client.get(reverse("home:participation")).content.decode()
    assert facility.name not in dashboard
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_a_booking_that_has_begun_cannot_be_cancelled(resident, facility):
    now = timezone.now()
    booking = FacilityBooking.objects.create(
        facility=facility,
        user=resident,
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
        people=1,
        purpose="会",
    )
    with pytest.raises(ServiceError, match="already begun"):
        services.booking_cancel(user=resident, booking=booking)


def test_an_older_longer_booking_blocks_the_slots_it_overlaps(resident, facility):
    FacilityBooking.objects.create(
        facility=facility,
        user=UserFactory(),
        starts_at=tomorrow_at(9),
        ends_at=tomorrow_at(11),  # booked when slots were two hours long
        people=1,
        purpose="会",
    )
    with pytest.raises(ServiceError, match="just been taken"):
        services.booking_request(
            user=resident,
            facility=facility,
            starts_at=tomorrow_at(10),
            people=1,
            purpose="会",
        )


def test_facility_without_free_slots_says_so(client):
    facility = FacilityFactory(hours=[])
    response = client.get(detail_url(facility))
    assert "no free slots" in response.content.decode()
