"""A new user, on a phone-sized window: signs up, gets the verification email
(through the outbox and the background task), verifies, logs in, sets up TOTP,
logs out and resets the password — in Chinese and in English."""

import re
import time

from django.core import mail

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from home.models import User
from tests.e2e.helpers import screenshot, totp_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = {
    "": {"signup": "注册", "login": "登录", "logout": "退出"},
    "/en": {"signup": "Sign up", "login": "Sign in", "logout": "Sign out"},
}


def totp_now(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def last_link(address, count=1):
    """The link in the newest email to ``address``, once ``count`` have arrived
    (they are delivered by the background worker, so wait for them)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        messages = [m for m in mail.outbox if address in m.to]
        if len(messages) >= count:
            return re.search(r"https?://[^\s]+", messages[-1].body).group(0)
        time.sleep(0.2)
    raise AssertionError(f"no email #{count} for {address} within 30 s")


def submit(page):
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_account_lifecycle_in_the_browser(live_server, page, prefix, real_worker):
    base = live_server.url + prefix
    email = f"lifecycle{prefix.strip('/') or 'zh'}@example.cn"
    password = "lvsidai-guiyang-2026"

    page.goto(base + "/accounts/signup/")
    page.get_by_label(re.compile("显示名称|Display name")).fill("陈志愿")
    page.get_by_label(re.compile("电子邮|Email", re.I)).fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.locator("input[name=accept_policies]").check()
    screenshot(page, f"signup{prefix.replace('/', '-')}")
    submit(page)
    assert "confirm-email" in page.url

    # The verification email was queued in the outbox and delivered by the worker.
    link = last_link(email)
    page.goto(link.replace("http://testserver", live_server.url))
    submit(page)
    assert User.objects.get(email=email).emailaddress_set.get().verified

    # Log out, log in again.
    page.goto(base + "/accounts/logout/")
    submit(page)
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit(page)
    page.goto(base + "/me/")
    assert "陈志愿" in page.content()

    # Two-factor: confirm the password, read the secret, enter a code.
    page.goto(base + "/accounts/2fa/totp/activate/")
    if "reauthenticate" in page.url:
        page.locator("input[name=password]").fill(password)
        submit(page)
    secret = page.locator("input[name=secret], #id_secret, [data-secret]").first
    if secret.count():
        secret_value = secret.input_value() or secret.get_attribute("data-secret")
    else:
        secret_value = re.search(r"\b[A-Z2-7]{32}\b", page.content()).group(0)
    page.locator("input[name=code]").fill(totp_now(secret_value))
    screenshot(page, f"totp{prefix.replace('/', '-')}")
    submit(page)
    assert User.objects.get(email=email).authenticator_set.filter(type="totp").exists()

    # Log out; forgot the password; reset it from the emailed link.
    page.goto(base + "/accounts/logout/")
    submit(page)
    page.goto(base + "/accounts/password/reset/")
    page.locator("input[name=email]").fill(email)
    submit(page)
    page.goto(last_link(email, count=2).replace("http://testserver", live_server.url))
    new_password = "new-lvsidai-guiyang-2026"
    page.locator("input[name=password1]").fill(new_password)
    page.locator("input[name=password2]").fill(new_password)
    submit(page)
    user = User.objects.get(email=email)
    assert user.check_password(new_password)

    # Log in with the new password and the TOTP code.
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(new_password)
    submit(page)
    assert "2fa/authenticate" in page.url
    # The code that activated TOTP may still be current: used once, refused.
    page.locator("input[name=code]").fill(totp_code(secret_value, email))
    submit(page)
    page.goto(base + "/me/")
    assert "/me/" in page.url
    assert "陈志愿" in page.content()
