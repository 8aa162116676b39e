"""A resident through the API: comment, support (附议), follow and unfollow, my
bookings; the same rules as the site's forms (open consultations only, verified
contact, once, rate limits) and only pages the caller could see."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Comment, ConsultationFollow
from home.api_tokens import services
from home.models import BookingStatus, FacilityBooking
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import UserFactory
from tests.home.factories import FacilityFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def bearer(user, scope="write") -> dict:
    token = services.api_token_create(user=user, name="app", scope=scope)[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def consultation(db, unit):
    return make_consultation(ConsultationIndexPageFactory(), unit=unit)


def post(client, path, data=None, **headers):
    return client.post(
        f"{API}{path}", data or {}, content_type="application/json", **headers
    )


def test_a_resident_comments_supports_and_follows(client, resident, consultation):
    headers = bearer(resident)
    created = post(
        client,
        f"/me/consultations/{consultation.pk}/comments/",
        {"body": "建议在每个小区增设厨余垃圾投放点，方便居民。"},
        **headers,
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == Comment.Status.PUBLISHED
    assert Comment.objects.get().author == resident

    neighbour_comment = make_comment(consultation, UserFactory())
    supported = post(client, f"/me/comments/{neighbour_comment.pk}/support/", **headers)
    assert supported.status_code == 201
    assert supported.json()["support_count"] == 1
    again = post(client, f"/me/comments/{neighbour_comment.pk}/support/", **headers)
    assert again.status_code == 400
    own = post(client, f"/me/comments/{created.json()['id']}/support/", **headers)
    assert own.status_code == 400

    followed = post(client, f"/me/consultations/{consultation.pk}/follow/", **headers)
    assert followed.json() == {"consultation_id": consultation.pk, "following": True}
    assert client.get(f"{API}/me/follows/", **headers).json() == [
        {"consultation_id": consultation.pk, "following": True}
    ]
    client.delete(f"{API}/me/consultations/{consultation.pk}/follow/", **headers)
    assert not ConsultationFollow.objects.exists()


def test_a_closed_consultation_takes_no_comment(client, resident, unit):
    closed = make_consultation(
        ConsultationIndexPageFactory(), unit=unit, phase="closed"
    )
    refused = post(
        client,
        f"/me/consultations/{closed.pk}/comments/",
        {"body": "建议在每个小区增设厨余垃圾投放点，方便居民。"},
        **bearer(resident),
    )
    assert refused.status_code == 400
    assert not Comment.objects.exists()


def test_an_unpublished_consultation_is_not_found(client, resident, consultation):
    consultation.unpublish()
    refused = post(
        client,
        f"/me/consultations/{consultation.pk}/comments/",
        {"body": "建议在每个小区增设厨余垃圾投放点，方便居民。"},
        **bearer(resident),
    )
    assert refused.status_code == 404


def test_an_unverified_account_cannot_comment(client, consultation):
    unverified = UserFactory(verified=False)
    refused = post(
        client,
        f"/me/consultations/{consultation.pk}/comments/",
        {"body": "建议在每个小区增设厨余垃圾投放点，方便居民。"},
        **bearer(unverified),
    )
    assert refused.status_code == 400


def test_support_is_rate_limited_as_on_the_site(
    client, resident, consultation, settings
):
    settings.CANYU_RATE_LIMITS = {
        **settings.CANYU_RATE_LIMITS,
        "comment_support": {"user": "1/h"},
    }
    first, second = (make_comment(consultation, UserFactory()) for _ in range(2))
    headers = bearer(resident)
    assert (
        post(client, f"/me/comments/{first.pk}/support/", **headers).status_code == 201
    )
    limited = post(client, f"/me/comments/{second.pk}/support/", **headers)
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    second.refresh_from_db()
    assert second.support_count == 0


def test_my_bookings_are_mine_only(client, resident, unit):
    facility = FacilityFactory(unit=unit)
    start = timezone.now() + timedelta(days=2)
    mine = FacilityBooking.objects.create(
        facility=facility,
        user=resident,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        people=4,
        purpose="篮球训练",
        status=BookingStatus.REQUESTED,
    )
    FacilityBooking.objects.create(
        facility=facility,
        user=UserFactory(),
        starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=2),
        people=4,
        purpose="别人的",
        status=BookingStatus.APPROVED,
    )
    bookings = client.get(f"{API}/me/bookings/", **bearer(resident, scope="read"))
    assert bookings.status_code == 200
    assert [b["id"] for b in bookings.json()["upcoming"]] == [mine.pk]
    assert bookings.json()["recent"] == []
    assert "no-store" in bookings["Cache-Control"]
