"""The unit's public profile shows the approved volunteer hours of its own people."""

from datetime import timedelta

from django.urls import reverse

import pytest

from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory
from tests.volunteers.factories import VolunteerFactory, record, shift_at
from volunteers.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_profile_counts_only_approved_hours_of_the_units_members(
    client, activity_index, organising_unit
):
    employer = UnitFactory(name="贵阳银行股份有限公司")
    staff = VolunteerFactory(real_name="银行职工")
    UnitMembershipFactory(
        unit=employer, user=staff.user, role=UnitMembership.Role.EDITOR
    )
    outsider = VolunteerFactory(real_name="普通市民")
    # Served for another organiser: still the employer's people volunteering.
    first = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=3))
    second = shift_at(
        activity_index, organising_unit, starts_in=-timedelta(days=2), title="第二场"
    )
    record(first, staff, status=ServiceRecord.Status.APPROVED, minutes=150)
    record(second, staff, status=ServiceRecord.Status.PENDING, minutes=120)
    record(first, outsider, status=ServiceRecord.Status.APPROVED, minutes=180)

    page = client.get(reverse("home:unit_detail", kwargs={"slug": employer.slug}))
    html = page.content.decode()
    assert 'id="staff-hours-heading"' in html
    assert '<strong class="figure-line__number">2.5</strong>' in html


def test_unit_profile_figures_are_registered_with_home(activity, organising_unit):
    from home.extensions import unit_figures

    figures = unit_figures(unit=organising_unit)
    assert [a.pk for a in figures["activities"]["upcoming"]] == [activity.pk]
    assert figures["activities"]["total"] == 1
    assert figures["staff_hours"] == 0
