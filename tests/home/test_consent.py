"""Consent, recorded: sign-up accepts the current privacy policy and terms, the
volunteer registration asks a separate consent for sensitive information, and a
policy change asks signed-in people again on their next visit."""

import datetime

from django.utils import timezone

import pytest

from home.consent.services import consent_accept_current, consent_accept_pending
from home.exceptions import ServiceError
from home.models import ConsentRecord, District, PolicyVersion, User
from tests.clock import at, shanghai
from tests.factories import UserFactory, give_totp
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

Kind = PolicyVersion.Kind
Method = ConsentRecord.Method
TODAY = datetime.date(2026, 11, 20)
SIGNUP_URL = "/accounts/signup/"
PASSWORD = "lvsidai-2026-guiyang"


def version(kind, label, effective_on, **fields):
    return PolicyVersion.objects.create(
        kind=kind,
        version=label,
        effective_on=effective_on,
        url=f"https://canyu.example.cn/{kind}/{label}/",
        **fields,
    )


@pytest.fixture(autouse=True)
def _today():
    with at(shanghai(2026, 11, 20, 10)):
        yield


@pytest.fixture
def policies():
    """Privacy 2026-01 (old) and 2026-06 (current), terms 1.0, the volunteers'
    rules 1.0, and a privacy 2027-01 not yet in effect."""
    return {
        "old_privacy": version(Kind.PRIVACY, "2026-01", datetime.date(2026, 1, 1)),
        "privacy": version(Kind.PRIVACY, "2026-06", datetime.date(2026, 6, 1)),
        "terms": version(Kind.TERMS, "1.0", datetime.date(2026, 1, 1)),
        "sensitive": version(
            Kind.VOLUNTEER_SENSITIVE, "1.0", datetime.date(2026, 1, 1)
        ),
        "future": version(Kind.PRIVACY, "2027-01", datetime.date(2027, 1, 1)),
    }


def signup_data(**overrides):
    data = {
        "display_name": "刘新人",
        "email": "newcomer@example.cn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_policies": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def accepted(user) -> set[tuple[str, str, str]]:
    return {
        (r.policy_version.kind, r.policy_version.version, r.method)
        for r in ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True)
    }


def test_signup_page_links_the_current_policies(client, policies):
    page = client.get(SIGNUP_URL).content.decode()
    assert 'name="accept_policies"' in page
    assert "https://canyu.example.cn/privacy/2026-06/" in page
    assert "https://canyu.example.cn/terms/1.0/" in page
    assert "2027-01" not in page


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "勾选"),
        ("/en", "Tick the box to accept the privacy policy and the terms of use"),
    ],
)
def test_signup_without_the_box_is_refused_and_creates_nothing(
    client, policies, prefix, message
):
    response = client.post(prefix + SIGNUP_URL, signup_data(accept_policies=None))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="newcomer@example.cn").exists()
    assert not ConsentRecord.objects.exists()


def test_signup_records_the_versions_in_effect_with_the_time(client, policies):
    response = client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.cn")
    assert accepted(user) == {
        (Kind.PRIVACY, "2026-06", Method.SIGNUP),
        (Kind.TERMS, "1.0", Method.SIGNUP),
    }
    record = ConsentRecord.objects.filter(user=user).first()
    assert record.accepted_at == shanghai(2026, 11, 20, 10)


def test_signup_without_any_policy_set_up_still_needs_the_box(client):
    refused = client.post(SIGNUP_URL, signup_data(accept_policies=None))
    assert refused.status_code == 200
    assert not User.objects.exists()
    assert client.post(SIGNUP_URL, signup_data()).status_code == 302
    assert User.objects.filter(email="newcomer@example.cn").exists()


def registration_data(**overrides):
    data = {
        "real_name": "王小明",
        "phone": "138 1234 5678",
        "gender": "male",
        "birth_year": "1990",
        "district": District.objects.get(code="520102").pk,
        "community": "花果园社区",
        "categories": ["resident"],
        "code_of_conduct": "on",
        "sensitive_data_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_volunteer_registration_asks_a_separate_consent(
    resident_client, resident, agreed, policies
):
    page = resident_client.get("/en/volunteers/register/").content.decode()
    assert 'name="sensitive_data_consent"' in page
    assert "https://canyu.example.cn/volunteer_sensitive/1.0/" in page

    refused = resident_client.post(
        "/en/volunteers/register/", registration_data(sensitive_data_consent=None)
    )
    assert refused.status_code == 400
    assert "Give your separate consent" in refused.content.decode()
    assert not Volunteer.objects.exists()
    assert not ConsentRecord.objects.filter(
        user=resident, policy_version__kind=Kind.VOLUNTEER_SENSITIVE
    ).exists()

    zh = resident_client.post(
        "/volunteers/register/", registration_data(sensitive_data_consent=None)
    )
    assert "单独同意" in zh.content.decode()

    done = resident_client.post("/volunteers/register/", registration_data())
    assert done.status_code == 302
    assert Volunteer.objects.filter(user=resident).exists()
    record = ConsentRecord.objects.get(
        user=resident, policy_version__kind=Kind.VOLUNTEER_SENSITIVE
    )
    assert record.policy_version == policies["sensitive"]
    assert record.method == Method.REGISTRATION
    assert record.accepted_at == shanghai(2026, 11, 20, 10)


@pytest.fixture
def agreed(resident, policies):
    """The resident accepted the current privacy policy and terms at sign-up."""
    consent_accept_current(
        user=resident, kinds=[Kind.PRIVACY, Kind.TERMS], method=Method.SIGNUP
    )
    return resident


def test_nobody_is_asked_while_nothing_changed(resident_client, agreed):
    assert resident_client.get("/me/").status_code == 200


def test_nothing_is_asked_when_no_policy_is_set_up(resident_client):
    assert resident_client.get("/me/").status_code == 200


def test_a_policy_change_is_asked_on_the_next_visit_and_recorded(
    resident_client, agreed
):
    assert resident_client.get("/me/").status_code == 200
    new = version(
        Kind.PRIVACY,
        "2026-11",
        TODAY,
        summary="新增“下载我的数据”和“注销账号”的说明。",
    )
    response = resident_client.get("/me/")
    assert response.status_code == 302
    assert response["Location"] == "/me/consent/?next=%2Fme%2F"

    page = resident_client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert "新增“下载我的数据”和“注销账号”的说明。" in text
    assert "2026-11" in text
    assert "/me/close-account/" in text

    not_ticked = resident_client.post(
        "/me/consent/", {"versions": str(new.pk), "next": "/me/"}
    )
    assert not_ticked.status_code == 400
    assert not ConsentRecord.objects.filter(policy_version=new).exists()

    done = resident_client.post(
        "/me/consent/", {"versions": str(new.pk), "accept": "on", "next": "/me/"}
    )
    assert done.status_code == 302
    assert done["Location"] == "/me/"
    record = ConsentRecord.objects.get(user=agreed, policy_version=new)
    assert record.method == Method.REASK
    assert record.accepted_at == timezone.now()
    assert resident_client.get("/me/").status_code == 200
    # The account page lists what was accepted.
    assert "2026-11" in resident_client.get("/me/account/").content.decode()


def test_a_version_is_asked_only_from_its_effective_date(resident_client, agreed):
    version(Kind.TERMS, "2.0", TODAY + datetime.timedelta(days=1))
    assert resident_client.get("/me/").status_code == 200
    with at(shanghai(2026, 11, 21, 0, 5)):
        assert resident_client.get("/me/").status_code == 302


def test_what_the_redirect_leaves_alone(client, resident, agreed):
    client.force_login(resident)
    version(Kind.TERMS, "2.0", TODAY)
    # Account pages, fetches, posts and the policy itself stay reachable.
    assert client.get("/accounts/password/change/").status_code == 200
    assert client.get("/me/", headers={"accept": "application/json"}).status_code == 200
    assert client.get("/en/me/").status_code == 302
    assert client.get("/en/me/consent/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/me/").status_code == 302  # signed out: to the login


def test_an_unsafe_next_is_not_followed(resident_client, agreed):
    new = version(Kind.TERMS, "2.0", TODAY)
    response = resident_client.post(
        "/me/consent/",
        {"versions": str(new.pk), "accept": "on", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/me/"


def test_a_version_that_came_into_effect_while_reading_is_shown_first(
    resident_client, agreed
):
    shown = version(Kind.TERMS, "2.0", TODAY)
    newer = version(Kind.PRIVACY, "2026-11", TODAY)
    with pytest.raises(ServiceError):
        consent_accept_pending(user=agreed, shown_ids=[shown.pk])
    response = resident_client.post(
        "/me/consent/", {"versions": str(shown.pk), "accept": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/consent/"
    assert not ConsentRecord.objects.filter(policy_version=shown).exists()
    consent_accept_pending(user=agreed, shown_ids=[shown.pk, newer.pk])
    consent_accept_pending(user=agreed, shown_ids=[])  # twice: nothing more
    assert ConsentRecord.objects.filter(user=agreed, method=Method.REASK).count() == 2


def test_only_volunteers_are_asked_again_about_sensitive_information(client, policies):
    plain = UserFactory()
    volunteer = UserFactory()
    for user in (plain, volunteer):
        consent_accept_current(
            user=user, kinds=[Kind.PRIVACY, Kind.TERMS], method=Method.SIGNUP
        )
    consent_accept_current(
        user=volunteer, kinds=[Kind.VOLUNTEER_SENSITIVE], method=Method.REGISTRATION
    )
    version(Kind.VOLUNTEER_SENSITIVE, "2.0", TODAY)
    client.force_login(plain)
    assert client.get("/me/").status_code == 200
    client.force_login(volunteer)
    assert client.get("/me/").status_code == 302


def test_staff_publish_versions_in_the_admin(client, policies):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    consent_accept_current(
        user=staff, kinds=[Kind.PRIVACY, Kind.TERMS], method=Method.SIGNUP
    )
    client.force_login(staff)
    listing = client.get("/admin/policy-versions/")
    assert listing.status_code == 200
    assert "2026-06" in listing.content.decode()
    response = client.post(
        "/admin/policy-versions/new/",
        {
            "kind": Kind.TERMS,
            "version": "3.0",
            "effective_on": "2026-12-01",
            "url": "https://canyu.example.cn/terms/3.0/",
            "summary": "",
        },
    )
    assert response.status_code == 302
    assert PolicyVersion.objects.filter(kind=Kind.TERMS, version="3.0").exists()
    records = client.get("/admin/consent-records/")
    assert records.status_code == 200
    assert staff.email in records.content.decode()
