"""Personal access tokens: the page /me/account/tokens/ over HTTP, stored as a
digest and shown once, Bearer authentication, revocation, expiry, scopes, and
the two-factor rule for write tokens of privileged accounts."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from home.api_tokens import services
from home.models import PersonalAccessToken, UnitMembership
from tests.clock import at
from tests.factories import UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKENS = "/me/account/tokens/"


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def make_token(user, scope="write", **kwargs) -> str:
    return services.api_token_create(user=user, name="t", scope=scope, **kwargs)[1]


def test_the_tokens_page_is_reached_from_the_account_page(resident_client):
    account = resident_client.get(reverse("home:account_settings"))
    assert f'href="{TOKENS}"' in account.content.decode()
    page = resident_client.get(TOKENS)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(TOKENS)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_token_is_shown_once_and_stored_as_a_digest(resident_client, resident):
    response = resident_client.post(
        TOKENS, {"name": "我的手机", "scope": "read", "expires": "30"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'value="(cyu_[^"]+)"', html).group(1)
    row = PersonalAccessToken.objects.get(user=resident)
    assert row.name == "我的手机" and row.scope == "read"
    assert row.digest == services.token_digest(token)
    assert token not in {row.digest, row.prefix}
    assert token.startswith(row.prefix)
    assert row.expires_at is not None
    # The list shows its first characters, never the token again.
    again = resident_client.get(TOKENS).content.decode()
    assert token not in again and row.prefix in again


def test_the_token_works_until_it_is_revoked_on_the_page(
    client, resident_client, resident
):
    token = make_token(resident, scope="read")
    assert client.get("/api/v1/me/", **bearer(token)).json()["id"] == resident.pk
    row = PersonalAccessToken.objects.get(user=resident)
    assert row.last_used_at is not None

    revoked = resident_client.post(reverse("home:api_token_revoke", args=[row.pk]))
    assert revoked.status_code == 302
    response = client.get("/api/v1/me/", **bearer(token))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_persons_token(client, resident):
    other = UserFactory()
    token = make_token(other)
    row = PersonalAccessToken.objects.get(user=other)
    client.force_login(resident)
    client.post(reverse("home:api_token_revoke", args=[row.pk]))
    row.refresh_from_db()
    assert row.revoked_at is None
    assert client.get("/api/v1/me/", **bearer(token)).json()["id"] == other.pk


def test_an_expired_token_is_refused(client, resident):
    token = make_token(resident, expires_at=timezone.now() + timedelta(days=30))
    assert client.get("/api/v1/me/", **bearer(token)).status_code == 200
    with at(timezone.now() + timedelta(days=31)):
        assert client.get("/api/v1/me/", **bearer(token)).status_code == 401


def test_unknown_and_malformed_tokens_are_refused(client, resident):
    make_token(resident)
    for header in ("Bearer cyu_not-a-token", "Bearer", "Bearer a b", "Bearer xyz"):
        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header


def test_a_deactivated_account_s_token_is_refused(client, resident):
    token = make_token(resident)
    resident.is_active = False
    resident.save(update_fields=["is_active"])
    assert client.get("/api/v1/me/", **bearer(token)).status_code == 401


def test_a_read_only_token_reads_but_never_writes(client, resident):
    token = make_token(resident, scope="read")
    assert client.get("/api/v1/me/follows/", **bearer(token)).status_code == 200
    response = client.post(
        "/api/v1/me/signups/",
        {"shift": 1},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 403
    assert "只读" in response.json()["detail"]  # read-only


def test_a_token_writes_without_a_csrf_token(client, resident):
    """A bearer token is not a cookie: no CSRF check (the site session is)."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    token = make_token(resident)
    response = strict.delete("/api/v1/me/consultations/999/follow/", **bearer(token))
    assert response.status_code == 404


def test_a_privileged_account_needs_two_factor_for_a_write_token(client, unit):
    member = UserFactory()
    UnitMembershipFactory(
        unit=unit, user=member, role=UnitMembership.Role.ORGANISER, two_factor=False
    )
    client.force_login(member)
    page = client.get(TOKENS).content.decode()
    assert "two-factor" in page.lower() or "双重" in page or "两步" in page
    refused = client.post(TOKENS, {"name": "x", "scope": "write", "expires": "30"})
    assert refused.status_code == 400
    assert not PersonalAccessToken.objects.filter(user=member).exists()
    # A read-only token is no privileged power.
    allowed = client.post(TOKENS, {"name": "x", "scope": "read", "expires": "30"})
    assert allowed.status_code == 200
    assert PersonalAccessToken.objects.filter(user=member, scope="read").count() == 1


def test_with_two_factor_a_privileged_account_gets_a_write_token(client, unit):
    member = UserFactory()
    UnitMembershipFactory(unit=unit, user=member, role=UnitMembership.Role.ORGANISER)
    client.force_login(member)
    response = client.post(TOKENS, {"name": "x", "scope": "write", "expires": ""})
    assert response.status_code == 200
    row = PersonalAccessToken.objects.get(user=member)
    assert row.scope == "write" and row.expires_at is None


def test_creating_tokens_is_rate_limited(resident_client, resident, settings):
    settings.CANYU_RATE_LIMITS = {
        **settings.CANYU_RATE_LIMITS,
        "api_token_create": {"user": "2/h"},
    }
    for _ in range(2):
        ok = resident_client.post(TOKENS, {"name": "x", "scope": "read"})
        assert ok.status_code == 200
    refused = resident_client.post(TOKENS, {"name": "x", "scope": "read"})
    assert refused.status_code == 400
    assert PersonalAccessToken.objects.filter(user=resident).count() == 2


def test_the_tokens_page_lists_with_a_fixed_number_of_queries(
    resident_client, resident, django_assert_max_num_queries
):
    for number in range(15):
        PersonalAccessToken.objects.create(
            user=resident,
            name=f"t{number}",
            prefix=f"cyu_{number:06d}",
            digest=f"{number:064d}",
        )
    with django_assert_max_num_queries(25):
        response = resident_client.get(TOKENS)
    assert response.content.decode().count("cyu_") >= 15
