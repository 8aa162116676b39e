"""The Wagtail admin for staff: units (with search, filters and members), districts,
the email outbox, users, settings and pages."""

from django.urls import reverse

import pytest

from home.models import Unit, UnitMembership
from tests.factories import UnitFactory, UserFactory, give_totp, valid_credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = UserFactory(email="staff@example.cn", is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    return client


def unit_form(**overrides):
    data = {
        "name": "贵阳市新设单位",
        "slug": "new-unit",
        "kind": "government",
        "district": "1",
        "credit_code": valid_credit_code(4242),
        "address": "",
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
        "website": "",
        "description": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/users/",
        "/admin/users/new/",
        "/admin/settings/home/sitesettings/",
    ],
)
def test_admin_pages_open_for_staff_with_two_factor(staff_client, path):
    response = staff_client.get(path, follow=True)
    assert response.status_code == 200


def test_unit_listing_searches_and_filters(staff_client):
    UnitFactory(name="贵阳市民政局", kind="government")
    UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    url = reverse("unit:index")
    response = staff_client.get(url, {"q": "志愿"})
    text = response.content.decode()
    assert "贵阳市志愿者协会" in text
    assert "贵阳市民政局" not in text
    response = staff_client.get(url, {"kind": "government"})
    text = response.content.decode()
    assert "贵阳市民政局" in text
    assert "贵阳市志愿者协会" not in text


def test_staff_create_a_unit_with_members(staff_client):
    member = UserFactory(email="editor@example.cn")
    data = unit_form(
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(member.pk),
            "memberships-0-role": "editor",
            "memberships-0-id": "",
            "memberships-0-ORDER": "",
            "memberships-0-DELETE": "",
        }
    )
    data["district"] = str(
        Unit._meta.get_field("district").related_model.objects.first().pk
    )
    response = staff_client.post(reverse("unit:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = Unit.objects.get(slug="new-unit")
    assert UnitMembership.objects.filter(unit=unit, user=member, role="editor").exists()


def test_invalid_credit_code_is_refused_with_the_reason(staff_client):
    data = unit_form(credit_code="91520102MA6DXXXXX1")
    data["district"] = str(
        Unit._meta.get_field("district").related_model.objects.first().pk
    )
    response = staff_client.post(reverse("unit:add"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "校验位" in text, text[text.find("error") : text.find("error") + 600]
    assert not Unit.objects.filter(slug="new-unit").exists()


def test_outbox_and_districts_are_listed(staff_client):
    assert staff_client.get(reverse("outboundemail:index")).status_code == 200
    response = staff_client.get(reverse("district:index"))
    assert "观山湖区" in response.content.decode()


def test_non_staff_cannot_open_the_admin(client, resident):
    client.force_login(resident)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert client.get(reverse("unit:index")).status_code in (302, 403)
