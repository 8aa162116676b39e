"""Accounts through allauth: sign-up with email verification (delivered through the
outbox), login by email, rate limits, password reset, TOTP, and the admin logins."""

import re
import time

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    hotp_value,
)

from home.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def link_in(message) -> str:
    return re.search(r"https?://[^\s]+", message.body).group(0)


def current_totp(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login(client, email, password=DEFAULT_PASSWORD, prefix=""):
    return client.post(
        f"{prefix}{reverse('account_login')}", {"login": email, "password": password}
    )


@pytest.mark.parametrize(
    ("prefix", "expected_subject_word"), [("", "请确认"), ("/en", "Confirm")]
)
def test_sign_up_verify_and_log_in(
    client, django_capture_on_commit_callbacks, prefix, expected_subject_word
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{prefix}/accounts/signup/",
            {
                "display_name": "刘新人",
                "email": "newcomer@example.cn",
                "password1": "lvsidai-2026-guiyang",
                "password2": "lvsidai-2026-guiyang",
                "accept_policies": "on",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.cn")
    assert user.display_name == "刘新人"
    # Not verified yet: the dashboard is out of reach.
    assert client.get(reverse("home:dashboard")).status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "newcomer@example.cn" in message.to
    assert expected_subject_word.lower() in message.subject.lower()
    confirm_url = link_in(message)
    path = re.sub(r"^https?://[^/]+", "", confirm_url)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = login(client, "newcomer@example.cn", "lvsidai-2026-guiyang")
    assert response.status_code == 302
    page = client.get(reverse("home:dashboard"))
    assert page.status_code == 200
    assert "刘新人" in page.content.decode()


def test_unverified_user_cannot_log_in(client):
    UserFactory(email="pending@example.cn", verified=False)
    response = login(client, "pending@example.cn")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]


def test_wrong_passwords_are_rate_limited_with_a_clear_message(client):
    UserFactory(email="target@example.cn")
    for _attempt in range(5):
        response = login(client, "target@example.cn", "wrong-password")
        assert response.status_code == 200
    response = login(client, "target@example.cn", "wrong-password")
    text = response.content.decode()
    assert "登录失败次数过多" in text or "Too many failed login attempts" in text
    # Even the right password is refused while the limit holds.
    response = login(client, "target@example.cn")
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, django_capture_on_commit_callbacks):
    UserFactory(email="forgetful@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"), {"email": "forgetful@example.cn"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.sub(r"^https?://[^/]+", "", link_in(mail.outbox[0]))
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_path,
        {"password1": "new-secret-guiyang-9", "password2": "new-secret-guiyang-9"},
    )
    assert response.status_code == 302
    client.logout()
    login(client, "forgetful@example.cn", "new-secret-guiyang-9")
    assert "_auth_user_id" in client.session


def test_admin_login_pages_redirect_to_allauth(client):
    for path in ("/admin/login/", "/django-admin/login/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_without_two_factor_is_asked_to_set_it_up(client):
    UserFactory(
        email="staff@example.cn", is_staff=True, is_superuser=True, two_factor=False
    )
    login(client, "staff@example.cn")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))

    # Setting up TOTP (after confirming the password once more) opens the admin.
    setup_url = response["Location"]
    response = client.get(setup_url)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    assert client.get(setup_url).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_login_with_totp_asks_for_the_code(client):
    user = UserFactory(email="careful@example.cn")
    login(client, "careful@example.cn")
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    client.post(reverse("mfa_activate_totp"), {"code": current_totp(secret)})
    assert Authenticator.objects.filter(user=user).exists()
    client.post(reverse("account_logout"))

    response = login(client, "careful@example.cn")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": current_totp(secret)})
    assert "_auth_user_id" in client.session


def test_a_totp_code_is_good_once(client):
    """Someone who saw a code typed (over a shoulder, in a screen recording)
    cannot sign in with it again within its 30 seconds."""
    user = UserFactory(email="watched@example.cn")
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
    TOTP.activate(user, secret)
    if 30 - time.time() % 30 < 3:  # not a code about to expire
        time.sleep(3)
    code = current_totp(secret)
    login(client, "watched@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_logout"))

    login(client, "watched@example.cn")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200  # the form again, with its message


def test_account_pages_render_in_chinese_and_english(client):
    chinese = (
        client.get("/accounts/login/").content.decode().replace("zh-Hans", "zh-hans")
    )
    english = client.get("/en/accounts/login/").content.decode()
    assert 'lang="zh-hans"' in chinese
    assert "登录" in chinese
    assert 'lang="en"' in english
    assert "Sign In" in english or "Sign in" in english
