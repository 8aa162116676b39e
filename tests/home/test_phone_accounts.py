"""Mobile numbers as a way in (allauth's phone support): sign up with a number
and an SMS code, log in by code or password, change the number, one account per
number, codes that expire, cannot be reused, are limited per number and per
address in the shared cache, and never reach the log."""

import logging

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from allauth.account.models import EmailAddress

from home.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NUMBER = "13812345678"
E164 = "+8613812345678"


@pytest.fixture(autouse=True)
def _fresh_allauth_counters():
    # allauth counts its rate limits in the cache under keys of its own.
    cache.clear()
    yield
    cache.clear()


def _signup(client, **data):
    payload = {"phone": "", "email": "", "password1": "", "password2": ""}
    payload.update(data)
    payload.setdefault("accept_policies", "on")
    return client.post(reverse("account_signup"), payload)


def _last_code(sms_outbox, to=E164):
    codes = [
        params["code"]
        for number, kind, params in sms_outbox
        if number == to and kind == "verification_code"
    ]
    assert codes, sms_outbox
    return codes[-1]


def test_signup_with_only_a_mobile_number_and_code(client, sms_outbox):
    response = _signup(client, phone="138 1234 5678", display_name="老张")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_verify_phone")
    user = User.objects.get(phone=E164)
    assert user.email is None
    assert not user.phone_verified
    assert not user.has_usable_password()
    code = _last_code(sms_outbox)

    page = client.get(reverse("account_verify_phone"))
    assert page.status_code == 200
    response = client.post(reverse("account_verify_phone"), {"code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert client.get(reverse("home:dashboard")).status_code == 200
    assert str(user) == "老张"


def test_second_number_only_account_does_not_collide_on_email(client, sms_outbox):
    _signup(client, phone=NUMBER)
    other = client.__class__()
    response = _signup(other, phone="13912345670")
    assert response.status_code == 302
    assert User.objects.filter(email__isnull=True).count() == 2


def test_email_signup_still_requires_email_verification(client, mailoutbox):
    response = _signup(
        client,
        email="li@example.cn",
        password1="a-long-enough-secret",
        password2="a-long-enough-secret",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="li@example.cn").verified


def test_signup_needs_a_number_or_an_address(client):
    response = _signup(client)
    assert response.status_code == 200
    assert "请填写手机号或邮箱以完成注册" in response.content.decode()
    assert not User.objects.exists()


def test_email_signup_without_password_is_refused(client):
    response = _signup(client, email="li@example.cn")
    assert response.status_code == 200
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "number", ["02012345678", "+12025550123", "1381234", "not a number"]
)
def test_only_mainland_mobile_numbers(client, sms_outbox, number):
    response = _signup(client, phone=number)
    assert response.status_code == 200
    assert "请输入11位中国大陆手机号" in response.content.decode()
    assert not User.objects.exists()
    assert sms_outbox == []


def test_signup_with_a_taken_number_looks_the_same(client, sms_outbox):
    owner = UserFactory(phone=E164, phone_verified=True)
    response = _signup(client, phone=NUMBER)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_verify_phone")
    page = client.get(reverse("account_verify_phone"))
    assert page.status_code == 200
    assert User.objects.filter(phone=E164).get() == owner
    # No code is sent to whoever typed the number; its owner is told by text.
    assert sms_outbox == [(E164, "notification", {"title": "此号码已注册，请直接登录"})]
    # Whatever the code, it does not let anyone in.
    client.post(reverse("account_verify_phone"), {"code": "000000"})
    assert "_auth_user_id" not in client.session


def _request_login_code(client, number=NUMBER):
    return client.post(reverse("account_request_login_code"), {"phone": number})


def test_log_in_by_code(client, sms_outbox):
    user = UserFactory(phone=E164, phone_verified=True)
    response = _request_login_code(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_confirm_login_code"))
    code = _last_code(sms_outbox)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_log_in_with_number_and_password(client):
    user = UserFactory(phone=E164, phone_verified=True)
    response = client.post(
        reverse("account_login"), {"login": NUMBER, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_code_cannot_be_reused(client, sms_outbox):
    UserFactory(phone=E164, phone_verified=True)
    _request_login_code(client)
    code = _last_code(sms_outbox)
    client.post(reverse("account_confirm_login_code"), {"code": code})
    client.logout()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302  # back to the login page: no process


def test_login_code_expires(client, sms_outbox):
    UserFactory(phone=E164, phone_verified=True)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _request_login_code(client)
        code = _last_code(sms_outbox)
        clock.shift(11 * 60)  # ACCOUNT_LOGIN_BY_CODE_TIMEOUT is ten minutes
        client.post(reverse("account_confirm_login_code"), {"code": code})
    assert "_auth_user_id" not in client.session


def test_signup_code_expires(client, sms_outbox):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _signup(client, phone=NUMBER)
        code = _last_code(sms_outbox)
        clock.shift(11 * 60)  # ACCOUNT_PHONE_VERIFICATION_TIMEOUT is ten minutes
        client.post(reverse("account_verify_phone"), {"code": code})
    assert not User.objects.get(phone=E164).phone_verified
    assert "_auth_user_id" not in client.session


def test_codes_limited_per_number(client, sms_outbox):
    UserFactory(phone=E164, phone_verified=True)
    _request_login_code(client)
    other = client.__class__()
    response = _request_login_code(other)  # the same number, a minute not passed
    assert response.status_code == 200
    assert len(sms_outbox) == 1


@override_settings(
    ACCOUNT_RATE_LIMITS={"request_login_code": "10/m/key,3/h/ip", "login": False}
)
def test_codes_limited_per_address(client, sms_outbox):
    for n in range(4):
        UserFactory(phone=f"+861391234560{n}", phone_verified=True)
    for n in range(3):
        client.__class__().post(
            reverse("account_request_login_code"), {"phone": f"1391234560{n}"}
        )
    assert len(sms_outbox) == 3
    response = client.post(
        reverse("account_request_login_code"), {"phone": "13912345603"}
    )
    assert response.status_code in (200, 429)
    assert len(sms_outbox) == 3


def test_change_phone_with_a_code(client, sms_outbox):
    user = UserFactory(phone="", phone_verified=False)
    client.force_login(user)
    response = client.post(reverse("account_change_phone"), {"phone": NUMBER})
    assert response.status_code == 302
    code = _last_code(sms_outbox)
    user.refresh_from_db()
    assert user.phone == ""  # only a confirmed code moves the number over
    response = client.post(reverse("account_verify_phone"), {"code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.phone, user.phone_verified) == (E164, True)


def test_change_to_a_taken_number_is_refused(client, sms_outbox):
    UserFactory(phone=E164, phone_verified=True)
    user = UserFactory(phone="", phone_verified=False)
    client.force_login(user)
    client.post(reverse("account_change_phone"), {"phone": NUMBER})
    client.post(reverse("account_verify_phone"), {"code": "000000"})
    user.refresh_from_db()
    assert user.phone == ""
    assert User.objects.filter(phone=E164).count() == 1


def test_codes_never_logged(client, sms_outbox, caplog):
    caplog.set_level(logging.DEBUG)
    _signup(client, phone=NUMBER)
    code = _last_code(sms_outbox)
    client.post(reverse("account_verify_phone"), {"code": code})
    assert code not in caplog.text


def test_unconfirmed_number_only_signup_is_deleted_after_30_days(client, sms_outbox):
    from datetime import timedelta

    from home.retention import accounts_unverified_delete

    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        _signup(client, phone=NUMBER)
        confirmed = client.__class__()
        _signup(confirmed, phone="13912345670")
        code = _last_code(sms_outbox, to="+8613912345670")
        confirmed.post(reverse("account_verify_phone"), {"code": code})
        User.objects.update(last_login=None)
    assert accounts_unverified_delete() == 1
    assert list(User.objects.values_list("phone", flat=True)) == ["+8613912345670"]
