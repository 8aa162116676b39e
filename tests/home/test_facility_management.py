"""A unit's admins and editors keep its facilities and decide on requests; the
resident is emailed the decision; nobody manages another unit's facilities."""

from django.core import mail
from django.urls import reverse

import pytest

from home.exceptions import ServiceError
from home.facilities import services
from home.models import BookingStatus, Facility
from tests.factories import UnitMembershipFactory, UserFactory
from tests.home.factories import facility_post, tomorrow_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


@pytest.fixture
def booking(facility, resident):
    return services.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=6,
        purpose="社区篮球友谊赛",
    )


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_unit_admins_and_editors_add_a_facility_with_opening_hours(client, unit, role):
    user = UnitMembershipFactory(unit=unit, role=role).user
    client.force_login(user)
    data = facility_post(district=str(unit.district_id))
    response = client.post(
        reverse("home:unit_facility_create", kwargs={"slug": unit.slug}), data
    )
    assert response.status_code == 302
    facility = Facility.objects.get(unit=unit)
    assert facility.name == "职工活动中心"
    hours = [
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}")
        for h in facility.opening_hours.all()
    ]
    assert hours == [(0, "09:00", "12:00"), (0, "14:00", "17:30")]
    listing = client.get(reverse("home:unit_facilities", kwargs={"slug": unit.slug}))
    assert "职工活动中心" in listing.content.decode()


def test_overlapping_hours_in_the_form_are_refused_and_nothing_saved(
    client, unit, unit_admin
):
    client.force_login(unit_admin)
    data = facility_post(district=str(unit.district_id), **{"hours-1-opens": "11:00"})
    response = client.post(
        reverse("home:unit_facility_create", kwargs={"slug": unit.slug}), data
    )
    assert response.status_code == 200
    assert "overlap" in response.content.decode()
    assert not Facility.objects.exists()


def test_editing_replaces_the_hours_and_closing_hides_the_facility(
    client, unit, unit_admin, facility
):
    client.force_login(unit_admin)
    url = reverse(
        "home:unit_facility_edit", kwargs={"slug": unit.slug, "pk": facility.pk}
    )
    form_page = client.get(url).content.decode()
    assert 'name="hours-13-opens"' in form_page  # 14 existing periods shown
    data = facility_post(district=str(unit.district_id), name=facility.name)
    assert client.post(url, data).status_code == 302
    assert facility.opening_hours.count() == 2
    client.post(
        reverse(
            "home:unit_facility_set_active",
            kwargs={"slug": unit.slug, "pk": facility.pk},
        ),
        {"active": "0"},
    )
    facility.refresh_from_db()
    assert not facility.is_active
    listing = client.get(reverse("home:facility_list"))
    assert list(listing.context["page_obj"].object_list) == []


def test_approving_emails_the_resident(
    client, unit, unit_editor, booking, django_capture_on_commit_callbacks
):
    client.force_login(unit_editor)
    mail.outbox.clear()
    url = reverse(
        "home:unit_booking_approve", kwargs={"slug": unit.slug, "pk": booking.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED
    assert booking.decided_by == unit_editor
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [booking.user.email]
    assert booking.facility.name in mail.outbox[0].body


def test_declining_needs_a_reason_and_emails_it(
    client, unit, unit_admin, booking, django_capture_on_commit_callbacks
):
    client.force_login(unit_admin)
    mail.outbox.clear()
    url = reverse(
        "home:unit_booking_decline", kwargs={"slug": unit.slug, "pk": booking.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "  "})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "当天场地维修"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.DECLINED
    assert booking.decision_reason == "当天场地维修"
    assert len(mail.outbox) == 1
    assert "当天场地维修" in mail.outbox[0].body
    # The slot is free again for someone else.
    again = services.booking_request(
        user=UserFactory(),
        facility=booking.facility,
        starts_at=booking.starts_at,
        people=1,
        purpose="会",
    )
    assert again.status == BookingStatus.REQUESTED


def test_a_decided_request_cannot_be_decided_again(unit_admin, booking):
    services.booking_approve(actor=unit_admin, booking=booking)
    with pytest.raises(ServiceError, match="already been decided"):
        services.booking_decline(actor=unit_admin, booking=booking, reason="改期")


def test_unit_queue_lists_requests(client, unit, unit_admin, booking):
    client.force_login(unit_admin)
    response = client.get(reverse("home:unit_bookings", kwargs={"slug": unit.slug}))
    content = response.content.decode()
    assert "社区篮球友谊赛" in content
    assert (
        reverse(
            "home:unit_booking_decline", kwargs={"slug": unit.slug, "pk": booking.pk}
        )
        in content
    )


def test_another_units_admin_gets_403_everywhere(
    client, unit, facility, booking, other_unit_admin
):
    client.force_login(other_unit_admin)
    slug = unit.slug
    gets = [
        reverse("home:unit_facilities", kwargs={"slug": slug}),
        reverse("home:unit_facility_create", kwargs={"slug": slug}),
        reverse("home:unit_facility_edit", kwargs={"slug": slug, "pk": facility.pk}),
        reverse("home:unit_bookings", kwargs={"slug": slug}),
    ]
    for url in gets:
        assert client.get(url).status_code == 403, url
    posts = [
        reverse("home:unit_facility_edit", kwargs={"slug": slug, "pk": facility.pk}),
        reverse(
            "home:unit_facility_set_active", kwargs={"slug": slug, "pk": facility.pk}
        ),
        reverse("home:unit_booking_approve", kwargs={"slug": slug, "pk": booking.pk}),
        reverse("home:unit_booking_decline", kwargs={"slug": slug, "pk": booking.pk}),
    ]
    for url in posts:
        assert client.post(url, {"reason": "x", "active": "0"}).status_code == 403, url
    facility.refresh_from_db()
    booking.refresh_from_db()
    assert facility.is_active
    assert booking.status == BookingStatus.REQUESTED


def test_their_own_unit_paths_do_not_reach_another_units_rows(
    client, other_unit, other_unit_admin, facility, booking
):
    """Unit B's admin, on unit B's paths, with unit A's ids: not found."""
    client.force_login(other_unit_admin)
    slug = other_unit.slug
    edit = reverse("home:unit_facility_edit", kwargs={"slug": slug, "pk": facility.pk})
    approve = reverse(
        "home:unit_booking_approve", kwargs={"slug": slug, "pk": booking.pk}
    )
    assert client.get(edit).status_code == 404
    assert client.post(approve).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


@pytest.mark.parametrize("role", ["responder", "organiser"])
def test_other_roles_and_residents_cannot_manage(client, unit, facility, role):
    user = UnitMembershipFactory(unit=unit, role=role).user
    client.force_login(user)
    url = reverse("home:unit_facilities", kwargs={"slug": unit.slug})
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, unit):
    response = client.get(reverse("home:unit_facilities", kwargs={"slug": unit.slug}))
    assert response.status_code == 302


def test_staff_manage_any_unit(client, unit, facility):
    client.force_login(UserFactory(is_staff=True))
    url = reverse("home:unit_facilities", kwargs={"slug": unit.slug})
    assert client.get(url).status_code == 200


def test_a_new_request_emails_the_units_admins_and_editors(
    unit,
    unit_admin,
    unit_editor,
    facility,
    resident,
    django_capture_on_commit_callbacks,
):
    UnitMembershipFactory(unit=unit, role="responder")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_request(
            user=resident,
            facility=facility,
            starts_at=tomorrow_at(9),
            people=3,
            purpose="邻里乒乓球赛",
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [unit_admin.email, unit_editor.email]
    )
    assert all("邻里乒乓球赛" in m.body for m in mail.outbox)
    assert f"/units/{unit.slug}/bookings/" in mail.outbox[0].body


def test_a_photo_uploaded_with_the_facility_becomes_a_wagtail_image(
    client, unit, unit_admin
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image as PillowImage

    buffer = BytesIO()
    PillowImage.new("RGB", (64, 36), "green").save(buffer, "PNG")
    upload = SimpleUploadedFile("court.png", buffer.getvalue(), "image/png")
    client.force_login(unit_admin)
    data = facility_post(district=str(unit.district_id), photo=upload)
    response = client.post(
        reverse("home:unit_facility_create", kwargs={"slug": unit.slug}), data
    )
    assert response.status_code == 302
    facility = Facility.objects.get(unit=unit)
    assert facility.image is not None
    assert facility.image.title == "职工活动中心"
    page = client.get(facility.get_absolute_url()).content.decode()
    assert 'class="facility__image"' in page
