"""后台实名、前台自愿: commenting on consultations and pledges (including a report
that a pledge is not kept) and rating units need a verified mobile number; the
public sees the display name only; a staff setting relaxes it for a pilot."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import pytest

from consultations.models import Comment, UnitRating
from consultations.services.comments import comment_create
from home.exceptions import ServiceError
from home.models import SiteSettings
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db

TEXT = "建议在社区增设更多的休息座椅，方便老年人。"


@pytest.fixture
def no_phone(db):
    """An account with a verified email address and no verified mobile number."""
    return UserFactory(
        display_name="李四", phone="+8613712345678", phone_verified=False
    )


def relax_real_name():
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.real_name_required = False
    settings.save()


def post_comment(client, consultation, body=TEXT):
    return client.post(
        reverse("consultations:comment_create", args=[consultation.pk]),
        {"body": body, "clause": ""},
    )


def test_page_asks_for_a_verified_phone_instead_of_the_form(
    client, consultation, no_phone
):
    client.force_login(no_phone)
    html = client.get(consultation.url).content.decode()
    assert 'name="body"' not in html
    assert "评论、评价和举报须先通过短信验证码验证手机号" in html
    change_url = reverse("account_change_phone")
    assert f'href="{change_url}?next={consultation.url}"' in html


def test_service_refuses_and_keeps_nothing_but_the_typed_text(
    client, consultation, no_phone
):
    client.force_login(no_phone)
    response = post_comment(client, consultation)
    assert response.status_code == 200
    html = response.content.decode()
    assert "请先验证手机号" in html
    assert not Comment.objects.exists()
    with pytest.raises(ServiceError):
        comment_create(user=no_phone, consultation=consultation, body=TEXT)


def test_verified_phone_comments_and_the_public_sees_the_display_name_only(
    client, consultation, resident
):
    client.force_login(resident)
    response = post_comment(client, consultation)
    assert response.status_code == 302
    comment = Comment.objects.get()
    client.logout()
    html = client.get(consultation.url).content.decode()
    assert TEXT in html and "张三" in html
    assert resident.phone not in html and resident.phone[3:] not in html
    assert comment.author == resident


def test_staff_setting_relaxes_it_for_a_pilot(client, consultation, no_phone):
    relax_real_name()
    client.force_login(no_phone)
    assert 'name="body"' in client.get(consultation.url).content.decode()
    assert post_comment(client, consultation).status_code == 302
    assert Comment.objects.count() == 1


def test_verify_then_return_to_the_page(client, consultation, sms_outbox):
    user = UserFactory(phone="", phone_verified=False)
    client.force_login(user)
    change = reverse("account_change_phone")
    client.get(change, {"next": consultation.url})
    client.post(change, {"phone": "13812345678"})
    code = sms_outbox[-1][2]["code"]
    response = client.post(reverse("account_verify_phone"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == consultation.url
    assert 'name="body"' in response.content.decode()


def test_pledge_not_kept_report_needs_a_verified_phone(client, unit, no_phone):
    pledge = make_pledge(unit, year=timezone.localdate().year)
    item = pledge.items.order_by("sort_order")[0]
    client.force_login(no_phone)
    html = client.get(pledge.url).content.decode()
    assert "添加或验证我的手机号" in html
    client.post(
        reverse("consultations:pledge_feedback_create", args=[pledge.pk]),
        {"item": item.pk, "kind": "not_kept", "body": TEXT},
    )
    assert not Comment.objects.exists()


def test_unit_rating_needs_a_verified_phone(client, no_phone):
    from consultations.models import EvaluationPeriod

    unit = UnitFactory(name="贵阳市民政局", slug="minzheng")
    now = timezone.now()
    period = EvaluationPeriod.objects.create(
        title="2026年上半年公众评价",
        starts_at=now - timedelta(days=3),
        ends_at=now + timedelta(days=27),
    )
    period.units = [unit]
    period.save()
    client.force_login(no_phone)
    html = client.get(f"/consultations/evaluations/{period.pk}/").content.decode()
    assert "添加或验证我的手机号" in html
    client.post(
        f"/consultations/evaluations/{period.pk}/units/{unit.pk}/rate/",
        {f"unit-{unit.pk}-score": "5"},
    )
    assert not UnitRating.objects.exists()
