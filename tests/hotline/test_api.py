"""The 12319 line in the public API (/api/v1/requests/…) and in the open data:
no private request, no personal field (the JSON is scanned), photos only where
agreed, a fixed number of queries whatever the number of requests."""

import io
import json

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from consultations.hotline import services
from home.models import OpenDataFile
from home.page_cache import versions
from tests.clock import at, shanghai
from tests.hotline.factories import operator, photo

LIST = "/api/v1/requests/"


@pytest.fixture(autouse=True)
def _fresh_api_cache():
    versions.bump_all()


def _world(hotline):
    shown = hotline.replied(
        photos=[photo()], reply_photos=[photo()], photos_public=True
    )
    no_photos = hotline.replied(photos=[photo()], photos_public=False)
    hidden = hotline.submit(place="不公开的地点", is_public=False)
    call = services.request_enter_by_operator(
        operator=operator(),
        caller_name="李大爷",
        caller_phone="13800138000",
        category=shown.category,
        district=hotline.district,
        community="花果园社区",
        place="青云路3号",
        description="水管漏水",
        contact_preference="phone",
        is_public=True,
    )
    return shown, no_photos, hidden, call


def test_the_board_has_no_private_request_and_no_personal_field(client, hotline):
    shown, no_photos, hidden, (call, code) = _world(hotline)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    references = {row["reference"] for row in body["results"]}
    assert shown.reference in references and no_photos.reference in references
    assert hidden.reference not in references
    text = json.dumps(body, ensure_ascii=False)
    for secret in ("张三", "zhang@example.com", "李大爷", "13800138000", code):
        assert secret not in text
    for field in ("resident", "caller", "phone", "lookup", "email", "name"):
        assert all(field not in key for row in body["results"] for key in row)
    rows = {row["reference"]: row for row in body["results"]}
    assert rows[shown.reference]["replies"][0]["body"] == "已更换灯泡，恢复照明。"
    assert len(rows[shown.reference]["photos"]) == 1
    assert len(rows[shown.reference]["replies"][0]["photos"]) == 1
    assert rows[no_photos.reference]["photos"] == []
    assert rows[no_photos.reference]["replies"][0]["photos"] == []
    # The photo links are the view's, and they answer anyone.
    assert client.get(rows[shown.reference]["photos"][0]).status_code == 200


def test_the_board_costs_the_same_queries_for_more_requests(client, hotline):
    hotline.replied(photos=[photo()], reply_photos=[photo()], photos_public=True)
    versions.bump_all()
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for _ in range(4):
        hotline.replied(photos=[photo()], reply_photos=[photo()], photos_public=True)
    versions.bump_all()
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST).json()["results"]) == 5
    assert len(many) == len(few)


def test_the_yearly_figures_per_unit(client, hotline):
    with at(shanghai(2026, 3, 2, 10)):
        hotline.replied()
    response = client.get("/api/v1/requests/units/", {"year": 2026})
    assert response.status_code == 200
    [row] = response.json()
    assert row["unit"]["name"] == "南明区城市管理局"
    assert row["received"] == 1 and row["replied"] == 1
    assert client.get("/api/v1/requests/units/", {"year": "x"}).status_code == 400


def test_the_board_is_an_open_dataset(hotline):
    shown, no_photos, hidden, (call, code) = _world(hotline)
    call_command("publish_open_data", stdout=io.StringIO())
    file = OpenDataFile.objects.get(dataset="hotline-requests", format="json")
    with file.file.open("rb") as handle:
        text = handle.read().decode("utf-8")
    assert shown.reference in text and hidden.reference not in text
    for secret in ("张三", "李大爷", "13800138000", code):
        assert secret not in text
