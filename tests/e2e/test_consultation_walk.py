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

import csv
import io
import re
import time
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from consultations.models import (
    Comment,
    CommentFlag,
    ConsultationPage,
    ModerationDecision,
    OfficialReply,
    Outcome,
    ReplyTemplate,
)
from consultations.services import comments as comment_services
from home.models import UnitMembership
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_consultation,
)
from tests.e2e.helpers import SCREENSHOTS, screenshot, sign_in, submit, watched
from tests.factories import (
    TEST_TOTP_SECRET,
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    give_totp,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "zh-CN"}
SCRIPT_BODY = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> 第三条的罚款标准应当公开。"
)


# Helpers ------------------------------------------------------------------------


@pytest.fixture
def phones(browser):
    """Opens more phone-sized windows (one per person), each with its own cookies,
    the site's CSP in force, and a record of any dialog (alert) or CSP report."""
    contexts = []

    def open_phone():
        context = browser.new_context(**PHONE)
        contexts.append(context)
        return watched(context.new_page())

    yield open_phone
    for context in contexts:
        context.close()


def wait_for_email(address, *needles, timeout=30):
    """The email to ``address`` containing every needle, once the outbox task has
    delivered it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            text = f"{message.subject}\n{message.body}"
            if address in message.to and all(needle in text for needle in needles):
                return message
        time.sleep(0.2)
    sent = [(m.to, m.subject) for m in mail.outbox]
    raise AssertionError(f"no email to {address} with {needles} in {timeout} s: {sent}")


def messages_text(page) -> str:
    return (
        page.locator(".messages").inner_text()
        if page.locator(".messages").count()
        else ""
    )


def clause_id(consultation, number):
    return next(c["id"] for c in consultation.clause_list if c["number"] == number)


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
    moderator = UserFactory(display_name="审核员小周", email="mod@example.cn")
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


# 3, 5, 6: the responder, the results, the downloads --------------------------------


def test_responder_answers_then_staff_publish_the_results(
    live_server, page, phones, real_worker
):
    base = live_server.url
    index = ConsultationIndexPageFactory()
    unit = UnitFactory(name="贵阳市生态环境局")
    consultation = make_consultation(index, unit=unit, slug="waste-sorting")
    responder = UserFactory(display_name="王答复", email="responder@example.cn")
    UnitMembershipFactory(unit=unit, user=responder, role=UnitMembership.Role.RESPONDER)
    people = {
        name: UserFactory(display_name=name, email=f"{slug}@example.cn")
        for name, slug in [
            ("张三", "zhangsan"),
            ("李四", "lisi"),
            ("王五", "wangwu"),
            ("赵六", "zhaoliu"),
            ("钱七", "qianqi"),
        ]
    }
    texts = {
        "张三": ("第二条", "建议第二条写明农村地区的实施时间表。"),
        "李四": ("第一条", "第一条的目的里应当加上减少填埋量。"),
        "王五": ("", "希望整个办法配套发放分类垃圾桶。"),
        "赵六": ("第三条", "第三条应当说明违规投放的处罚标准。"),
        "钱七": ("第三条", "这是一条被隐藏的意见，不应计入结果。"),
    }
    comments = {
        name: comment_services.comment_create(
            user=people[name],
            consultation=consultation,
            body=body,
            clause_id=clause_id(consultation, number) if number else "",
            show_masked_name=name == "张三",
        )
        for name, (number, body) in texts.items()
    }
    Comment.objects.filter(pk=comments["钱七"].pk).update(status=Comment.Status.HIDDEN)
    template = ReplyTemplate.objects.create(
        unit=unit,
        title="感谢建议（采纳）",
        outcome=Outcome.ADOPTED,
        body="感谢您的建议，我们已在修订稿中采纳。",
    )

    # 3. The responder answers 张三 singly …
    responder_page = watched(page)
    sign_in(responder_page, base, responder)
    responder_page.goto(base + "/consultations/respond/")
    zhang_item = responder_page.locator("li.respond-item", has_text=texts["张三"][1])
    zhang_item.locator("a.respond-item__action").click()
    responder_page.wait_for_load_state()
    single_reply = "感谢您的建议。城区先行实施，农村地区的时间表将另行公布。"
    responder_page.locator("select[name=outcome]").select_option(Outcome.PARTLY_ADOPTED)
    responder_page.locator("textarea[name=body]").fill(single_reply)
    submit(responder_page, "main form.form")
    assert responder_page.url.endswith("/consultations/respond/"), responder_page.url
    reply = OfficialReply.objects.get(comment=comments["张三"])
    assert (reply.outcome, reply.body, reply.responder) == (
        "partly",
        single_reply,
        responder,
    )

    # … then 李四 and 王五 in bulk from the saved reply.
    for name in ("李四", "王五"):
        responder_page.locator(f"#select-comment-{comments[name].pk}").check()
    responder_page.locator(".respond-bulk select[name=template]").select_option(
        str(template.pk)
    )
    submit(responder_page, ".respond-bulk")
    assert re.search(r"2", messages_text(responder_page))
    for name in ("李四", "王五"):
        bulk_reply = OfficialReply.objects.get(comment=comments[name])
        assert (bulk_reply.outcome, bulk_reply.body) == ("adopted", template.body)
    assert not OfficialReply.objects.filter(comment=comments["赵六"]).exists()
    remaining = responder_page.locator("li.respond-item")
    expect(remaining).to_have_count(1)  # only 赵六's is still unanswered
    expect(remaining).to_contain_text(texts["赵六"][1])
    responder_page.goto(base + "/consultations/respond/?status=all")
    screenshot(responder_page, "consultation-walk-responder-dashboard")

    # The replies show under the comments on the public page …
    visitor = phones()
    url = base + consultation.url
    visitor.goto(url)
    zhang_reply = visitor.locator(f"#comment-{comments['张三'].pk} .reply")
    expect(zhang_reply).to_contain_text(single_reply)
    expect(zhang_reply.locator(".outcome-badge")).to_have_text("部分采纳")
    expect(
        visitor.locator(f"#comment-{comments['张三'].pk} .comment__author")
    ).to_have_text("张*")
    li_reply = visitor.locator(f"#comment-{comments['李四'].pk} .reply")
    expect(li_reply).to_contain_text(template.body)
    expect(li_reply.locator(".outcome-badge")).to_have_text("采纳")

    # … and the commenters are emailed the outcome (delivered by the worker).
    wait_for_email(people["张三"].email, "部分采纳", single_reply)
    wait_for_email(people["李四"].email, "采纳", template.body)
    wait_for_email(people["王五"].email, "采纳", template.body)

    # 5. The consultation closes (the phase follows the clock) …
    now = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=21), closes_at=now - timedelta(hours=1)
    )
    visitor.goto(url)
    expect(visitor.locator("#results")).to_be_visible()
    expect(visitor.locator("#comment-form a.clause__comment-link")).to_have_count(0)
    assert visitor.locator("#comment-form form").count() == 0

    # … staff publish the results through the admin …
    staff = UserFactory(
        display_name="市政府工作人员",
        email="staff@example.cn",
        is_staff=True,
        is_superuser=True,
    )
    give_totp(staff)
    staff_page = phones()
    sign_in(staff_page, base, staff, totp_secret=TEST_TOTP_SECRET)
    staff_page.goto(base + "/admin/consultation-results/")
    staff_page.locator(
        f"a[href$='/consultation-results/{consultation.pk}/publish/']"
    ).click()
    staff_page.wait_for_load_state()
    submit(staff_page, "main form[method=post]")
    consultation.refresh_from_db()
    assert consultation.results_published_at is not None

    # … and the results match a direct count in the database.
    published = Comment.objects.filter(
        consultation=consultation, status=Comment.Status.PUBLISHED
    )
    published_count = published.count()
    answered_count = published.filter(reply__isnull=False).count()
    assert (published_count, answered_count) == (4, 3)
    visitor.goto(url)
    results = visitor.locator("#results")
    numbers = results.locator(".results__figure .results__number")
    shown = [text.strip() for text in numbers.all_inner_texts()]
    assert shown[:3] == [
        str(published_count),
        str(answered_count),
        f"{answered_count * 100 / published_count:.1f}%",
    ]
    header = visitor.locator(".consultation__dates .summary-list__row")
    expect(header.nth(2).locator("dd")).to_have_text(str(published_count))
    outcome_rows = results.locator("table").last.locator("tbody tr")
    outcomes = {}
    for row in outcome_rows.all():
        outcomes[row.locator("th").inner_text().strip()] = (
            row.locator("td").first.inner_text().strip()
        )
    assert (outcomes["部分采纳"], outcomes["采纳"], outcomes["未采纳"]) == (
        "1",
        "2",
        "0",
    )
    screenshot(visitor, "consultation-walk-results-page")
    results.screenshot(path=str(SCREENSHOTS / "consultation-walk-results-section.png"))

    # The downloads open, hold the comments and replies, and no personal data.
    with visitor.expect_download() as download_info:
        results.locator("a[href$='comments.csv']").click()
    csv_text = download_info.value.path().read_bytes().decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(csv_text)))
    xlsx = visitor.request.get(base + f"/consultations/{consultation.pk}/comments.xlsx")
    assert xlsx.ok
    sheet = load_workbook(io.BytesIO(xlsx.body()), read_only=True).active
    xlsx_rows = [
        ["" if value is None else str(value) for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    for rows in (csv_rows, xlsx_rows):
        assert len(rows) == 1 + published_count
        dumped = "\n".join("\t".join(row) for row in rows)
        for name in ("张三", "李四", "王五", "赵六"):
            assert texts[name][1] in dumped
        assert texts["钱七"][1] not in dumped
        assert single_reply in dumped and template.body in dumped
        for person in people.values():
            assert person.display_name not in dumped
            assert person.email not in dumped
        assert "张*" not in dumped
        assert responder.display_name not in dumped

    for person in (responder_page, visitor):
        assert person.dialogs == []
        assert person.csp_errors == []
