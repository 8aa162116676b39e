"""The resident's pages over HTTP: report a problem, follow it, rate it; the
caller's lookup by reference and code; the person's own requests."""

from django.core.cache import cache
from django.urls import reverse

import pytest

from consultations.hotline import services
from consultations.hotline.models import Rating, Request
from tests.clock import at, shanghai
from tests.factories import UserFactory
from tests.hotline.factories import category, operator, photo

NEW = reverse("hotline:request_new")


def form_data(hotline, **changes):
    data = {
        "category": category().pk,
        "district": hotline.district.pk,
        "community": "花果园社区",
        "place": "花果园大街12号路灯",
        "description": "路灯不亮已经三天，晚上很黑。",
        "contact_preference": "site",
        "is_public": "on",
    }
    data.update(changes)
    return data


def test_the_form_asks_anonymous_visitors_to_sign_in(client, hotline):
    response = client.get(NEW)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_resident_without_a_verified_mobile_sees_how_to_verify(client, hotline):
    resident = UserFactory(phone="", phone_verified=False)
    client.force_login(resident)
    response = client.get(NEW)
    assert response.status_code == 200
    assert "account/phone/change/" in response.text or "phone/change" in response.text
    assert 'name="place"' not in response.text
    assert client.post(NEW, form_data(hotline)).status_code == 200
    assert not Request.objects.exists()


def test_a_resident_reports_with_a_photo_and_lands_on_the_request(client, hotline):
    client.force_login(hotline.resident)
    with at(shanghai(2026, 3, 2, 10)):
        response = client.post(NEW, form_data(hotline, photos=[photo()]))
    created = Request.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "hotline:request_detail", kwargs={"reference": created.reference}
    )
    assert created.photos.count() == 1
    assert created.handling_unit == hotline.bureau
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert created.reference in page.text
    assert "南明区城市管理局" in page.text
    assert "花果园大街12号路灯" in page.text


def test_bad_input_comes_back_with_messages_and_what_was_typed(client, hotline):
    client.force_login(hotline.resident)
    response = client.post(NEW, form_data(hotline, description="短", photos=[photo()]))
    assert response.status_code == 400
    assert "花果园大街12号路灯" in response.text  # kept
    assert 'class="error-summary"' in response.text
    assert "choose them again" in response.text or "重新选择" in response.text
    assert not Request.objects.exists()


def test_seven_photos_are_refused_on_the_form(client, hotline):
    client.force_login(hotline.resident)
    photos = [photo(f"{n}.jpg") for n in range(7)]
    response = client.post(NEW, form_data(hotline, photos=photos))
    assert response.status_code == 400
    assert not Request.objects.exists()


def test_others_cannot_see_a_request(client, hotline):
    request = hotline.submit()
    url = reverse("hotline:request_detail", kwargs={"reference": request.reference})
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_resident_rates_dissatisfied_and_it_reopens(client, hotline):
    request = hotline.replied()
    client.force_login(hotline.resident)
    url = reverse("hotline:request_detail", kwargs={"reference": request.reference})
    page = client.get(url)
    assert "已更换灯泡，恢复照明。" in page.text
    assert 'name="grade"' in page.text
    response = client.post(
        reverse("hotline:request_rate", kwargs={"reference": request.reference}),
        {"grade": "dissatisfied", "comment": "还是不亮"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.round == 2 and request.is_open
    assert request.handling_unit == hotline.platform
    assert Rating.objects.get().grade == "dissatisfied"


def test_a_rating_without_a_grade_is_refused(client, hotline):
    request = hotline.replied()
    client.force_login(hotline.resident)
    response = client.post(
        reverse("hotline:request_rate", kwargs={"reference": request.reference}),
        {"comment": "?"},
    )
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_a_handler_cannot_rate_in_the_residents_place(client, hotline):
    request = hotline.replied()
    client.force_login(hotline.bureau_handler)
    response = client.post(
        reverse("hotline:request_rate", kwargs={"reference": request.reference}),
        {"grade": "satisfied"},
    )
    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_a_caller_looks_up_by_reference_and_code(client, hotline):
    request, code = services.request_enter_by_operator(
        operator=operator(),
        caller_name="李大爷",
        caller_phone="13900001111",
        category=category("water"),
        district=hotline.district,
        place="青云路3号",
        description="早上开始停水，没有通知。",
    )
    url = reverse("hotline:lookup")
    assert client.get(url).status_code == 200
    wrong = client.post(url, {"reference": request.reference, "code": "WRONG1"})
    assert wrong.status_code == 400
    assert "青云路3号" not in wrong.text
    found = client.post(url, {"reference": request.reference.lower(), "code": code})
    assert found.status_code == 200
    assert "青云路3号" in found.text
    assert "李大爷" not in found.text  # the page shows no personal data


def test_lookups_are_rate_limited(client, hotline, settings):
    settings.CANYU_RATE_LIMITS = {
        **settings.CANYU_RATE_LIMITS,
        "hotline_lookup": {"ip": "3/h"},
    }
    cache.clear()
    url = reverse("hotline:lookup")
    for _attempt in range(3):
        client.post(url, {"reference": "12319-2026-000001", "code": "AAAAAA"})
    response = client.post(url, {"reference": "12319-2026-000001", "code": "AAAAAA"})
    assert response.status_code == 429
    cache.clear()


def test_my_requests_lists_mine_and_is_linked_from_me(client, hotline):
    mine = hotline.submit(place="我的路灯")
    hotline.submit(resident=UserFactory(), place="别人的路灯")
    client.force_login(hotline.resident)
    response = client.get(reverse("hotline:my_requests"))
    assert response.status_code == 200
    assert mine.reference in response.text
    assert "我的路灯" in response.text and "别人的路灯" not in response.text
    me = client.get(reverse("home:dashboard"))
    assert reverse("hotline:my_requests") in me.text


@pytest.mark.parametrize("name", ["hotline:my_requests", "hotline:request_new"])
def test_signed_out_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
