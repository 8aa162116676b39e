"""What the page cache stores and serves: anonymous pages, per address, language
and display mode, with headers right for a proxy in front; never a page for one
visitor alone (signed in, a form with a CSRF token, a message, a cookie set,
private), never a POST."""

from django.contrib.messages import constants
from django.core.cache import caches
from django.test import Client, override_settings

import pytest

from home.display_mode import COOKIE_NAME, ELDER
from home.page_cache import versions
from tests.factories import UserFactory
from tests.home.factories import StandardPageFactory
from tests.home.page_cache.helpers import cached_page, next_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(db):
    return StandardPageFactory(title="关于参与", slug="about")


def test_a_page_is_stored_then_served_from_the_cache(client, about):
    first = client.get("/about/")
    assert first["X-Cache"] in ("miss", "pass")  # pass: the site settings row is made
    stored = client.get("/about/")
    assert stored["X-Cache"] == "miss"
    hit = client.get("/about/")
    assert hit["X-Cache"] == "hit"
    assert hit.content == stored.content
    assert hit["Content-Type"] == stored["Content-Type"]
    assert hit["Content-Security-Policy"] == stored["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_headers_tell_a_proxy_to_share_per_cookie_and_language(client, about):
    cached_page(client, "/about/")
    response = client.get("/about/")
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary
    control = {v.strip() for v in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0"} <= control
    assert not any(v.startswith("s-maxage") for v in control)
    with override_settings(CANYU_PAGE_CACHE_PROXY_SECONDS=30):
        versions.bump_all()
        client.get("/about/")
        assert "s-maxage=30" in client.get("/about/")["Cache-Control"]


def test_each_language_and_display_mode_has_its_own_page(client, about):
    chinese = cached_page(client, "/about/")
    english = cached_page(client, "/en/about/")
    assert 'lang="zh-Hans"' in chinese and '<html lang="en"' in english
    elder = Client()
    elder.cookies[COOKIE_NAME] = ELDER
    elder_html = cached_page(elder, "/about/")
    assert 'class="elder"' in elder_html
    assert 'class="elder"' not in cached_page(client, "/about/")


def test_a_query_string_is_a_page_of_its_own(client, about):
    cached_page(client, "/units/?q=民政")
    assert client.get("/units/?q=交通")["X-Cache"] != "hit"


def test_signed_in_pages_are_never_stored_nor_served(client, about):
    cached_page(client, "/about/")
    client.force_login(UserFactory(display_name="刘登录"))
    for _ in range(2):
        response = client.get("/about/")
        assert response["X-Cache"] == "pass"
        assert (
            "刘登录" in response.content.decode() or "/me/" in response.content.decode()
        )
        assert "private" in response["Cache-Control"]


def test_a_page_with_a_csrf_token_is_never_stored(client):
    for _ in range(3):
        response = client.get("/accounts/login/")
        assert response["X-Cache"] == "pass"
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "private" in response["Cache-Control"]


def test_a_page_with_a_csrf_token_outside_the_excluded_paths_is_never_stored(
    client, about, monkeypatch
):
    from django.middleware.csrf import get_token

    from home.models import StandardPage

    real = StandardPage.get_context

    def with_token(self, request, *args, **kwargs):
        get_token(request)
        return real(self, request, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "get_context", with_token)
    for _ in range(3):
        response = client.get("/about/")
        assert response["X-Cache"] == "pass"
        assert "csrftoken" in response.cookies


def test_a_response_with_a_message_is_never_stored(client, about, monkeypatch):
    from django.contrib import messages

    from home.models import StandardPage

    real = StandardPage.get_context

    def with_message(self, request, *args, **kwargs):
        messages.add_message(request, constants.INFO, "只给你看的消息")
        return real(self, request, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "get_context", with_message)
    for _ in range(3):
        assert client.get("/about/")["X-Cache"] == "pass"
    monkeypatch.undo()
    # A visitor carrying a message is never served a stored page either.
    cached_page(Client(), "/about/")
    client.cookies["messages"] = "anything"
    assert client.get("/about/")["X-Cache"] == "pass"


def test_a_visitor_with_a_session_is_never_served_a_stored_page(client, about):
    cached_page(client, "/about/")
    client.cookies["sessionid"] = "not-a-session"
    assert client.get("/about/")["X-Cache"] == "pass"


def test_posts_are_never_cached(client, about):
    cached_page(client, "/about/")
    response = client.post("/about/")
    assert response.get("X-Cache") != "hit"


def test_a_private_page_is_never_stored(client):
    from wagtail.models import PageViewRestriction

    secret = StandardPageFactory(title="内部通知", slug="internal")
    cached_page(client, "/internal/")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for _ in range(2):
        response = client.get("/internal/")
        assert response.get("X-Cache") != "hit"
        assert "内部通知</h1>" not in response.content.decode()
    PageViewRestriction.objects.filter(page=secret).update(
        restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):
        response = client.get("/internal/")
        assert response.status_code == 302 and response.get("X-Cache") != "hit"


def test_switched_off_every_page_is_rendered(client, about, settings):
    settings.CANYU_PAGE_CACHE = False
    for _ in range(3):
        assert client.get("/about/")["X-Cache"] == "pass"


def test_works_on_the_file_cache_of_make_run(client, about, tmp_path):
    file_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    with override_settings(CACHES=file_cache):
        caches._settings = None
        try:
            html = cached_page(client, "/about/")
            assert "关于参与" in html
            assert any(tmp_path.iterdir())
            about.title = "关于参与平台"
            about.save_revision().publish()
            assert "关于参与平台" in next_page(client, "/about/")
        finally:
            caches._settings = None


def test_a_page_written_while_it_renders_is_not_stored(client, about, monkeypatch):
    """A write to a table the page read, while it renders (here by the request
    itself, as another process's would): the page may hold the old rows."""
    from home.models import StandardPage, Unit

    real = StandardPage.get_context

    def with_a_write(self, request, *args, **kwargs):
        context = real(self, request, *args, **kwargs)
        list(Unit.objects.all())
        Unit.objects.filter(pk=-1).update(name="x")
        return context

    monkeypatch.setattr(StandardPage, "get_context", with_a_write)
    for _ in range(3):
        assert client.get("/about/")["X-Cache"] == "pass"


def test_a_stored_page_lives_at_most_the_configured_time(client, about, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    cached_page(client, "/about/")
    time_machine.shift(59)
    assert client.get("/about/")["X-Cache"] == "hit"
    time_machine.shift(2)
    assert client.get("/about/")["X-Cache"] == "miss"
