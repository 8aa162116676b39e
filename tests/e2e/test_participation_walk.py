"""In a real browser at phone width: a resident opens their own pages, reaches
"我的参与" by the pages' menu, finds their comments with the official answers
(and the one a moderator hid, with the reason), follows the link to a comment on
its consultation page, and every page passes axe-core (no serious or critical
violations)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import (
    Comment,
    ConsultationFollow,
    ModerationDecision,
    OfficialReply,
    Outcome,
)
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.e2e.helpers import axe_violations, log_in, screenshot, watched
from tests.factories import UnitFactory, UserFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    make_activity,
    sign_up,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def phone_page(browser):
    """Phone width, Chinese, with CSP bypassed so that axe-core can be injected."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    page = watched(context.new_page())
    yield page
    context.close()


def test_a_resident_finds_their_comments_and_answers(live_server, phone_page):
    page, base = phone_page, live_server.url
    unit = UnitFactory(name="贵阳市生态环境局")
    index = ConsultationIndexPageFactory()
    consultation = make_consultation(index, unit=unit)
    resident = UserFactory(email="resident@example.cn", display_name="小李")
    neighbour = UserFactory(display_name="邻居")
    answered = make_comment(consultation, resident, body="建议在小区门口增设回收点。")
    OfficialReply.objects.create(
        comment=answered,
        outcome=Outcome.ADOPTED,
        body="采纳，明年在全市推广。",
    )
    hidden = make_comment(
        consultation,
        resident,
        body="楼下餐馆的油烟问题希望尽快处理。",
        status=Comment.Status.HIDDEN,
    )
    ModerationDecision.objects.create(
        comment=hidden,
        action=ModerationDecision.Action.HIDE,
        reason="含有他人电话号码，请删除后重新发表。",
    )
    make_comment(consultation, neighbour, body="邻居的意见不应出现。")
    ConsultationFollow.objects.create(user=resident, consultation=consultation)
    activity = make_activity(
        ActivityIndexPageFactory(), unit=unit, title="河滨公园清洁行动"
    )
    sign_up(activity.shifts.get(), VolunteerFactory(user=resident))
    Comment.objects.filter(pk=answered.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )

    log_in(page, base, resident.email)
    page.goto(base + "/me/")
    page.locator("nav.me-nav").get_by_role("link", name="我的参与").click()
    page.wait_for_load_state()
    assert page.url.endswith("/me/participation/")
    screenshot(page, "my-participation-phone")

    comments = page.locator("#my-comments")
    assert comments.get_by_text("建议在小区门口增设回收点。").is_visible()
    assert comments.get_by_text("采纳，明年在全市推广。").is_visible()
    assert comments.locator(".outcome-badge", has_text="采纳").count() == 1
    assert comments.get_by_text("含有他人电话号码，请删除后重新发表。").is_visible()
    assert "邻居的意见" not in page.content()
    follows = page.locator("#my-follows")
    assert follows.get_by_role("link", name=consultation.title).is_visible()
    signups = page.locator("#my-signups")
    assert signups.get_by_role("link", name="河滨公园清洁行动").is_visible()
    problems = axe_violations(page)
    assert not problems, problems
    assert not page.csp_errors

    comments.get_by_role("link", name=consultation.title).first.click()
    page.wait_for_load_state()
    assert page.locator(f"#comment-{answered.pk}").is_visible()

    page.goto(base + "/consultations/my-comments/")
    assert page.get_by_text("采纳，明年在全市推广。").is_visible()
    problems = axe_violations(page)
    assert not problems, problems
