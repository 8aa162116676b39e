"""Elder mode (长辈模式): the header's switch sets a year-long cookie and goes
back to the page, never to another site; pages in elder mode load elder.css,
mark <html class="elder"> and keep only the main tasks in the header, the rest
in the footer."""

from django.test import Client

import pytest

from home.display_mode import COOKIE_NAME
from home.models import PledgeIndexPage
from tests.factories import UserFactory, site_home
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

YEAR = 365 * 24 * 60 * 60


def header(html: str) -> str:
    return html.split("<header", 1)[1].split("</header>", 1)[0]


def footer(html: str) -> str:
    return html.split("<footer", 1)[1].split("</footer>", 1)[0]


def switch_on(client, next_url="/units/"):
    return client.post("/display-mode/", {"mode": "elder", "next": next_url})


def test_switching_on_sets_a_year_long_lax_cookie_and_returns_to_the_page(client):
    response = switch_on(client, "/units/?q=民政")
    assert response.status_code == 302
    assert response["Location"] == "/units/?q=%E6%B0%91%E6%94%BF"  # 民政
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "elder"
    assert cookie["max-age"] == YEAR
    assert cookie["samesite"] == "Lax"

    html = client.get("/units/").content.decode()
    assert '<html lang="zh-Hans" class="elder">' in html
    assert "/static/css/elder.css" in html
    assert 'value="elder" aria-pressed="true">长辈模式</button>' in html
    assert 'value="standard" aria-pressed="false">标准模式</button>' in html


def test_standard_mode_is_the_default_and_switching_back_clears_the_cookie(client):
    html = client.get("/units/").content.decode()
    assert "elder.css" not in html and 'class="elder"' not in html
    assert 'value="standard" aria-pressed="true"' in html
    assert 'aria-label="显示模式"' in html

    switch_on(client)
    response = client.post("/display-mode/", {"mode": "standard", "next": "/units/"})
    assert response["Location"] == "/units/"
    assert response.cookies[COOKIE_NAME]["max-age"] == 0
    html = client.get("/units/").content.decode()
    assert "elder.css" not in html
    assert 'value="elder" aria-pressed="false"' in html


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_switch_never_redirects_to_another_site(client, next_url):
    response = switch_on(client, next_url)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[COOKIE_NAME].value == "elder"


def test_english_switch_returns_to_the_english_page(client):
    response = client.post("/en/display-mode/", {"mode": "elder", "next": "/en/units/"})
    assert response["Location"] == "/en/units/"
    html = client.get("/en/units/").content.decode()
    assert 'class="elder"' in html
    assert 'aria-label="Display mode"' in html
    assert ">Elder mode</button>" in html and ">Standard mode</button>" in html


def test_the_switch_is_a_post_refused_from_another_site():
    """No CSRF token (so that pages can be cached, home/page_cache): the
    browser's Origin / Sec-Fetch-Site tell a form on another site."""
    client = Client(enforce_csrf_checks=True)
    assert client.get("/display-mode/?mode=elder&next=/").status_code == 405
    for headers in (
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        refused = client.post(
            "/display-mode/", {"mode": "elder", "next": "/"}, headers=headers
        )
        assert refused.status_code == 403
        assert COOKIE_NAME not in refused.cookies
    for headers in (
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        {},
    ):
        done = client.post(
            "/display-mode/", {"mode": "elder", "next": "/"}, headers=headers
        )
        assert done.status_code == 302
        assert done.cookies[COOKIE_NAME].value == "elder"


def test_the_language_switch_is_refused_from_another_site():
    client = Client(enforce_csrf_checks=True)
    refused = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/"},
        headers={"Origin": "https://evil.example"},
    )
    assert refused.status_code == 403
    done = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/"},
        headers={"Origin": "http://testserver"},
    )
    assert done.status_code == 302 and done["Location"] == "/en/"


def test_the_header_switches_carry_no_csrf_token(client):
    html = client.get("/units/").content.decode()
    assert 'class="display-mode"' in html and "lang-switch" in html
    assert "csrfmiddlewaretoken" not in html


def test_an_unknown_mode_changes_nothing(client):
    response = client.post("/display-mode/", {"mode": "huge", "next": "/units/"})
    assert response["Location"] == "/units/"
    assert COOKIE_NAME not in response.cookies


def test_elder_header_keeps_the_main_tasks_and_the_footer_the_rest(client):
    home = site_home()
    guide = StandardPageFactory(title="参与指南", slug="guide", show_in_menus=True)
    pledges = home.add_child(
        instance=PledgeIndexPage(title="单位承诺", slug="pledges", show_in_menus=True)
    )
    pledges.save_revision().publish()

    standard = client.get("/units/").content.decode()
    assert guide.url in header(standard) and pledges.url in header(standard)
    assert 'href="/units/"' in header(standard)
    assert 'class="site-search"' in header(standard)

    switch_on(client)
    elder = client.get("/units/").content.decode()
    top = header(elder)
    assert pledges.url in top and ">首页</a>" in top and ">登录</a>" in top
    assert guide.url not in top and 'href="/units/"' not in top
    assert 'class="site-search"' not in top and "lang-switch" not in top
    bottom = footer(elder)
    assert guide.url in bottom and 'href="/units/"' in bottom
    assert 'href="/search/"' in bottom and "lang-switch" in bottom


def test_elder_header_leads_a_signed_in_person_to_their_page(client):
    client.force_login(UserFactory())
    switch_on(client)
    top = header(client.get("/units/").content.decode())
    assert '<a class="main-nav__link" href="/me/">我的</a>' in top
    assert ">登录</a>" not in top
