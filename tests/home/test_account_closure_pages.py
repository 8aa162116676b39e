"""The pages of account closure and consent withdrawal: the person's own
(/me/close-account/ behind a fresh sign-in, cancel by button or by signing in),
staff filing a closure on someone's behalf (a reason is required), the admin's
"delete user" routed to the closure, and the volunteer's consent withdrawal."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from home.account_closure.services import (
    account_closure_request,
    account_closures_process,
)
from home.consent.services import consent_accept_current
from home.exceptions import ServiceError
from home.models import AccountClosure, ConsentRecord, PolicyVersion, User
from tests.clock import at
from tests.factories import DEFAULT_PASSWORD, UserFactory, give_totp
from tests.volunteers.factories import VolunteerFactory
from volunteers.identity import id_check_character, id_number_tag, mask_id_number
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

ID_NUMBER = "52010219850512223" + id_check_character("52010219850512223")


def reauthenticated(client, user):
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    return client


@pytest.fixture
def staff(db):
    user = UserFactory(email="staff@example.cn", is_staff=True, is_superuser=True)
    give_totp(user)
    return user


def test_dashboard_links_to_closing_the_account(client, resident):
    client.force_login(resident)
    page = client.get(reverse("home:account_settings")).content.decode()
    assert "注销账号" in page and reverse("home:close_account") in page


def test_closing_needs_a_fresh_sign_in(client, resident):
    client.force_login(resident)
    response = client.get(reverse("home:close_account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_close_account_page_says_what_goes_and_what_stays_then_confirms(
    client, resident, django_capture_on_commit_callbacks
):
    reauthenticated(client, resident)
    page = client.get(reverse("home:close_account")).content.decode()
    assert "将被删除的内容" in page and "已注销用户" in page and "7 天" in page

    # Without the box ticked nothing happens.
    client.post(reverse("home:close_account"), {})
    assert not AccountClosure.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("home:close_account"), {"confirm": "yes"})
    assert response.status_code == 302
    closure = AccountClosure.objects.get()
    assert closure.user == resident and not closure.on_behalf
    assert closure.effective_at - closure.requested_at == timedelta(days=7)
    message = mail.outbox[-1]
    assert message.to == [resident.email] and "注销" in message.subject
    date = timezone.localtime(closure.effective_at).strftime("%Y-%m-%d")
    assert date in message.body

    page = client.get(reverse("home:close_account")).content.decode()
    assert date in page and "保留我的账号" in page
    dashboard = client.get(reverse("home:account_settings")).content.decode()
    assert date in dashboard

    client.post(reverse("home:close_account_cancel"))
    closure.refresh_from_db()
    assert closure.status == AccountClosure.Status.CANCELLED
    # A cancelled closure is never carried out.
    with at(timezone.now() + timedelta(days=8)):
        assert account_closures_process() == 0
    resident.refresh_from_db()
    assert not resident.is_closed


def test_signing_in_during_the_grace_period_cancels_and_says_so(client, resident):
    closure = account_closure_request(user=resident, requested_by=resident)
    with at(timezone.now() + timedelta(days=3)):
        response = client.post(
            reverse("account_login"),
            {"login": resident.email, "password": DEFAULT_PASSWORD},
            follow=True,
        )
    assert "注销申请已撤销" in response.content.decode()
    closure.refresh_from_db()
    assert closure.status == AccountClosure.Status.CANCELLED


def test_closed_account_cannot_sign_in(client, resident):
    account_closure_request(user=resident, requested_by=resident)
    email = resident.email
    with at(timezone.now() + timedelta(days=7, minutes=5)):
        assert account_closures_process() == 1
    response = client.post(
        reverse("account_login"), {"login": email, "password": DEFAULT_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_staff_on_behalf_need_a_reason_and_sign_the_person_out(
    client, resident, staff, english
):
    other = UserFactory()
    with pytest.raises(ServiceError, match="Only staff"):
        account_closure_request(user=resident, requested_by=other)
    with pytest.raises(ServiceError, match="Say why"):
        account_closure_request(user=resident, requested_by=staff, reason=" ")
    signed_in = type(client)()
    signed_in.force_login(resident)
    closure = account_closure_request(
        user=resident, requested_by=staff, reason="12345热线来电，本人申请注销"
    )
    assert closure.on_behalf and closure.requested_by == staff
    assert signed_in.get(reverse("home:dashboard")).status_code == 302


def test_staff_file_a_closure_in_the_admin(client, resident, staff):
    client.force_login(staff)
    add_url = reverse("account_closures:add")
    page = client.get(f"{add_url}?user={resident.pk}").content.decode()
    assert resident.email in page
    response = client.post(add_url, {"email": resident.email, "reason": ""})
    assert response.status_code == 200
    assert not AccountClosure.objects.exists()
    response = client.post(
        add_url, {"email": resident.email, "reason": "2026年12月1日书面申请"}
    )
    assert response.status_code == 302
    closure = AccountClosure.objects.get()
    assert closure.on_behalf and closure.reason == "2026年12月1日书面申请"
    listing = client.get(reverse("account_closures:index")).content.decode()
    assert str(resident) in listing


def test_deleting_a_user_in_the_admin_goes_to_the_closure_form(client, staff):
    volunteer = VolunteerFactory()
    client.force_login(staff)
    url = reverse("wagtailusers_users:delete", args=[volunteer.user.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_closures:add"))
    assert User.objects.filter(pk=volunteer.user.pk).exists()


def test_volunteer_withdraws_consent_and_can_register_again(client):
    volunteer = VolunteerFactory(
        real_name="王撤回",
        id_number_tag=id_number_tag(ID_NUMBER),
        id_number_masked=mask_id_number(ID_NUMBER),
    )
    user = volunteer.user
    version = PolicyVersion.objects.create(
        kind=PolicyVersion.Kind.VOLUNTEER_SENSITIVE,
        version="2026-01",
        effective_on=timezone.localdate(),
    )
    consent_accept_current(
        user=user,
        kinds=[PolicyVersion.Kind.VOLUNTEER_SENSITIVE],
        method=ConsentRecord.Method.REGISTRATION,
    )
    reauthenticated(client, user)
    profile = client.get(reverse("volunteers:profile")).content.decode()
    assert reverse("volunteers:consent_withdraw") in profile
    page = client.get(reverse("volunteers:consent_withdraw")).content.decode()
    assert "撤回同意" in page and "服务时长" in page
    response = client.post(reverse("volunteers:consent_withdraw"), {"confirm": "yes"})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.CLOSED
    assert volunteer.user != user and volunteer.user.is_closed
    assert volunteer.real_name == "已注销用户" and volunteer.id_number_tag == ""
    user.refresh_from_db()
    assert user.is_active and not user.is_closed
    assert EmailAddress.objects.filter(user=user).exists()
    # The consent keeps when it was given and says when it was withdrawn.
    record = ConsentRecord.objects.get(user=user, policy_version=version)
    assert record.withdrawn_at is not None and record.accepted_at is not None
    # The register page opens again for the same person.
    assert client.get(reverse("volunteers:register")).status_code == 200


def test_bulk_deleting_users_in_the_admin_deletes_nobody(client, staff):
    volunteer = VolunteerFactory()
    client.force_login(staff)
    url = (
        reverse("wagtail_bulk_action", args=("home", "user", "delete"))
        + f"?id={volunteer.user.pk}"
    )
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code in (200, 302)
    assert User.objects.filter(pk=volunteer.user.pk).exists()
