"""A pledge page restricted with Wagtail's privacy settings stays out of the
pledge directory and the unit's profile (issue 11, leaks)."""

from wagtail.models import PageViewRestriction

import pytest

from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db

SECRET_TITLE = "内部试行承诺书"


def test_restricted_pledge_is_not_listed(client, unit):
    pledge = make_pledge(unit, year=2025, title=SECRET_TITLE)
    directory = pledge.get_parent().get_parent()
    assert SECRET_TITLE in client.get(directory.url).content.decode()
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert SECRET_TITLE not in client.get(directory.url).content.decode()
    assert SECRET_TITLE not in client.get(pledge.get_parent().url).content.decode()
    assert SECRET_TITLE not in client.get(f"/units/{unit.slug}/").content.decode()
    # The page itself asks for the password.
    assert b'name="password"' in client.get(pledge.url).content
