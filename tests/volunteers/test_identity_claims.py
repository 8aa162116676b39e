"""Issue 11, "The ID number is an oracle": a registration with an ID number that
is already registered gets exactly the response of any other registration, an
identity claim that staff resolve in the admin (both people emailed), and the
rightful owner is unaffected. The hash uses CANYU_ID_HASH_KEY, not SECRET_KEY,
and ``rekey_id_hashes`` moves the hashes to a new key without the numbers."""

import re

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

import pytest

from home.exceptions import ServiceError
from home.models import District
from tests.factories import UserFactory, give_totp
from tests.volunteers.factories import VolunteerFactory
from volunteers.identity import id_check_character, id_number_tag, mask_id_number
from volunteers.models import IdentityClaim, Volunteer
from volunteers.services.registration import volunteer_approve

pytestmark = pytest.mark.django_db

REGISTER_URL = "/volunteers/register/"
OWNER_BODY, FRESH_BODY = "52010219800101123", "52010219800202456"
OWNER_ID = OWNER_BODY + id_check_character(OWNER_BODY)
FRESH_ID = FRESH_BODY + id_check_character(FRESH_BODY)


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner():
    """volunteer001: an approved volunteer who gave their ID number."""
    return VolunteerFactory(
        real_name="李业主",
        id_number_tag=id_number_tag(OWNER_ID),
        id_number_masked=mask_id_number(OWNER_ID),
    )


def form_data(id_number):
    return {
        "real_name": "王小明",
        "phone": "138 1234 5678",
        "id_number": id_number,
        "gender": "male",
        "birth_year": "1990",
        "district": District.objects.get(code="520102").pk,
        "community": "花果园社区",
        "categories": ["resident"],
        "code_of_conduct": "on",
        "sensitive_data_consent": "on",
    }


def _normalised(html: str, user) -> str:
    """The page without what differs between any two registrants anyway."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"csrf[^\"']*[\"'][^\"']+[\"']", "", html)
    html = html.replace(user.email, "EMAIL").replace(user.display_name, "NAME")
    # Each registers with the verified mobile number of their own account.
    html = html.replace(user.masked_phone, "PHONE")
    for number in (OWNER_ID, FRESH_ID):
        html = html.replace(mask_id_number(number), "MASKED")
    return html


def _register(client, id_number):
    user = UserFactory(email=f"{id_number[-6:]}@example.cn", display_name="新用户")
    client.force_login(user)
    response = client.post(REGISTER_URL, form_data(id_number))
    page = client.get(response.url)
    return user, response, page


def test_taken_id_gets_the_same_response_as_a_fresh_one(client, owner):
    fresh_user, fresh, fresh_page = _register(client, FRESH_ID)
    taken_user, taken, taken_page = _register(client, OWNER_ID)
    assert (
        (fresh.status_code, fresh.url)
        == (taken.status_code, taken.url)
        == (
            302,
            "/volunteers/me/",
        )
    )
    assert fresh_page.status_code == taken_page.status_code == 200
    assert _normalised(taken_page.text, taken_user) == _normalised(
        fresh_page.text, fresh_user
    )
    assert "已注册" not in taken_page.text
    # A claim row for staff; the owner is unchanged.
    claim = IdentityClaim.objects.get()
    assert claim.claimant.user == taken_user
    assert claim.holder == owner
    assert claim.status == IdentityClaim.Status.OPEN
    owner.refresh_from_db()
    assert owner.status == Volunteer.Status.ACTIVE
    assert owner.id_number_tag == id_number_tag(OWNER_ID)
    assert mail.outbox == []


def test_the_form_error_page_does_not_reveal_a_taken_id(client, owner):
    """An invalid form with a taken number shows only the invalid field."""
    client.force_login(UserFactory())
    data = form_data(OWNER_ID) | {"birth_year": "1800"}
    response = client.post(REGISTER_URL, data)
    assert response.status_code == 400
    assert "已注册为志愿者" not in response.text
    assert not IdentityClaim.objects.exists()


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True, display_name="孙员工")
    give_totp(staff)
    client.force_login(staff)
    return client


def _claim_by(_client, id_number=OWNER_ID):
    """A registration from another browser (the staff client stays signed in)."""
    user_client = Client()
    user = UserFactory()
    user_client.force_login(user)
    assert user_client.post(REGISTER_URL, form_data(id_number)).status_code == 302
    return IdentityClaim.objects.get(claimant__user=user)


def test_staff_uphold_the_owner_and_both_are_emailed(
    client, owner, staff_client, django_capture_on_commit_callbacks
):
    claim = _claim_by(client)
    listing = staff_client.get("/admin/identity-claims/")
    assert listing.status_code == 200
    assert "李业主" in listing.text
    page = staff_client.get(f"/admin/identity-claims/decide/{claim.pk}/")
    assert page.status_code == 200
    assert "李业主" in page.text and "王小明" in page.text
    # The claimant cannot be approved meanwhile.
    with pytest.raises(ServiceError):
        volunteer_approve(reviewer=UserFactory(is_staff=True), volunteer=claim.claimant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/identity-claims/decide/{claim.pk}/",
            {"decision": "holder", "reason": "业主出示了身份证原件。"},
        )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == IdentityClaim.Status.HOLDER
    assert claim.decided_by.display_name == "孙员工"
    assert claim.reason == "业主出示了身份证原件。"
    claimant = claim.claimant
    claimant.refresh_from_db()
    assert claimant.status == Volunteer.Status.REJECTED
    assert claimant.id_number_tag == ""
    owner.refresh_from_db()
    assert owner.status == Volunteer.Status.ACTIVE
    assert owner.id_number_tag == id_number_tag(OWNER_ID)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([owner.user.email, claimant.user.email])
    assert all("业主出示了身份证原件。" in message.body for message in mail.outbox)


def test_staff_uphold_the_claimant_who_registered_second(client, staff_client):
    """Someone registered the owner's number first (still pending): the owner's
    own registration is a claim, and staff give the number to the owner."""
    squatter = VolunteerFactory(
        status=Volunteer.Status.PENDING,
        green_ribbon_number=None,
        id_number_tag=id_number_tag(OWNER_ID),
    )
    claim = _claim_by(client)
    assert claim.holder == squatter
    with pytest.raises(ServiceError):
        volunteer_approve(reviewer=UserFactory(is_staff=True), volunteer=squatter)
    response = staff_client.post(
        f"/admin/identity-claims/decide/{claim.pk}/",
        {"decision": "claimant", "reason": "本人到服务点核验。"},
    )
    assert response.status_code == 302
    squatter.refresh_from_db()
    assert squatter.id_number_tag == ""
    approved = volunteer_approve(
        reviewer=UserFactory(is_staff=True), volunteer=claim.claimant
    )
    assert approved.status == Volunteer.Status.ACTIVE


def test_a_decision_needs_a_reason_and_staff(client, owner, staff_client):
    claim = _claim_by(client)
    response = staff_client.post(
        f"/admin/identity-claims/decide/{claim.pk}/", {"decision": "holder"}
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == IdentityClaim.Status.OPEN
    other = Client()
    other.force_login(owner.user)
    assert other.get("/admin/identity-claims/").status_code in (302, 403)


def test_the_hash_uses_its_own_key_not_the_secret_key(client, owner, settings):
    settings.SECRET_KEY = "a-rotated-django-secret-" + "x" * 40
    _claim_by(client)  # still found: SECRET_KEY plays no part
    settings.CANYU_ID_HASH_KEY = "another-id-hash-key-" + "y" * 20
    assert id_number_tag(OWNER_ID) != owner.id_number_tag


def test_rekey_command_moves_every_hash_to_the_new_key(owner, settings, monkeypatch):
    old_key = settings.CANYU_ID_HASH_KEY
    new_key = "the-new-id-hash-key-" + "z" * 30
    monkeypatch.setenv("CANYU_ID_HASH_KEY_OLD", old_key)
    settings.CANYU_ID_HASH_KEY = new_key
    assert id_number_tag(OWNER_ID) != Volunteer.objects.get().id_number_tag
    call_command("rekey_id_hashes", "--old-key-env", "CANYU_ID_HASH_KEY_OLD")
    owner.refresh_from_db()
    assert owner.id_number_tag == id_number_tag(OWNER_ID, key=new_key)
    assert owner.id_number_tag == id_number_tag(OWNER_ID)
