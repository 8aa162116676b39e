"""In a real browser (issue 14, item 6): on a phone (390 px) the filters of the
consultation and activity lists fold behind "筛选", so the first result shows in
the first screen, and a tap opens them; on a desktop (1280 px) they show without
a tap."""

import pytest

from consultations import demo as consultation_demo
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_consultation,
)
from tests.e2e.helpers import axe_violations, screenshot
from tests.factories import UnitFactory
from tests.volunteers.factories import ActivityIndexPageFactory, make_activity
from volunteers import demo as volunteer_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def lists(db):
    unit = UnitFactory(name="贵阳市生态环境局")
    # The demo's introductions, so that the first screen is the demo's.
    consultations = ConsultationIndexPageFactory(intro=consultation_demo.INDEX["intro"])
    for number in range(3):
        make_consultation(
            consultations, unit=unit, title=f"生活垃圾分类管理办法（第{number}稿）"
        )
    activities = ActivityIndexPageFactory(intro=volunteer_demo.INDEX["intro"])
    for _ in range(3):
        make_activity(activities, unit=unit)
    return {
        "consultations": (consultations.url, ".consultation-list > li"),
        "activities": (activities.url, ".activity-list > li"),
    }


@pytest.mark.parametrize("name", ["consultations", "activities"])
def test_phone_shows_a_result_first_and_opens_the_filters_on_tap(
    live_server, page, lists, name
):
    path, first_result = lists[name]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + path)
    result = page.locator(first_result).first
    assert result.bounding_box()["y"] < 844, "the first result is below the fold"
    form = page.locator("form.filter-form")
    assert not form.is_visible()
    page.locator("summary", has_text="筛选").click()
    assert form.is_visible()
    assert page.locator("form.filter-form select").first.is_visible()
    screenshot(page, f"filters-phone-{name}")


@pytest.mark.parametrize("name", ["consultations", "activities"])
def test_desktop_shows_the_filters_without_a_tap(live_server, page, lists, name):
    path, _ = lists[name]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    assert page.locator("form.filter-form").is_visible()
    assert page.locator("form.filter-form button[type=submit]").is_visible()
    assert not page.locator("summary", has_text="筛选").is_visible()


def test_phone_summary_says_what_is_filtered(live_server, page, lists):
    path, first_result = lists["activities"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + path + "?places_left=on")
    summary = page.locator("summary", has_text="筛选")
    assert "已筛选" in summary.inner_text()
    assert not page.locator("form.filter-form").is_visible()


def test_folded_and_unfolded_filters_pass_axe(live_server, a11y_page, lists):
    for path, _ in lists.values():
        a11y_page.goto(live_server.url + path)
        assert axe_violations(a11y_page) == []
        summary = a11y_page.locator("summary", has_text="筛选")
        if summary.is_visible():
            summary.click()
            assert axe_violations(a11y_page) == []
