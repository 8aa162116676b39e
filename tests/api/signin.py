"""Signing in to the API as the mobile app does: allauth headless, app client
(/api/v1/auth/app/v1/…), a session token in ``X-Session-Token``."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import DEFAULT_PASSWORD, TEST_TOTP_SECRET

AUTH = "/api/v1/auth/app/v1"


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def app_login(client, user, *, password=DEFAULT_PASSWORD, totp=True):
    """Signs ``user`` in with email and password, and the authenticator app's
    code when asked for it; returns the last response (its JSON has
    ``meta.session_token`` once signed in)."""
    response = client.post(
        f"{AUTH}/auth/login",
        {"email": user.email, "password": password},
        content_type="application/json",
    )
    body = response.json()
    pending = [
        flow["id"]
        for flow in body.get("data", {}).get("flows", [])
        if flow.get("is_pending")
    ]
    if response.status_code == 401 and pending == ["mfa_authenticate"] and totp:
        response = client.post(
            f"{AUTH}/auth/2fa/authenticate",
            {"code": totp_code()},
            content_type="application/json",
            HTTP_X_SESSION_TOKEN=body["meta"]["session_token"],
        )
    return response


def session_headers(response) -> dict:
    return {"HTTP_X_SESSION_TOKEN": response.json()["meta"]["session_token"]}
