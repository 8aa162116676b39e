"""The Wagtail admin's volunteer review: staff only, filters, decisions."""

from django.core import mail

import pytest

from tests.factories import UserFactory, give_totp
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

INDEX = "/admin/volunteers/"


def pending(**extra):
    return VolunteerFactory(
        status=Volunteer.Status.PENDING, green_ribbon_number=None, **extra
    )


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    return client


def test_staff_list_filters_by_status_and_category(staff_client):
    pending(real_name="待审学生", categories=["student"])
    pending(real_name="待审律师", categories=["legal"])
    VolunteerFactory(real_name="已审居民")
    response = staff_client.get(INDEX, {"status": "pending", "category": "legal"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "待审律师" in content
    assert "待审学生" not in content
    assert "已审居民" not in content


def test_staff_approves_in_admin(staff_client, django_capture_on_commit_callbacks):
    volunteer = pending()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{INDEX}review/{volunteer.pk}/", {"action": "approve", "reason": ""}
        )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert volunteer.green_ribbon_number
    assert len(mail.outbox) == 1


def test_admin_reject_needs_reason(staff_client):
    volunteer = pending()
    response = staff_client.post(
        f"{INDEX}review/{volunteer.pk}/", {"action": "reject", "reason": ""}
    )
    assert response.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING


def test_non_staff_cannot_review_in_admin(client):
    volunteer = pending()
    client.force_login(UserFactory())
    response = client.post(f"{INDEX}review/{volunteer.pk}/", {"action": "approve"})
    assert response.status_code in (302, 403)
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING


def test_no_add_or_edit_view_for_volunteers(staff_client):
    volunteer = pending()
    assert staff_client.get(f"{INDEX}new/").status_code in (302, 403)
    assert staff_client.get(f"{INDEX}edit/{volunteer.pk}/").status_code in (302, 403)


def test_team_admin_lists_teams(staff_client, unit):
    from volunteers.models import Team

    Team.objects.create(
        name="观山湖志愿服务队", slug="gsh", unit=unit, district=unit.district
    )
    response = staff_client.get("/admin/volunteer-teams/")
    assert response.status_code == 200
    assert "观山湖志愿服务队" in response.content.decode()
