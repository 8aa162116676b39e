"""A resident on a phone-sized window reaches the API tokens page from /me/ by
clicking, creates a read-only token (shown once), and revokes it; the page has
no serious or critical axe-core violation, with the new token shown and after."""

import pytest

from home.models import PersonalAccessToken
from tests.e2e.helpers import axe_violations, log_in, screenshot, watched
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def phone_page(browser):
    """Phone-sized, CSP bypassed so that axe-core can be injected."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    page = watched(context.new_page())
    yield page
    context.close()


def test_a_resident_creates_and_revokes_a_token_on_a_phone(live_server, phone_page):
    page, base = phone_page, live_server.url
    resident = UserFactory(display_name="张三")
    log_in(page, base, resident.email)

    page.goto(base + "/me/")
    page.locator("nav.me-nav").get_by_role("link", name="账号与隐私").click()
    page.get_by_role("link", name="接口令牌").click()
    page.wait_for_load_state()
    assert page.url == base + "/me/account/tokens/"
    assert axe_violations(page) == []

    page.get_by_label("名称").fill("我的手机")
    page.get_by_label("只读", exact=True).check()
    page.get_by_role("button", name="创建令牌").click()
    page.wait_for_load_state()
    token = page.locator("#new-token").input_value()
    assert token.startswith("cyu_")
    row = PersonalAccessToken.objects.get(user=resident)
    assert row.scope == "read" and token.startswith(row.prefix)
    # The token fits the phone's width: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    screenshot(page, "api-tokens-phone")

    page.get_by_role("button", name="撤销令牌 我的手机").click()
    page.wait_for_load_state()
    assert "已撤销" in page.locator("main").inner_text()
    assert "cyu_" not in page.locator("#new-token").all_inner_texts().__str__()
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert page.csp_errors == []
