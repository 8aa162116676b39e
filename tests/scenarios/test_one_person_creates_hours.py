"""Issue 11, "One person creates hours": "An organiser edited a QR record from
155 to 180 minutes by hand and approved it alone [...]. Shifts have no maximum
length." """

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from home.models import District, UnitMembership
from home.services.workspaces import folder_for
from tests.factories import UnitFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory, confirm, shift_at
from volunteers.models import ActivityPage, ServiceRecord, UnitActivitiesPage

pytestmark = pytest.mark.django_db


def _member(unit, role):
    user = UserFactory()
    UnitMembership.objects.create(unit=unit, user=user, role=role)
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def _input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _thirteen_hour_activity(district):
    day = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%d")
    now = timezone.localtime()
    return {
        "title": "通宵值守",
        "slug": "tongxiao",
        "team": "",
        "category": "traffic",
        "district": district.pk,
        "place": "南明区甲秀楼",
        "summary": "夜间值守。",
        "description": rich_text("<p>请按时到达。</p>"),
        "signup_opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "signup_closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
        "cancellation_deadline_hours": 24,
        "required_skills": "",
        "minimum_age": 0,
        "points_multiplier": "1.0",
        "shifts-TOTAL_FORMS": 1,
        "shifts-INITIAL_FORMS": 0,
        "shifts-MIN_NUM_FORMS": 1,
        "shifts-MAX_NUM_FORMS": 1000,
        "shifts-0-id": "",
        "shifts-0-role": "值守",
        "shifts-0-starts_at": f"{day} 06:00",
        "shifts-0-ends_at": f"{day} 19:00",
        "shifts-0-capacity": 8,
        "shifts-0-ORDER": 1,
        "shifts-0-DELETE": "",
        "action-publish": "1",
    }


def test_one_organiser_cannot_mint_hours_alone(client, activity_index):
    organising_unit = UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    volunteer = VolunteerFactory(real_name="陈志愿")
    organiser = _member(organising_unit, UnitMembership.Role.ORGANISER)
    _member(organising_unit, UnitMembership.Role.ORGANISER)  # a second one exists
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))
    confirm(shift, volunteer)
    qr = ServiceRecord.objects.create(
        volunteer=volunteer,
        shift=shift,
        unit_id=organising_unit.pk,
        status=ServiceRecord.Status.PENDING,
        source=ServiceRecord.Source.QR,
        started_at=shift.starts_at,
        ended_at=shift.starts_at + timedelta(minutes=155),
        minutes=155,
    )
    client.force_login(organiser)
    prefix = f"v{volunteer.pk}"
    client.post(
        reverse("volunteers:attendance_entry", args=[shift.pk, volunteer.pk]),
        {
            f"{prefix}-started_at": _input(shift.starts_at),
            f"{prefix}-ended_at": _input(shift.starts_at + timedelta(minutes=180)),
        },
    )
    qr.refresh_from_db()
    assert qr.minutes == 180
    client.post(
        reverse("volunteers:pending_approvals"),
        {"records": [qr.pk], "action": "approve"},
    )
    qr.refresh_from_db()
    assert qr.status == ServiceRecord.Status.PENDING, (
        "the organiser approved the 155→180 minutes it typed itself"
    )

    # An editor of the unit publishes a 13-hour shift from the admin.
    editor = _member(organising_unit, UnitMembership.Role.EDITOR)
    folder = folder_for(unit=organising_unit, folder_model=UnitActivitiesPage)
    client.force_login(editor)
    client.post(
        reverse(
            "wagtailadmin_pages:add", args=("volunteers", "activitypage", folder.pk)
        ),
        _thirteen_hour_activity(District.objects.get(code="520102")),
    )
    assert not ActivityPage.objects.filter(slug="tongxiao").exists(), (
        "a 13-hour shift was published: shifts have no maximum length"
    )
