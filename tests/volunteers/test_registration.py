"""Registering as a volunteer, the review (approve, reject, suspend) and the
volunteer's own page."""

import re

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

import pytest

from home.exceptions import ServiceError
from home.models import District, UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory
from volunteers.identity import id_check_character
from volunteers.models import IdentityClaim, Team, TeamMembership, Volunteer
from volunteers.services.registration import (
    volunteer_approve,
    volunteer_reinstate,
    volunteer_reject,
    volunteer_suspend,
)

pytestmark = pytest.mark.django_db

REGISTER_URL = "/volunteers/register/"
REGISTER_URL_EN = "/en/volunteers/register/"


def valid_id(body: str = "52010219900101123") -> str:
    return body + id_check_character(body)


def form_data(**overrides):
    data = {
        "real_name": "王小明",
        "phone": "138 1234 5678",
        "id_number": valid_id(),
        "gender": "male",
        "birth_year": "1990",
        "district": District.objects.get(code="520102").pk,
        "community": "花果园社区",
        "categories": ["resident", "retired"],
        "skills": "急救",
        "availability": "周末",
        "code_of_conduct": "on",
        "sensitive_data_consent": "on",
    }
    data.update(overrides)
    return data


def pending(**extra):
    extra.setdefault("status", Volunteer.Status.PENDING)
    extra.setdefault("green_ribbon_number", None)
    return VolunteerFactory(**extra)


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, display_name="孙审核")


# Registration -------------------------------------------------------------------


def test_register_url():
    assert reverse("volunteers:register") == REGISTER_URL


def test_registration_creates_pending_volunteer(resident_client, resident):
    response = resident_client.post(REGISTER_URL, form_data())
    assert response.status_code == 302
    assert response.url == reverse("volunteers:profile")
    volunteer = Volunteer.objects.get(user=resident)
    assert volunteer.status == Volunteer.Status.PENDING
    assert volunteer.phone == "+8613812345678"
    assert volunteer.categories == ["retired", "resident"]
    assert volunteer.id_number_masked == "5201**********" + valid_id()[-4:]
    assert len(volunteer.id_number_tag) == 512
    assert volunteer.green_ribbon_number is None
    # The whole number is stored nowhere.
    row = Volunteer.objects.filter(pk=volunteer.pk).values().get()
    assert valid_id() not in str(row)

    page = resident_client.get(reverse("volunteers:profile"))
    assert "138****5678" in page.content.decode()
    assert valid_id() not in page.content.decode()


def test_registration_uses_the_verified_account_phone(resident_client, resident):
    page = resident_client.get(REGISTER_URL).content.decode()
    assert 'value="13812345678"' in page and "disabled" in page
    # A number typed over it is not the one registered.
    resident_client.post(REGISTER_URL, form_data(phone="13900001111"))
    assert Volunteer.objects.get(user=resident).phone == "+8613812345678"


def test_registration_needs_a_verified_phone(client):
    user = UserFactory(phone="+8613812345678", phone_verified=False)
    client.force_login(user)
    page = client.get(REGISTER_URL)
    assert page.status_code == 403
    assert "添加或验证我的手机号" in page.content.decode()
    client.post(REGISTER_URL, form_data())
    assert not Volunteer.objects.exists()


def test_registration_form_shows_code_of_conduct(resident_client):
    response = resident_client.get(REGISTER_URL)
    assert response.status_code == 200
    assert "code_of_conduct" in response.content.decode()


def test_registration_with_team_asks_to_join(resident_client, resident, unit):
    team = Team.objects.create(
        name="花果园志愿服务队", slug="hgy", unit=unit, district=unit.district
    )
    resident_client.post(REGISTER_URL, form_data(team=team.pk))
    membership = TeamMembership.objects.get(volunteer__user=resident)
    assert membership.team == team
    assert membership.status == TeamMembership.Status.PENDING


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "52010219900101123", "18 characters"),
        (
            "id_number",
            valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1"),
            "check character",
        ),
        ("id_number", "520102199002301234", "not a real date"),
        ("birth_year", str(timezone.localdate().year - 5), "at least 14 years old"),
        ("birth_year", "1850", "between 1920"),
        ("birth_year", "abcd", "four digits"),
        ("categories", [], "at least one category"),
        ("code_of_conduct", "", "Accept the code of conduct"),
    ],
)
def test_registration_refuses_invalid_values(resident_client, field, value, message):
    data = form_data(**{field: value})
    response = resident_client.post(REGISTER_URL_EN, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Volunteer.objects.exists()
    # The typed values are kept.
    assert "王小明" in response.content.decode()


def test_second_registration_with_same_id_becomes_a_claim(client):
    """Issue 11: a taken ID number is no longer refused with a message that
    reveals it; the registration waits, with an identity claim for staff."""
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    assert client.post(REGISTER_URL, form_data()).status_code == 302
    client.force_login(second)
    response = client.post(
        REGISTER_URL_EN, form_data(id_number=valid_id().lower() + " ")
    )
    assert response.status_code == 302
    assert Volunteer.objects.count() == 2
    claim = IdentityClaim.objects.get()
    assert (claim.claimant.user, claim.holder.user) == (second, first)


def test_registration_without_id_number(resident_client, resident):
    assert (
        resident_client.post(REGISTER_URL, form_data(id_number="")).status_code == 302
    )
    volunteer = Volunteer.objects.get(user=resident)
    assert volunteer.id_number_tag == volunteer.id_number_masked == ""


def test_unverified_email_cannot_register(client):
    user = UserFactory(verified=False)
    client.force_login(user)
    response = client.post(REGISTER_URL_EN, form_data())
    assert response.status_code == 403
    assert "Verify your email address" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_one_registration_per_user(resident_client, resident):
    resident_client.post(REGISTER_URL, form_data())
    response = resident_client.post(REGISTER_URL, form_data(id_number=""))
    assert response.status_code == 302
    assert Volunteer.objects.filter(user=resident).count() == 1


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(REGISTER_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


# Review -------------------------------------------------------------------------


def test_approve_assigns_number_and_emails(staff, django_capture_on_commit_callbacks):
    volunteer = pending(real_name="刘新人")
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_approve(reviewer=staff, volunteer=volunteer)
    volunteer.refresh_from_db()
    year = timezone.localdate().year
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert volunteer.green_ribbon_number.startswith(f"GY{year}")
    assert len(volunteer.green_ribbon_number) == 12
    assert volunteer.reviewed_by == staff
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.user.email]
    assert volunteer.green_ribbon_number in mail.outbox[0].body
    assert mail.outbox[0].subject


def test_green_ribbon_numbers_follow_each_other(staff):
    year = timezone.localdate().year
    VolunteerFactory(green_ribbon_number=f"GY{year}000041")
    first, second = pending(), pending()
    volunteer_approve(reviewer=staff, volunteer=first)
    volunteer_approve(reviewer=staff, volunteer=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.green_ribbon_number == f"GY{year}000042"
    assert second.green_ribbon_number == f"GY{year}000043"


def test_reject_needs_a_reason(staff, django_capture_on_commit_callbacks):
    volunteer = pending()
    with pytest.raises(ServiceError):
        volunteer_reject(reviewer=staff, volunteer=volunteer, reason="  ")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_reject(reviewer=staff, volunteer=volunteer, reason="信息不完整")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.REJECTED
    assert volunteer.status_reason == "信息不完整"
    assert "信息不完整" in mail.outbox[0].body


def test_reject_without_reason_over_http(client, staff):
    volunteer = pending()
    client.force_login(staff)
    url = reverse("volunteers:review_detail", args=[volunteer.pk])
    response = client.post(url, {"action": "reject", "reason": ""})
    assert response.status_code == 400
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING


def test_suspend_then_reinstate_keeps_number(staff):
    volunteer = VolunteerFactory()
    number = volunteer.green_ribbon_number
    volunteer_suspend(reviewer=staff, volunteer=volunteer, reason="多次无故缺席")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.SUSPENDED
    # Reinstatement is its own staff decision, with a reason.
    with pytest.raises(PermissionDenied):
        volunteer_approve(reviewer=staff, volunteer=volunteer)
    volunteer_reinstate(reviewer=staff, volunteer=volunteer, reason="申诉核实无误")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert volunteer.green_ribbon_number == number


def test_only_reviewers_may_review(client):
    volunteer = pending()
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        volunteer_approve(reviewer=outsider, volunteer=volunteer)
    client.force_login(outsider)
    url = reverse("volunteers:review_detail", args=[volunteer.pk])
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert client.get(reverse("volunteers:review_list")).status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING


def test_unit_organiser_reviews_volunteers_of_its_teams(client):
    unit = UnitFactory()
    organiser = UnitMembershipFactory(
        unit=unit, role=UnitMembership.Role.ORGANISER
    ).user
    team = Team.objects.create(name="队", slug="dui", unit=unit, district=unit.district)
    applicant = pending(real_name="申请人")
    TeamMembership.objects.create(team=team, volunteer=applicant)
    stranger = pending(real_name="陌生人")

    client.force_login(organiser)
    listing = client.get(reverse("volunteers:review_list")).content.decode()
    assert "申请人" in listing
    assert "陌生人" not in listing
    # Another unit's volunteer: not found, whatever the id.
    url = reverse("volunteers:review_detail", args=[stranger.pk])
    assert client.get(url).status_code == 404
    url = reverse("volunteers:review_detail", args=[applicant.pk])
    assert client.post(url, {"action": "approve"}).status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Volunteer.Status.ACTIVE


def test_review_list_filters_and_query_count(
    client, staff, django_assert_max_num_queries
):
    for _index in range(5):
        pending(categories=["student"])
    pending(categories=["legal"], real_name="律师甲")
    client.force_login(staff)
    # A first visit fills the caches a site fills once (site settings, policy
    # versions); the second is counted: the list's cost, not the site's warm-up.
    client.get(reverse("volunteers:review_list"))
    # (one of them: whether the reviewer has set up two-factor; one records the
    # access in the personal data access log)
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("volunteers:review_list"),
            {"status": "pending", "category": "legal"},
        )
    content = response.content.decode()
    assert "律师甲" in content
    assert len(re.findall(r"/volunteers/review/\d+/", content)) == 1


# The volunteer's own page -------------------------------------------------------


def test_profile_shows_only_own_data(client):
    mine = VolunteerFactory(real_name="我自己", phone="+8613900001111")
    VolunteerFactory(real_name="别人", phone="+8613900002222")
    client.force_login(mine.user)
    content = client.get(reverse("volunteers:profile")).content.decode()
    assert "我自己" in content
    assert "139****1111" in content
    assert "+8613900001111" not in content
    assert "别人" not in content


def test_volunteer_cannot_open_another_registration(client):
    mine, other = VolunteerFactory(), pending()
    client.force_login(mine.user)
    url = reverse("volunteers:review_detail", args=[other.pk])
    assert client.get(url).status_code in (403, 404)


def test_profile_edit_keeps_phone_when_empty(client):
    volunteer = VolunteerFactory(phone="+8613900001111")
    client.force_login(volunteer.user)
    response = client.post(
        reverse("volunteers:profile_edit"),
        {
            "phone": "",
            "district": volunteer.district_id,
            "community": "新社区",
            "categories": ["student"],
            "show_on_leaderboards": "on",
        },
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.phone == "+8613900001111"
    assert volunteer.community == "新社区"
    assert volunteer.categories == ["student"]
    assert volunteer.show_on_leaderboards


def test_profile_without_registration_goes_to_register(resident_client):
    response = resident_client.get(reverse("volunteers:profile"))
    assert response.status_code == 302
    assert response.url == REGISTER_URL
