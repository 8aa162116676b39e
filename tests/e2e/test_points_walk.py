"""A volunteer on a phone-sized window sees the points their approved hours
earned, redeems a reward, asks for a certificate, downloads its PDF and checks it
on the public verification page; the points pages have no serious accessibility
violations."""

from datetime import timedelta

from django.utils import timezone

import pytest
from pypdf import PdfReader

from tests.e2e.helpers import axe_violations, log_in, screenshot
from tests.factories import UnitFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    RewardFactory,
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
)
from volunteers.models import Certificate, PointsAccount, Redemption
from volunteers.services.points import points_sync_for_record

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def served_volunteer():
    index = ActivityIndexPageFactory()
    unit = UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    activity = make_activity(index, unit=unit, title="黔灵山公园环保行动")
    volunteer = VolunteerFactory(
        real_name="陈志愿", user__email="chen@example.cn", show_on_leaderboards=True
    )
    for shift in add_shifts(activity, 3, start=timezone.now() - timedelta(days=5)):
        points_sync_for_record(
            record=service_record(volunteer, shift, minutes=180)
        )  # 3 × 3 h × 10 = 90 points
    return volunteer


def test_points_redeem_certificate_and_verification(live_server, page, tmp_path):
    base = live_server.url
    volunteer = served_volunteer()
    RewardFactory(name="环保帆布袋", points_price=60, stock=3)
    log_in(page, base, volunteer.user.email)

    page.goto(base + "/volunteers/me/")
    assert page.locator("[data-points-balance]").inner_text() == "90"
    page.locator("a[href='/volunteers/rewards/']").first.click()
    page.get_by_role("button", name="环保帆布袋").click()
    page.wait_for_load_state()
    assert page.locator("[data-points-balance]").inner_text() == "30"
    assert Redemption.objects.filter(volunteer=volunteer).count() == 1
    assert PointsAccount.objects.get(volunteer=volunteer).balance == 30
    screenshot(page, "points-rewards-phone")

    page.goto(base + "/volunteers/me/certificates/")
    page.locator("#id_date_from").fill(
        (timezone.localdate() - timedelta(days=30)).isoformat()
    )
    page.locator("#id_date_to").fill(timezone.localdate().isoformat())
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    certificate = Certificate.objects.get(volunteer=volunteer)
    page.reload()
    with page.expect_download() as download_info:
        page.locator(
            f"a[href='/volunteers/me/certificates/{certificate.pk}/download/']"
        ).click()
    path = tmp_path / "certificate.pdf"
    download_info.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "陈志愿" in text
    assert "黔灵山公园环保行动" in text
    screenshot(page, "points-certificates-phone")

    page.goto(base + f"/volunteers/certificates/{certificate.verification_token}/")
    assert page.locator(".certificate-status--genuine").is_visible()
    assert "陈*愿" in page.content()
    screenshot(page, "points-certificate-verify-phone")


def test_points_pages_are_accessible(live_server, a11y_page):
    base = live_server.url
    volunteer = served_volunteer()
    RewardFactory(name="观影券")
    log_in(a11y_page, base, volunteer.user.email)
    paths = [
        "/volunteers/me/",
        "/volunteers/me/points/",
        "/volunteers/me/hours-per-month/",
        "/volunteers/rewards/",
        "/volunteers/me/certificates/",
        "/volunteers/leaderboards/",
        "/volunteers/leaderboards/?scope=unit&period=all&metric=points",
    ]
    found = {}
    for path in paths:
        a11y_page.goto(base + path)
        violations = axe_violations(a11y_page)
        if violations:
            found[path] = violations
    assert found == {}
