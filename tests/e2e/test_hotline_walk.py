"""The 12319 line in a real browser, on a phone-sized screen (issue 18's
acceptance): a resident reports a broken street light with a photo; it routes
to the district's city management bureau; the bureau accepts and replies with a
photo; the resident rates it 不满意; it reopens to the district's supervising
platform; it closes on the second try with 满意. The clock moves across the
Qingming weekend (4–6 April 2026: Saturday, Sunday and the Monday holiday), and
the time limits are counted in working days.

And: an operator enters a call for a caller without an account; the caller
looks it up on the site with the reference number and the code."""

import io

from django.core.management import call_command
from django.urls import reverse

import pytest
from PIL import Image

from consultations.hotline.models import (
    Category,
    DistrictPlatform,
    Request,
    RoutingRule,
)
from tests.clock import at, shanghai
from tests.e2e.helpers import axe_violations, log_in, log_out, screenshot, submit
from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    district,
    make_privileged_group_member,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = Request.Status


def jpeg(tmp_path, name, colour):
    path = tmp_path / name
    image = Image.new("RGB", (320, 240), colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def responder(unit, name, email):
    user = UserFactory(display_name=name, email=email)
    UnitMembershipFactory(unit=unit, user=user, role="responder")
    return user


def handle_and_reply(page, base, request, text, photo):
    """A handler opens the queue from the workspace, accepts the request and
    replies with a photo."""
    page.goto(base + reverse("home:dashboard"))
    page.get_by_role("link", name="诉求办理队列").first.click()
    page.wait_for_load_state()
    page.locator(f"#request-{request.reference} a").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="受理").click()
    page.wait_for_load_state()
    assert "已受理" in page.locator(".messages").inner_text()
    page.locator("textarea[name=body]").fill(text)
    page.locator("input[name=photos]").set_input_files(photo)
    page.get_by_role("button", name="发送答复").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == Status.REPLIED


def rate(page, base, request, grade_label, comment):
    page.goto(base + reverse("hotline:request_detail", args=[request.reference]))
    page.get_by_label(grade_label, exact=True).check()
    page.locator("textarea[name=comment]").fill(comment)
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_load_state()
    request.refresh_from_db()


def test_street_light_from_report_to_closure(live_server, page, tmp_path):
    base = live_server.url
    call_command("load_holidays", "2026", verbosity=0)
    nanming = district("520102")
    platform = UnitFactory(name="南明区民生服务平台", district=nanming)
    bureau = UnitFactory(name="南明区城市管理局", district=nanming)
    DistrictPlatform.objects.create(district=nanming, unit=platform)
    lights = Category.objects.get(slug="city-management")
    RoutingRule.objects.create(category=lights, district=nanming, unit=bureau)
    clerk = responder(bureau, "王科员", "wang@example.cn")
    supervisor = responder(platform, "赵主任", "zhao@example.cn")
    resident = UserFactory(display_name="张阿姨", email="zhang@example.cn")

    # Thursday 2 April 2026, 10:00: the report, from the footer's link.
    with at(shanghai(2026, 4, 2, 10), tick=True):
        log_in(page, base, resident.email)
        page.goto(base + "/")
        page.locator("footer").get_by_role("link", name="我要反映").click()
        page.wait_for_load_state()
        page.locator("select[name=category]").select_option(str(lights.pk))
        page.locator("select[name=district]").select_option(str(nanming.pk))
        page.locator("input[name=community]").fill("花果园社区")
        page.locator("input[name=place]").fill("花果园大街12号路灯")
        page.locator("textarea[name=description]").fill(
            "路灯不亮已经三天，晚上行人看不清路。"
        )
        page.locator("input[name=photos]").set_input_files(
            jpeg(tmp_path, "light.jpg", "orange")
        )
        page.locator("input[name=is_public]").check()
        screenshot(page, "hotline-report-form")
        submit(page)
        request = Request.objects.get()
        assert page.url.endswith(f"/requests/{request.reference}/")
        assert request.handling_unit == bureau and request.photos.count() == 1
        summary = page.locator(".summary-list").first.inner_text()
        assert "南明区城市管理局" in summary
        # Accept within 1 working day: Friday. Resolve within 5 working days:
        # Friday, then Tuesday to Friday after the Qingming weekend and Monday.
        assert "2026-04-03 10:00" in summary
        assert "2026-04-10 10:00" in summary
        screenshot(page, "hotline-request-submitted")
        log_out(page, base)

    # Friday 3 April, 09:00: the bureau accepts and replies with a photo.
    with at(shanghai(2026, 4, 3, 9), tick=True):
        log_in(page, base, clerk.email)
        handle_and_reply(
            page,
            base,
            request,
            "已派人检修，更换了灯泡。",
            jpeg(tmp_path, "fixed.jpg", "yellow"),
        )
        screenshot(page, "hotline-unit-replied")
        log_out(page, base)

    # Tuesday 7 April (after the long weekend): not satisfied, it reopens.
    with at(shanghai(2026, 4, 7, 10), tick=True):
        log_in(page, base, resident.email)
        rate(page, base, request, "不满意", "晚上还是不亮。")
        assert request.status == Status.SUBMITTED and request.round == 2
        assert request.handling_unit == platform
        text = page.locator("main").inner_text()
        assert "已更换" in text or "更换了灯泡" in text
        assert "不满意" in text and "重新办理" in text  # the rating and the step
        # A fresh resolution deadline: 5 working days from Tuesday.
        assert "2026-04-14 10:00" in page.locator(".summary-list").first.inner_text()
        screenshot(page, "hotline-reopened")
        log_out(page, base)

    # Wednesday 8 April: the supervising platform answers.
    with at(shanghai(2026, 4, 8, 9), tick=True):
        log_in(page, base, supervisor.email)
        handle_and_reply(
            page,
            base,
            request,
            "督办后已更换整套灯具，夜间复查正常。",
            jpeg(tmp_path, "again.jpg", "white"),
        )
        log_out(page, base)

    # Thursday 9 April: satisfied, it closes.
    with at(shanghai(2026, 4, 9, 20), tick=True):
        log_in(page, base, resident.email)
        rate(page, base, request, "满意", "谢谢，现在很亮。")
        assert request.status == Status.CLOSED
        assert "已办结" in page.locator(".summary-list").first.inner_text()
        screenshot(page, "hotline-closed")
        page.goto(base + reverse("hotline:my_requests"))
        assert request.reference in page.locator("main").inner_text()
        log_out(page, base)

    # The public board shows it without the resident's name.
    page.goto(base + reverse("hotline:board"))
    board = page.locator("main").inner_text()
    assert "花果园大街12号路灯" in board and "张阿姨" not in board
    screenshot(page, "hotline-board")


def test_operator_enters_a_call_and_the_caller_looks_it_up(live_server, phones):
    base = live_server.url
    water = UnitFactory(name="贵阳市供水总公司")
    RoutingRule.objects.create(category=Category.objects.get(slug="water"), unit=water)
    operator = make_privileged_group_member(
        "Hotline operators", display_name="话务员小陈", email="chen@example.cn"
    )

    desk = phones()
    log_in(desk, base, operator.email)
    desk.goto(base + reverse("home:dashboard"))
    desk.get_by_role("link", name="登记来电").click()
    desk.wait_for_load_state()
    desk.locator("input[name=caller_name]").fill("李大爷")
    desk.locator("input[name=caller_phone]").fill("13900001111")
    desk.locator("select[name=category]").select_option(label="供水")
    desk.locator("select[name=district]").select_option(index=1)
    desk.locator("input[name=place]").fill("青云路3号")
    desk.locator("textarea[name=description]").fill("早上开始停水，没有接到通知。")
    submit(desk)
    reference = desk.locator("#new-reference").inner_text().strip()
    code = desk.locator("#new-code").inner_text().strip()
    screenshot(desk, "hotline-operator-code")
    assert Request.objects.get(reference=reference).resident is None

    caller = phones()
    caller.goto(base + "/")
    caller.locator("footer").get_by_role("link", name="查询诉求").click()
    caller.wait_for_load_state()
    caller.locator("input[name=reference]").fill(reference)
    caller.locator("input[name=code]").fill(code)
    submit(caller)
    text = caller.locator("main").inner_text()
    assert reference in text and "青云路3号" in text and "贵阳市供水总公司" in text
    assert "李大爷" not in text and "13900001111" not in text
    screenshot(caller, "hotline-lookup")
    assert not caller.csp_errors


PAGES = [
    ("hotline-board-phone", "hotline:board", None),
    ("hotline-annual-phone", "hotline:annual", None),
    ("hotline-lookup-phone", "hotline:lookup", None),
    ("hotline-new-phone", "hotline:request_new", "staff"),
    ("hotline-mine-phone", "hotline:my_requests", "staff"),
    ("hotline-queue-phone", "hotline:queue", "staff"),
    ("hotline-dispatch-phone", "hotline:dispatch", "staff"),
    ("hotline-dashboard-phone", "hotline:dashboard", "staff"),
    ("hotline-operator-phone", "hotline:operator_new", "staff"),
]


def test_every_hotline_page_on_a_phone_passes_axe(live_server, browser):
    """Each page at phone width, screenshotted, without serious or critical
    axe-core violations (the context bypasses CSP to inject axe)."""
    base = live_server.url
    from consultations.hotline import services

    bureau = UnitFactory(name="南明区城市管理局")
    lights = Category.objects.get(slug="city-management")
    RoutingRule.objects.create(category=lights, unit=bureau)
    staff = UserFactory(is_staff=True, is_superuser=True, email="staff@example.cn")
    for number in range(3):
        services.request_submit(
            resident=staff,
            category=lights,
            district=bureau.district,
            place=f"花果园大街{number + 1}号路灯",
            description="路灯不亮已经三天，晚上行人看不清路。",
            is_public=True,
        )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    signed_in = False
    found = {}
    for name, url_name, who in PAGES:
        if who and not signed_in:
            log_in(page, base, staff.email)
            signed_in = True
        page.goto(base + reverse(url_name))
        screenshot(page, name)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    first = Request.objects.order_by("pk").first()
    page.goto(base + reverse("hotline:queue_item", args=[first.reference]))
    screenshot(page, "hotline-queue-item-phone")
    found_item = axe_violations(page)
    context.close()
    assert not found, found
    assert not found_item, found_item
