"""The public unit directory: filters by name, type and district through the
shared filter form; unknown values are dropped, not errors."""

import pytest

from home.models import District, Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def names(response) -> str:
    return response.content.decode()


def test_filters_by_type_and_name_and_offers_to_clear(client):
    UnitFactory(name="贵阳市民政局", kind=Unit.Kind.GOVERNMENT)
    UnitFactory(name="贵阳市志愿者协会", kind=Unit.Kind.SOCIAL_ORGANISATION)
    page = names(client.get("/units/", {"kind": "social_organisation"}))
    assert "贵阳市志愿者协会" in page and "贵阳市民政局" not in page
    assert 'name="kind"' in page and 'value="social_organisation" selected' in page
    assert 'href="/units/">' in page  # "Clear filters"
    page = names(client.get("/units/", {"q": "民政"}))
    assert "贵阳市民政局" in page and "贵阳市志愿者协会" not in page


def test_filters_by_district_and_drops_unknown_values(client):
    district = District.objects.order_by("sort_order").last()
    UnitFactory(name="花果园社区居委会", district=district)
    UnitFactory(name="别处的单位", district=District.objects.exclude(pk=district.pk)[0])
    page = names(client.get("/units/", {"district": district.code}))
    assert "花果园社区居委会" in page and "别处的单位" not in page
    response = client.get("/units/", {"district": "nowhere", "kind": "bogus"})
    assert response.status_code == 200
    assert "花果园社区居委会" in names(response) and "别处的单位" in names(response)
