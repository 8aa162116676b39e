"""Issue 11, "Organisers approve themselves": "shengtai.organiser registered as a
volunteer choosing its own unit's team, then approved its own registration at
/volunteers/review/<id>/ [...] An organiser of 花果园 suspended volunteer001
platform-wide because volunteer001 had only asked to join a 花果园 team." """

from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from home.models import UnitMembership
from tests.factories import UnitFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Team, TeamMembership

pytestmark = pytest.mark.django_db


def _organiser_of(unit, name):
    user = UserFactory(display_name=name)
    UnitMembership.objects.create(
        unit=unit, user=user, role=UnitMembership.Role.ORGANISER
    )
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def _review(client, user, volunteer, **data):
    client.force_login(user)
    return client.post(reverse("volunteers:review_detail", args=[volunteer.pk]), data)


def test_an_organiser_neither_approves_itself_nor_suspends_platform_wide(client):
    shengtai = UnitFactory(name="生态局")
    team = Team.objects.create(
        name="生态志愿队", slug="shengtai", unit=shengtai, district=shengtai.district
    )
    organiser = _organiser_of(shengtai, "shengtai.organiser")
    own = VolunteerFactory(user=organiser, status="pending", green_ribbon_number=None)
    TeamMembership.objects.create(team=team, volunteer=own)

    _review(client, organiser, own, action="approve")
    own.refresh_from_db()
    assert own.status == "pending", (
        f"the organiser approved its own registration: {own.status}, "
        f"Green Ribbon number {own.green_ribbon_number}"
    )

    huaguoyuan = UnitFactory(name="花果园")
    hgy_team = Team.objects.create(
        name="花果园服务队", slug="hgy", unit=huaguoyuan, district=huaguoyuan.district
    )
    volunteer001 = VolunteerFactory(real_name="volunteer001")
    TeamMembership.objects.create(team=hgy_team, volunteer=volunteer001)  # asked
    hgy_organiser = _organiser_of(huaguoyuan, "花果园组织者")
    _review(client, hgy_organiser, volunteer001, action="suspend", reason="不合适")
    volunteer001.refresh_from_db()
    assert volunteer001.status == "active", (
        "another unit's organiser suspended volunteer001 platform-wide"
    )
