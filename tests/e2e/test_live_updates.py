"""Pages that change while they are open update without reloading (no meta
refresh: axe-core calls it critical), under the site's strict CSP: the
organiser's check-in code, which asks for nothing while its tab is hidden, and
the progress of "download my data"."""

import datetime
import time

from django.utils import timezone

import pytest

from home.models import DataExport, UnitMembership
from tests.e2e.helpers import log_in, watched
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import ActivityIndexPageFactory, make_activity
from volunteers.models import Shift

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Hidden or shown, as a browser says when its tab is switched.
SET_HIDDEN = """hidden => {
    Object.defineProperty(document, "hidden", {configurable: true, get: () => hidden});
    document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_code_changes_without_reload_and_waits_while_hidden(
    live_server, browser, settings
):
    # A code every two seconds instead of every minute, so the test need not wait.
    settings.VOLUNTEER_CHECKIN_TOKEN_ROTATE_SECONDS = 2
    unit = UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    organiser = UserFactory(email="organiser@example.cn")
    UnitMembershipFactory(unit=unit, user=organiser, role=UnitMembership.Role.ORGANISER)
    activity = make_activity(ActivityIndexPageFactory(), unit=unit)
    starts = timezone.now() - datetime.timedelta(hours=1)
    Shift.objects.filter(activity=activity).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    shift = Shift.objects.get(activity=activity)

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN"
    )
    page = watched(context.new_page())
    log_in(page, live_server.url, organiser.email)
    page.goto(live_server.url + f"/volunteers/shifts/{shift.pk}/checkin-code/")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.get_by_role("link", name="刷新").is_visible()
    link = page.locator("[data-checkin-url]")
    first = link.get_attribute("href")
    page.evaluate("() => { window.sameDocument = true; }")

    page.wait_for_function(
        "old => document.querySelector('[data-checkin-url]').href !== old",
        arg=first,
        timeout=10_000,
    )
    assert page.evaluate("() => window.sameDocument") is True
    second = link.get_attribute("href")
    assert second != first and "/volunteers/checkin/" in second
    assert page.locator(".checkin-code__image").count() == 1
    status = page.locator("[data-checkin-status]")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "() => document.querySelector('[data-checkin-status]').textContent !== ''"
    )
    assert status.inner_text() == "已显示新的签到码。"

    # A hidden tab asks for no code; shown again, it asks at once.
    asked = []
    page.on(
        "request",
        lambda request: asked.append(request.url) if "current" in request.url else None,
    )
    page.evaluate(SET_HIDDEN, True)
    time.sleep(0.5)  # a request already on its way when the tab was hidden
    asked.clear()
    time.sleep(5)
    assert asked == []
    page.evaluate(SET_HIDDEN, False)
    page.wait_for_function(
        "old => document.querySelector('[data-checkin-url]').href !== old",
        arg=second,
        timeout=5_000,
    )
    assert asked
    assert page.evaluate("() => window.sameDocument") is True
    assert page.csp_errors == []
    context.close()


def test_data_export_progress_shows_without_reload(live_server, browser):
    user = UserFactory(email="owner@example.cn")
    export = DataExport.objects.create(
        user=user, status=DataExport.Status.RUNNING, progress=40
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN"
    )
    page = watched(context.new_page())
    log_in(page, live_server.url, user.email)
    page.goto(live_server.url + "/me/data-export/")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.get_by_role("link", name="刷新").is_visible()
    assert page.locator("#export-progress").get_attribute("value") == "40"
    page.evaluate("() => { window.sameDocument = true; }")

    DataExport.objects.filter(pk=export.pk).update(progress=70)
    page.wait_for_function(
        "() => document.querySelector('#export-progress').value === 70",
        timeout=10_000,
    )
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.FAILED, progress=70
    )
    page.wait_for_function(
        "() => document.querySelector('[data-export-status]')"
        ".getAttribute('data-export-status') === 'failed'",
        timeout=10_000,
    )
    assert page.evaluate("() => window.sameDocument") is True
    announced = page.locator("[data-export-announce]")
    badge = page.locator("[data-export-status] .badge").inner_text()
    assert badge and announced.inner_text() == badge
    assert page.csp_errors == []
    context.close()
