"""The site shell (home/site_shell.py) is cached, and the next request after any
change it is made from shows the change: a page published, unpublished, moved
or deleted, a view restriction added or removed, the site settings saved. A
private page stays private while the shell is cached."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction, Site

import pytest

from home.models import SiteSettings
from home.site_shell import generation
from tests.factories import site_home
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def menu_html(client) -> str:
    html = client.get("/").content.decode()
    return html.split('class="site-footer', 1)[0]


@pytest.fixture
def about():
    return StandardPageFactory(title="关于本站", slug="about", show_in_menus=True)


def test_the_shell_is_read_from_the_cache(client, about, django_assert_max_num_queries):
    client.get("/about/")
    with django_assert_max_num_queries(3):
        # The route's one query and the page's own: no site, menu, settings
        # or view-restriction query.
        assert client.get("/about/").status_code == 200


def test_menu_follows_publish_unpublish_move_and_delete(client, about):
    assert "关于本站" in menu_html(client)
    token = generation()
    about.title = "关于我们"
    about.save_revision().publish()
    assert generation() != token
    assert "关于我们" in menu_html(client)
    about.unpublish()
    assert "关于我们" not in menu_html(client)
    about.save_revision().publish()
    other = StandardPageFactory(title="指南", slug="guide", show_in_menus=True)
    assert "指南" in menu_html(client)
    about.move(other, pos="last-child")
    assert "关于我们" not in menu_html(client)
    other.delete()
    assert "指南" not in menu_html(client)


def test_site_settings_change_shows_on_the_next_page(client, about):
    client.get("/about/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hotline = "0851-12345"
    settings.save()
    assert "0851-12345" in client.get("/about/").content.decode()


def test_a_page_restricted_after_caching_is_private_at_once(client, about):
    assert client.get("/about/").status_code == 200
    assert "关于本站" in menu_html(client)
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/about/")
    assert response.status_code == 302  # to sign in
    assert "关于本站" not in menu_html(client)
    restriction.delete()
    assert client.get("/about/").status_code == 200


def test_a_page_under_a_restricted_section_and_group_rules(client, about):
    child = StandardPageFactory(parent=about, title="内部通知", slug="notice")
    client.get("/about/notice/")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="内部"))
    assert client.get(child.url).status_code in (302, 403)
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(child.url).status_code in (302, 403)


def test_a_restricted_home_keeps_the_whole_site_private(client):
    PageViewRestriction.objects.create(
        page=site_home(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get("/")
    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()
