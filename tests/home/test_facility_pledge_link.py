"""A facility can name the commitment of its unit's pledge that opening it keeps;
the facility page links to it. Another unit's commitments cannot be chosen."""

from django.urls import reverse

import pytest

from home.models import Facility
from tests.factories import UnitFactory
from tests.home.factories import facility_post, make_pledge

pytestmark = pytest.mark.django_db


def test_facility_links_to_its_units_commitment(client, unit, unit_editor):
    pledge = make_pledge(unit, year=2026)
    item = pledge.items.first()
    other_item = make_pledge(UnitFactory(name="别的单位"), year=2026).items.first()
    client.force_login(unit_editor)
    url = reverse("home:unit_facility_create", kwargs={"slug": unit.slug})
    form_page = client.get(url).content.decode()
    choices = form_page[form_page.index('name="pledge_item"') :].split("</select>")[0]
    assert f'value="{item.pk}"' in choices
    assert f'value="{other_item.pk}"' not in choices

    refused = client.post(
        url, facility_post(district=str(unit.district_id), pledge_item=other_item.pk)
    )
    assert refused.status_code == 200
    assert not Facility.objects.exists()

    client.post(url, facility_post(district=str(unit.district_id), pledge_item=item.pk))
    facility = Facility.objects.get()
    assert facility.pledge_item == item
    page = client.get(
        reverse("home:facility_detail", kwargs={"pk": facility.pk})
    ).content.decode()
    assert f"#item-{item.pk}" in page and item.title in page
