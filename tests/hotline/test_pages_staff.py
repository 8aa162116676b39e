"""The staff's pages over HTTP: a unit's queue and working page, the operator's
call entry, the dispatch desk and the city dashboard; refusals; query counts
flat in the number of requests."""

from django.urls import reverse

import pytest

from consultations.hotline import services
from consultations.hotline.models import Request
from tests.clock import at, shanghai
from tests.factories import UserFactory
from tests.hotline.factories import category, dispatcher, operator, photo

QUEUE = reverse("hotline:queue")


def action(request, name):
    return reverse(
        "hotline:queue_action", kwargs={"reference": request.reference, "action": name}
    )


def test_the_queue_shows_the_units_requests_only(client, hotline):
    mine = hotline.submit(place="南明路灯")
    hotline.submit(category=category("water"), place="供水管")
    client.force_login(hotline.bureau_handler)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert mine.reference in response.text
    assert "供水管" not in response.text


def test_a_resident_is_refused_the_queue(client, hotline):
    client.force_login(hotline.resident)
    assert client.get(QUEUE).status_code == 403


def test_overdue_requests_come_first_and_say_so(client, hotline):
    with at(shanghai(2026, 3, 2, 10)):
        late = hotline.submit(place="早报的路灯")
    with at(shanghai(2026, 3, 9, 10)):
        hotline.submit(place="新报的路灯")
        client.force_login(hotline.bureau_handler)
        response = client.get(QUEUE)
    text = response.text
    assert text.index(late.reference) < text.index("新报的路灯")
    assert "badge--danger" in text


def test_accept_then_reply_with_a_photo(client, hotline):
    request = hotline.submit()
    client.force_login(hotline.bureau_handler)
    assert client.post(action(request, "accept")).status_code == 302
    request.refresh_from_db()
    assert request.status == Request.Status.ACCEPTED
    page = client.get(reverse("hotline:queue_item", args=[request.reference]))
    assert 'name="body"' in page.text
    response = client.post(
        action(request, "reply"), {"body": "已更换灯泡。", "photos": [photo()]}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Request.Status.REPLIED
    assert request.replies.get().photos.count() == 1


def test_an_empty_reply_comes_back_with_a_message(client, hotline):
    request = hotline.submit()
    services.request_accept(request=request, user=hotline.bureau_handler)
    client.force_login(hotline.bureau_handler)
    response = client.post(action(request, "reply"), {"body": ""})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text


def test_pause_needs_a_reason_and_stops_the_clock(client, hotline):
    request = hotline.submit()
    services.request_accept(request=request, user=hotline.bureau_handler)
    client.force_login(hotline.bureau_handler)
    assert client.post(action(request, "pause"), {}).status_code == 400
    client.post(action(request, "pause"), {"pause-reason": "请提供具体灯杆编号"})
    request.refresh_from_db()
    assert request.status == Request.Status.WAITING and request.paused_at
    page = client.get(reverse("hotline:queue_item", args=[request.reference]))
    assert "请提供具体灯杆编号" in page.text


def test_send_back_once_goes_to_the_dispatch_desk(client, hotline):
    request = hotline.submit()
    client.force_login(hotline.bureau_handler)
    client.post(action(request, "send_back"), {"back-reason": "不属于本单位职责"})
    request.refresh_from_db()
    assert request.status == Request.Status.SENT_BACK
    client.force_login(dispatcher())
    desk = client.get(reverse("hotline:dispatch"))
    assert desk.status_code == 200
    assert request.reference in desk.text
    response = client.post(
        reverse(
            "hotline:dispatch_action",
            kwargs={"reference": request.reference, "action": "send_back"},
        ),
        {"approve": "1", "unit": hotline.water.pk, "reason": "转供水"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.handling_unit == hotline.water


def test_another_units_handler_is_refused(client, hotline):
    request = hotline.submit()
    client.force_login(hotline.water_handler)
    assert (
        client.get(reverse("hotline:queue_item", args=[request.reference])).status_code
        == 403
    )
    assert client.post(action(request, "accept")).status_code == 403
    request.refresh_from_db()
    assert request.status == Request.Status.SUBMITTED


def test_the_operator_enters_a_call_and_reads_the_code(client, hotline):
    client.force_login(operator())
    url = reverse("hotline:operator_new")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "caller_name": "李大爷",
            "caller_phone": "13900001111",
            "category": category("water").pk,
            "district": hotline.district.pk,
            "place": "青云路3号",
            "description": "早上开始停水，没有通知。",
            "contact_preference": "phone",
        },
    )
    assert response.status_code == 200
    created = Request.objects.get()
    assert created.reference in response.text
    code = response.context["code"]
    assert code and code in response.text
    assert services.request_lookup(reference=created.reference, code=code) == created


@pytest.mark.parametrize(
    "name", ["hotline:operator_new", "hotline:dispatch", "hotline:dashboard"]
)
def test_residents_and_handlers_are_refused_the_desks(client, hotline, name):
    for user in (hotline.resident, hotline.bureau_handler):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_the_dashboard_shows_the_citys_figures(client, hotline):
    with at(shanghai(2026, 3, 2, 10)):
        request = hotline.replied()
        services.request_rate(request=request, user=hotline.resident, grade="satisfied")
        hotline.submit(category=category("water"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with at(shanghai(2026, 6, 1)):
        response = client.get(reverse("hotline:dashboard"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["total"] == 2
    assert figures["satisfaction_rate"] == 100.0
    assert "<svg" in response.text and "城市管理" in response.text


def _many(hotline, count):
    for number in range(count):
        hotline.submit(place=f"路灯{number}", photos=[photo()] if number % 2 else [])


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    "name", ["hotline:queue", "hotline:board", "hotline:dashboard", "hotline:dispatch"]
)
def test_query_counts_are_flat(client, hotline, name, django_assert_max_num_queries):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(name)
    _many(hotline, 2)
    client.get(url)  # warm the per-process caches (site, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _many(hotline, 8)
    _count_queries(client, url, django_assert_max_num_queries, len(few))
