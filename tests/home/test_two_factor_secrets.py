"""Two-factor set-up, recovery codes and secrets at rest (issue 11, part 3):
setting up TOTP from a privileged screen leads back to it; a recovery code
signs in and unlocks the powers; TOTP secrets and recovery-code seeds are stored
encrypted (the database never holds the base32 secret), and the rows written
before encryption are encrypted by the migration and the command."""

import importlib
import time
from urllib.parse import urlencode

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from cryptography.fernet import Fernet

from home.models import UnitMembership
from tests.factories import (
    DEFAULT_PASSWORD,
    TEST_TOTP_SECRET,
    UnitMembershipFactory,
    give_totp,
)
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def stored_column(authenticator) -> str:
    """The authenticator's data as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk]
        )
        value = cursor.fetchone()[0]
    return value if isinstance(value, str) else str(value)


def sign_in(client, user):
    """Through allauth's login form."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


def open_setup(client, url):
    """allauth asks for the password again before adding an authenticator, then
    goes on to the set-up page (with its ``next``)."""
    response = client.get(url)
    if response.status_code == 302 and "reauthenticate" in response["Location"]:
        back = client.post(response["Location"], {"password": DEFAULT_PASSWORD})
        assert back["Location"] == url
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth remembers used TOTP codes in the cache, by user id."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def organiser_without(unit):
    return UnitMembershipFactory(
        unit=unit, role=UnitMembership.Role.ORGANISER, two_factor=False
    ).user


@pytest.fixture
def roster(activity_index, unit):
    activity = make_activity(activity_index, unit=unit)
    return reverse("volunteers:roster", kwargs={"page_id": activity.pk})


def test_setting_up_totp_from_a_privileged_screen_leads_back_to_it_encrypted(
    client, organiser_without, roster, clock_stands_still
):
    sign_in(client, organiser_without)
    setup = client.get(roster)["Location"]
    assert setup == f"{reverse('mfa_activate_totp')}?{urlencode({'next': roster})}"
    open_setup(client, setup)
    secret = client.session["mfa.totp.secret"]

    response = client.post(setup, {"code": current_code(secret)})

    # The recovery codes first, then the way back to the roster.
    codes_page = f"{reverse('mfa_view_recovery_codes')}?{urlencode({'next': roster})}"
    assert response["Location"] == codes_page
    page = client.get(codes_page).content.decode()
    assert f'href="{roster}"' in page
    assert "我已保存恢复码，继续" in page
    assert client.get(roster).status_code == 200
    # At rest: neither the TOTP secret nor the recovery-code seed in the clear.
    totp = Authenticator.objects.get(
        user=organiser_without, type=Authenticator.Type.TOTP
    )
    assert secret not in stored_column(totp)
    assert totp.data["secret"].startswith("fernet:")
    assert get_adapter().decrypt(totp.data["secret"]) == secret
    codes = Authenticator.objects.get(
        user=organiser_without, type=Authenticator.Type.RECOVERY_CODES
    )
    seed = get_adapter().decrypt(codes.data["seed"])
    assert seed not in stored_column(codes)


def test_a_next_to_another_site_is_not_followed(
    client, organiser_without, clock_stands_still
):
    sign_in(client, organiser_without)
    setup = f"{reverse('mfa_activate_totp')}?next=https://evil.example/"
    open_setup(client, setup)
    secret = client.session["mfa.totp.secret"]
    response = client.post(setup, {"code": current_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")


def test_a_secret_given_by_the_factories_is_stored_encrypted(organiser_without):
    totp = give_totp(organiser_without).instance
    assert TEST_TOTP_SECRET not in stored_column(totp)
    assert TOTP(totp).validate_code(current_code(TEST_TOTP_SECRET))


def test_signing_in_with_a_recovery_code_unlocks_the_powers(
    client, organiser_without, roster
):
    give_totp(organiser_without)
    code = RecoveryCodes.activate(organiser_without).get_unused_codes()[0]
    response = client.post(
        reverse("account_login"),
        {"login": organiser_without.email, "password": DEFAULT_PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(roster).status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_authenticate")
    page = client.get(roster)
    assert page.status_code == 200
    assert "/accounts/login/" not in page.get("Location", "")
    codes = Authenticator.objects.get(
        user=organiser_without, type=Authenticator.Type.RECOVERY_CODES
    ).wrap()
    assert code not in codes.get_unused_codes()  # a recovery code works once


def test_a_used_recovery_code_does_not_sign_in_again(client, organiser_without):
    give_totp(organiser_without)
    code = RecoveryCodes.activate(organiser_without).get_unused_codes()[0]
    credentials = {"login": organiser_without.email, "password": DEFAULT_PASSWORD}
    client.post(reverse("account_login"), credentials)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()
    client.post(reverse("account_login"), credentials)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def _clear_authenticator(user):
    """A row as written before encryption: the secret in the clear."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": TEST_TOTP_SECRET}
    )


def test_the_command_encrypts_secrets_stored_in_the_clear(organiser_without):
    authenticator = _clear_authenticator(organiser_without)
    assert TEST_TOTP_SECRET in stored_column(authenticator)

    call_command("encrypt_mfa_secrets", verbosity=0)

    authenticator.refresh_from_db()
    assert TEST_TOTP_SECRET not in stored_column(authenticator)
    assert TOTP(authenticator).validate_code(current_code(TEST_TOTP_SECRET))
    before = authenticator.data
    call_command("encrypt_mfa_secrets", verbosity=0)  # twice changes nothing
    authenticator.refresh_from_db()
    assert authenticator.data == before


def test_the_migration_encrypts_secrets_stored_in_the_clear(organiser_without):
    authenticator = _clear_authenticator(organiser_without)
    migration = importlib.import_module("home.migrations.0008_encrypt_mfa_secrets")

    migration.encrypt_stored(apps, None)

    authenticator.refresh_from_db()
    assert TEST_TOTP_SECRET not in stored_column(authenticator)
    assert get_adapter().decrypt(authenticator.data["secret"]) == TEST_TOTP_SECRET


def test_rotating_the_key_re_encrypts_every_secret(organiser_without, settings):
    authenticator = give_totp(organiser_without).instance
    old_key = settings.CANYU_MFA_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.CANYU_MFA_KEYS = [new_key, old_key]

    call_command("encrypt_mfa_secrets", rotate=True, verbosity=0)

    settings.CANYU_MFA_KEYS = [new_key]  # the old key retired
    authenticator.refresh_from_db()
    assert get_adapter().decrypt(authenticator.data["secret"]) == TEST_TOTP_SECRET
