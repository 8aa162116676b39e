"""The app's sign-in (allauth headless, app client, /api/v1/auth/app/v1/): the
same rate limits and two-factor stage as the site's sign-in, and its session
token authenticates the API."""

from django.test import Client

import pytest

from tests.api.signin import AUTH, app_login, session_headers, totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(
        f"{AUTH}/auth/login",
        {"email": email, "password": password},
        content_type="application/json",
    )


def test_the_session_token_authenticates_the_api(resident):
    app = Client()
    signed_in = app_login(app, resident)
    assert signed_in.status_code == 200
    me = app.get("/api/v1/me/", **session_headers(signed_in))
    assert me.status_code == 200 and me.json()["id"] == resident.pk
    assert me.json()["token_scope"] is None
    assert Client().get("/api/v1/me/").status_code == 401


def test_failed_sign_ins_are_limited_as_on_the_site(resident):
    """ACCOUNT_RATE_LIMITS["login_failed"]: five wrong passwords per account,
    then even the right one is refused for a while."""
    app = Client()
    for _ in range(5):
        wrong = login(app, resident.email, "wrong")
        assert wrong.status_code == 400
        assert "too_many_login_attempts" not in wrong.text
    locked = app_login(app, resident)
    assert locked.status_code == 400
    assert "too_many_login_attempts" in locked.text
    assert "session_token" not in locked.text


def test_an_account_with_two_factor_must_give_its_code():
    user = UserFactory(two_factor=True)
    app = Client()
    first = login(app, user.email, "correct-horse-battery-staple")
    assert first.status_code == 401
    flows = {f["id"]: f for f in first.json()["data"]["flows"]}
    assert flows["mfa_authenticate"].get("is_pending") is True
    pending = {"HTTP_X_SESSION_TOKEN": first.json()["meta"]["session_token"]}
    # Half-signed-in is not signed in.
    assert app.get("/api/v1/me/", **pending).status_code == 401
    wrong = app.post(
        f"{AUTH}/auth/2fa/authenticate",
        {"code": "000000" if totp_code() != "000000" else "111111"},
        content_type="application/json",
        **pending,
    )
    assert wrong.status_code == 400
    assert app.get("/api/v1/me/", **pending).status_code == 401
    right = app.post(
        f"{AUTH}/auth/2fa/authenticate",
        {"code": totp_code()},
        content_type="application/json",
        **pending,
    )
    assert right.status_code == 200
    assert app.get("/api/v1/me/", **session_headers(right)).status_code == 200


def test_the_app_client_only(client):
    """No browser client: the website is the browser's way in."""
    assert client.get("/api/v1/auth/browser/v1/config/").status_code == 404
    assert client.get(f"{AUTH}/config").status_code == 200
