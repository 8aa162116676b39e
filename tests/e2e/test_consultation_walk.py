"""The consultation feature walked in a phone-sized browser, in Chinese, by the
people who use it (the acceptance walk of issue 3):

- residents comment on a clause from the link beside it, support someone else's
  comment (never their own) and report a comment; a comment holding a script
  shows as text and runs nothing;
- a moderator hides the reported comment in the admin queue, with a reason that
  lands in the moderation log, and approves a comment on a pre-moderated
  consultation, which then appears publicly;
- the issuing unit's responder answers one comment and then two more in bulk from
  a saved reply; the replies show under the comments and the commenters receive
  the emails (delivered by a real Celery worker);
- the consultation closes, staff publish the results from the admin, and the
  figures and the CSV/XLSX downloads match the database.

Full-page screenshots land in var/screenshots/consultation-walk-*.png."""

import re

from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from consultations.models import (
    Comment,
    CommentFlag,
    ConsultationPage,
    ModerationDecision,
)
from consultations.services import comments as comment_services
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_consultation,
)
from tests.e2e.helpers import (
    clause_id,
    messages_text,
    screenshot,
    sign_in,
    submit,
    wait_for_email,
    watched,
)
from tests.factories import (
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "zh-CN"}
SCRIPT_BODY = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> 第三条的罚款标准应当公开。"
)


# 1, 2, 4: residents and a moderator ------------------------------------------------


def test_residents_comment_support_and_report_and_a_moderator_decides(
    live_server, page, phones
):
    base = live_server.url
    index = ConsultationIndexPageFactory()
    unit = UnitFactory(name="贵阳市生态环境局")
    consultation = make_consultation(index, unit=unit, slug="waste-sorting")
    pre_moderated = make_consultation(
        index,
        unit=unit,
        slug="green-space",
        title="城市绿地管理规定（征求意见稿）",
        moderation=ConsultationPage.Moderation.PRE,
    )
    zhang = UserFactory(display_name="张三", email="zhangsan@example.cn")
    li = UserFactory(display_name="李四", email="lisi@example.cn")
    wang = UserFactory(display_name="王五", email="wangwu@example.cn")
    moderator = UserFactory(
        display_name="审核员小周", email="mod@example.cn", two_factor=True
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    script_comment = comment_services.comment_create(
        user=wang, consultation=consultation, body=SCRIPT_BODY
    )
    url = base + consultation.url

    # 张三 signs in, follows "comment on 第二条", writes and sends.
    zhang_page = watched(page)
    sign_in(zhang_page, base, zhang)
    zhang_page.goto(url)
    second = zhang_page.locator("li.clause", has_text="第二条")
    second.locator("a.clause__comment-link").click()
    zhang_page.wait_for_load_state()
    assert "clause=" in zhang_page.url
    form = zhang_page.locator("#comment-form form")
    assert form.locator("select[name=clause]").input_value() == clause_id(
        consultation, "第二条"
    )
    body = "建议在第二条中明确农村地区的适用时间表，并给出过渡期。"
    form.locator("textarea[name=body]").fill(body)
    form.locator("[type=submit]").click()
    zhang_page.wait_for_load_state()
    mine = Comment.objects.get(author=zhang, consultation=consultation)
    assert mine.status == Comment.Status.PUBLISHED
    assert mine.clause_id == clause_id(consultation, "第二条")
    assert re.search("已发表|is published", messages_text(zhang_page))
    item = zhang_page.locator(f"#comment-{mine.pk}")
    expect(item.locator(".comment__body")).to_have_text(body)
    expect(item.locator(".comment__clause")).to_contain_text("第二条")
    expect(item.locator(".comment__author")).to_have_text("张三")
    # The clause now counts the comment.
    expect(zhang_page.locator("li.clause", has_text="第二条")).to_contain_text("1")

    # No support button on one's own comment; a crafted request is refused.
    assert item.locator("form[action$='/support/']").count() == 0
    token = zhang_page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    response = zhang_page.request.post(
        f"{base}/consultations/comments/{mine.pk}/support/",
        form={"csrfmiddlewaretoken": token, "next": consultation.url},
        max_redirects=0,
    )
    assert response.status == 302
    zhang_page.goto(url)
    assert re.search(
        "不能附议自己的意见|cannot support your own", messages_text(zhang_page)
    )
    mine.refresh_from_db()
    assert mine.support_count == 0

    # 2. The script in 王五's comment shows as text and runs nothing.
    script_item = zhang_page.locator(f"#comment-{script_comment.pk}")
    expect(script_item.locator(".comment__body")).to_contain_text(
        "<script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    assert script_item.locator("script, img").count() == 0
    screenshot(zhang_page, "consultation-walk-page")

    # 李四 supports 张三's comment and reports 王五's.
    li_page = phones()
    sign_in(li_page, base, li)
    li_page.goto(url)
    theirs = li_page.locator(f"#comment-{mine.pk}")
    theirs.locator("form[action$='/support/'] [type=submit]").click()
    li_page.wait_for_load_state()
    theirs = li_page.locator(f"#comment-{mine.pk}")
    expect(theirs.locator(".comment__supports")).to_contain_text("1")
    assert theirs.locator("form[action$='/support/']").count() == 0  # supported once
    mine.refresh_from_db()
    assert mine.support_count == 1

    reported = li_page.locator(f"#comment-{script_comment.pk}")
    reported.locator("summary").click()
    reported.locator("select[name=reason]").select_option(CommentFlag.Reason.SPAM)
    reported.locator("input[name=note]").fill("与条文无关的代码")
    reported.locator("form[action$='/flag/'] [type=submit]").click()
    li_page.wait_for_load_state()
    flag = CommentFlag.objects.get(comment=script_comment)
    assert (flag.user, flag.reason, flag.note) == (li, "spam", "与条文无关的代码")
    expect(
        li_page.locator(f"#comment-{script_comment.pk} .comment__report")
    ).to_have_count(0)
    assert re.search("举报|report", messages_text(li_page), re.I)

    # 4. The moderator finds the reported comment in the admin queue and hides it.
    mod_page = phones()
    sign_in(mod_page, base, moderator)
    mod_page.goto(base + "/admin/moderation/")
    row = mod_page.locator(
        "tr",
        has=mod_page.locator(
            f"a[href$='/admin/moderation/comments/{script_comment.pk}/']"
        ),
    )
    expect(row).to_contain_text("广告或垃圾信息")  # the report's reason
    screenshot(mod_page, "consultation-walk-moderation-queue")
    row.locator(f"a[href$='/comments/{script_comment.pk}/']").first.click()
    mod_page.wait_for_load_state()
    expect(mod_page.locator("main")).to_contain_text("与条文无关的代码")  # the note
    mod_page.locator("input[name=action][value=hide]").check()
    hide_reason = "与征求意见内容无关，且含有代码。"
    mod_page.locator("textarea[name=reason]").fill(hide_reason)
    submit(mod_page, "main form[method=post]")
    script_comment.refresh_from_db()
    assert script_comment.status == Comment.Status.HIDDEN
    decision = ModerationDecision.objects.get(comment=script_comment)
    assert (decision.moderator, decision.action) == (moderator, "hide")
    mod_page.goto(base + "/admin/moderation-log/")
    log_row = mod_page.locator("tr", has_text=hide_reason)
    expect(log_row).to_contain_text("审核员小周")
    expect(log_row).to_contain_text("已隐藏")
    wait_for_email(wang.email, hide_reason)
    li_page.goto(url)
    expect(li_page.locator(f"#comment-{script_comment.pk}")).to_have_count(0)

    # A pre-moderated consultation: 张三's comment waits for the moderator.
    pre_url = base + pre_moderated.url
    zhang_page.goto(pre_url)
    pending_body = "绿地开放时间应当延长到晚上十点，方便下班的居民。"
    form = zhang_page.locator("#comment-form form")
    form.locator("textarea[name=body]").fill(pending_body)
    form.locator("[type=submit]").click()
    zhang_page.wait_for_load_state()
    pending = Comment.objects.get(author=zhang, consultation=pre_moderated)
    assert pending.status == Comment.Status.PENDING
    assert re.search("审核|moderator", messages_text(zhang_page))
    own = zhang_page.locator(".comments__own")
    expect(own).to_contain_text(pending_body)
    expect(own.locator(".badge--warning")).to_contain_text("待审核")
    li_page.goto(pre_url)
    assert pending_body not in li_page.locator("main").inner_text()

    mod_page.goto(base + "/admin/moderation/?tab=pending")
    mod_page.locator(f"input[name=comments][value='{pending.pk}']").check()
    mod_page.fill("#bulk-reason", "内容与本次征求意见相关，予以发布。")
    submit(mod_page, "#bulk-approve-form")
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PUBLISHED
    assert ModerationDecision.objects.filter(comment=pending, action="approve").exists()
    wait_for_email(zhang.email, "予以发布")
    li_page.goto(pre_url)
    expect(li_page.locator(f"#comment-{pending.pk} .comment__body")).to_have_text(
        pending_body
    )

    for person in (zhang_page, li_page):
        assert person.dialogs == []
        assert person.csp_errors == []
