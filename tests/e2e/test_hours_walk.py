"""Issue 5's acceptance walk in a real browser: the organiser shows the rotating
check-in code; the volunteer, on a phone-sized window, opens its URL to check in
and later out; the organiser approves the record; the points appear on the
volunteer's balance; a reward is redeemed; a certificate is downloaded and its
public verification page confirms it. The clock is moved (in the live server's
process) to before the shift and near its end."""

import datetime

from django.utils import timezone

import pytest
from pypdf import PdfReader

from home.models import UnitMembership
from tests.clock import at
from tests.e2e.helpers import log_in, screenshot
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    RewardFactory,
    VolunteerFactory,
    confirm,
    make_activity,
)
from volunteers.models import (
    Certificate,
    PointsAccount,
    Redemption,
    ServiceRecord,
    Shift,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "zh-CN"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


def scan_url(page, base, shift):
    page.goto(base + f"/volunteers/shifts/{shift.pk}/checkin-code/")
    assert page.locator(".checkin-code svg, .checkin-code img").first.is_visible()
    return page.locator(".checkin-code__url a").get_attribute("href")


def test_qr_check_in_out_approval_points_reward_and_certificate(
    live_server, browser, tmp_path
):
    base = live_server.url
    index = ActivityIndexPageFactory()
    unit = UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    organiser = UserFactory(display_name="组织者", email="organiser@example.cn")
    UnitMembershipFactory(unit=unit, user=organiser, role=UnitMembership.Role.ORGANISER)
    activity = make_activity(index, unit=unit, title="黔灵山公园环保行动")
    shanghai = timezone.get_default_timezone()
    day = timezone.localdate() - datetime.timedelta(days=2)
    starts = datetime.datetime.combine(day, datetime.time(9), tzinfo=shanghai)
    Shift.objects.filter(activity=activity).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    shift = Shift.objects.get(activity=activity)
    volunteer = VolunteerFactory(real_name="陈志愿", user__email="chen@example.cn")
    confirm(shift, volunteer)
    RewardFactory(name="环保帆布袋", points_price=20, stock=3)

    staff = browser.new_context(**DESKTOP).new_page()
    phone = browser.new_context(**PHONE).new_page()
    log_in(staff, base, organiser.email)
    log_in(phone, base, volunteer.user.email)

    # 08:50: the organiser shows the code; the volunteer scans it and checks in.
    with at(starts - datetime.timedelta(minutes=10)):
        url = scan_url(staff, base, shift)
        screenshot(staff, "hours-checkin-code-desktop")
        phone.goto(url)
        screenshot(phone, "hours-checkin-phone")
        phone.locator("main form [type=submit]").click()
        phone.wait_for_load_state()
    record = ServiceRecord.objects.get(volunteer=volunteer, shift=shift)
    assert record.status == ServiceRecord.Status.CHECKED_IN
    assert record.started_at == starts  # clamped to the shift's start

    # 11:55: a new code (the first one has expired); the volunteer checks out.
    with at(starts + datetime.timedelta(hours=2, minutes=55)):
        phone.goto(url)
        assert not phone.locator("main form [type=submit]").count()
        url = scan_url(staff, base, shift)
        phone.goto(url)
        phone.locator("main form [type=submit]").click()
        phone.wait_for_load_state()
        screenshot(phone, "hours-checkout-phone")
    record.refresh_from_db()
    assert record.status == ServiceRecord.Status.PENDING
    assert record.minutes == 175

    # The organiser approves it from the pending list.
    staff.goto(base + "/volunteers/service-records/pending/")
    staff.locator(f"#record-{record.pk}").check()
    staff.locator("input[name=action][value=approve]").check()
    staff.locator("main form [type=submit]").last.click()
    staff.wait_for_load_state()
    record.refresh_from_db()
    assert record.status == ServiceRecord.Status.APPROVED
    balance = PointsAccount.objects.get(volunteer=volunteer).balance
    assert balance == 29  # 175 min at 10 points an hour, multiplier 1

    # The volunteer sees the points and redeems a reward.
    phone.goto(base + "/volunteers/me/")
    assert phone.locator("[data-points-balance]").inner_text() == "29"
    phone.goto(base + "/volunteers/rewards/")
    phone.get_by_role("button", name="环保帆布袋").click()
    phone.wait_for_load_state()
    assert phone.locator("[data-points-balance]").inner_text() == "9"
    assert Redemption.objects.filter(volunteer=volunteer).count() == 1

    # A certificate for the month, downloaded and verified.
    phone.goto(base + "/volunteers/me/certificates/")
    phone.locator("#id_date_from").fill((day - datetime.timedelta(days=3)).isoformat())
    phone.locator("#id_date_to").fill(timezone.localdate().isoformat())
    phone.locator("main form [type=submit]").click()
    phone.wait_for_load_state()
    certificate = Certificate.objects.get(volunteer=volunteer)
    phone.reload()
    with phone.expect_download() as download_info:
        phone.locator(
            f"a[href='/volunteers/me/certificates/{certificate.pk}/download/']"
        ).click()
    path = tmp_path / "certificate.pdf"
    download_info.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "陈志愿" in text and "黔灵山公园环保行动" in text
    assert "2.9" in text  # the hours served
    phone.goto(base + f"/volunteers/certificates/{certificate.verification_token}/")
    assert phone.locator(".certificate-status--genuine").is_visible()
    screenshot(phone, "hours-certificate-verified-phone")
