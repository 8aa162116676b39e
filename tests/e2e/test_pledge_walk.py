"""The pledge acceptance walk in a real browser (issue 6):

- a unit editor uploads the signed letter, writes a pledge with two commitments
  in the Wagtail admin, chooses the letter and submits it for review;
- a member of "Pledge reviewers" (staff, with two-factor) approves it;
- a resident finds it in the directory; with the clock moved it shows "report
  due", then "lapsed"; after the unit's annual report it shows "fulfilled".

Screenshots land in var/screenshots/pledge-walk-*.png."""

import datetime
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from home.models import PledgePage
from home.pledges.services import (
    PLEDGE_REVIEWERS_GROUP,
    pledge_folder_for,
    pledge_index_ensure,
)
from tests.clock import at
from tests.e2e.helpers import axe_violations, screenshot, sign_in, watched
from tests.factories import (
    TEST_TOTP_SECRET,
    UnitFactory,
    UserFactory,
    give_totp,
    make_unit_editor,
)
from tests.home.factories import make_pledge, make_report

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


def test_editor_writes_reviewer_approves_and_the_status_follows_the_clock(
    live_server, browser, tmp_path
):
    base = live_server.url
    pledge_index_ensure()
    unit = UnitFactory(name="贵阳市民政局", slug="minzheng")
    folder = pledge_folder_for(unit)
    # The unit's editor role puts them in the unit's workspace group.
    editor = make_unit_editor(unit, display_name="赵编辑", email="editor@example.cn")
    reviewer = UserFactory(
        display_name="审核员", email="reviewer@example.cn", is_staff=True
    )
    reviewer.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    give_totp(reviewer)
    # Next year's pledge: "published", not yet "report due", whatever the date
    # (a browser test cannot move the clock back: the session cookie would have
    # expired for the browser).
    year = timezone.localdate().year + 1

    # The editor writes the pledge and uploads the signed letter from the form.
    context = browser.new_context(**DESKTOP)
    page = watched(context.new_page())
    sign_in(page, base, editor)
    letter = Path(tmp_path) / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% signed letter\n")

    page.goto(base + f"/admin/pages/add/home/pledgepage/{folder.pk}/")
    page.fill("input[name=title]", f"贵阳市民政局{year}年度社会责任承诺书")
    page.fill("input[name=year]", str(year))
    page.fill("input[name=signatory]", "周建华")
    page.fill("input[name=signed_on]", f"{year}-01-10")
    page.select_option("select[name=items-0-category]", "volunteering")
    page.fill("input[name=items-0-title]", "组织职工参加志愿服务")
    page.fill("input[name=items-0-target]", "人均志愿服务不少于20小时")
    page.fill("input[name=items-0-due_date]", f"{year}-12-31")
    page.locator("#id_items-ADD").click()
    page.select_option("select[name=items-1-category]", "open_facilities")
    page.fill("input[name=items-1-title]", "向社区开放职工活动中心")
    page.fill("input[name=items-1-target]", "每周开放不少于3天")
    page.fill("input[name=items-1-due_date]", f"{year}-12-31")
    page.keyboard.press("Escape")  # close any date picker
    page.locator(
        "#id_signed_letter-chooser [data-chooser-action-choose] >> visible=true"
    ).first.click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="上传").click()
    modal.locator("input[type=file]").set_input_files(str(letter))
    title = modal.locator("input[name$=title]")
    title.fill("承诺书签章扫描件")
    modal.locator("form [type=submit] >> visible=true").first.click()
    page.wait_for_function(
        "() => document.querySelector('#id_signed_letter').value !== ''"
    )
    page.wait_for_timeout(500)
    screenshot(page, "pledge-walk-1-editor-form")
    page.get_by_role("button", name="更多动作").click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    screenshot(page, "pledge-walk-2-submitted")
    pledge = PledgePage.objects.get()
    assert pledge.signed_letter is not None
    assert pledge.items.count() == 2
    assert pledge.status_at() == "submitted"
    context.close()

    # The reviewer approves from the page's edit view.
    context = browser.new_context(**DESKTOP)
    page = watched(context.new_page())
    sign_in(page, base, reviewer, totp_secret=TEST_TOTP_SECRET)
    page.goto(base + f"/admin/pages/{pledge.pk}/edit/")
    screenshot(page, "pledge-walk-3-review")
    page.get_by_role("button", name="更多动作").click()
    page.locator("button[data-workflow-action-name=approve]").first.click()
    modal = page.locator(".modal")
    if modal.count():
        modal.locator("[type=submit]").first.click()
    page.wait_for_load_state()
    page.wait_for_timeout(1000)
    screenshot(page, "pledge-walk-3-approved")
    pledge.refresh_from_db()
    assert pledge.live
    context.close()

    # A resident sees it in the directory; the clock moves.
    context = browser.new_context(**DESKTOP)
    page = watched(context.new_page())
    page.goto(base + "/pledges/")
    card = page.locator(".pledge-card", has_text="贵阳市民政局")
    assert card.locator(".pledge-status--published").count() == 1
    with at(datetime.date(year, 12, 15)):
        page.goto(base + "/pledges/")
        assert card.locator(".pledge-status--report_due").count() == 1
    with at(datetime.date(year + 1, 2, 1)):
        page.goto(base + "/pledges/")
        assert card.locator(".pledge-status--lapsed").count() == 1
        make_report(PledgePage.objects.get(pk=pledge.pk))
        page.goto(base + "/pledges/")
        assert card.locator(".pledge-status--fulfilled").count() == 1
        page.goto(base + pledge.url)
        screenshot(page, "pledge-walk-4-fulfilled")
        assert page.locator(".timeline__entry").count() == 1
    context.close()


def test_pledge_pages_have_no_serious_accessibility_violations(
    live_server, desktop_page
):
    unit = UnitFactory(name="贵阳市生态环境局")
    pledge = make_pledge(unit, year=timezone.localdate().year + 1)
    make_report(pledge, annual=False)
    for path in ("/pledges/", pledge.url, unit.pledge_folder.url):
        desktop_page.goto(live_server.url + path)
        assert axe_violations(desktop_page) == [], path
