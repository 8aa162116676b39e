"""The consultation's answers and results walked in a browser (the acceptance
walk of issue 3, continued from test_consultation_walk.py): the issuing unit's
responder answers one comment and then two more in bulk from a saved reply; the
replies show under the comments and the commenters receive the emails (delivered
by a real Celery worker); the consultation closes, staff publish the results from
the admin, and the figures and the CSV/XLSX downloads match the database.

Full-page screenshots land in var/screenshots/consultation-walk-*.png."""

import csv
import io
import re
from datetime import timedelta

from django.utils import timezone

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from consultations.models import (
    Comment,
    ConsultationPage,
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
from tests.e2e.helpers import (
    SCREENSHOTS,
    clause_id,
    messages_text,
    screenshot,
    sign_in,
    submit,
    wait_for_email,
    watched,
)
from tests.factories import (
    TEST_TOTP_SECRET,
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    give_totp,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
    # Removed by a moderator for a confirmed violation: it leaves the figures
    # (a comment only hidden would still be owed an answer, issue 11).
    Comment.objects.filter(pk=comments["钱七"].pk).update(
        status=Comment.Status.REJECTED, violation="spam"
    )
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
