"""CSV and XLSX downloads of a closed consultation's published comments and their
replies: the right rows, readable in Excel, and no personal data."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from consultations.models import Comment, OfficialReply, Outcome
from tests.consultations.factories import make_consultation
from tests.factories import UserFactory

Status = Comment.Status


@pytest.fixture
def closed(consultation_index, issuing_unit):
    return make_consultation(consultation_index, unit=issuing_unit, phase="closed")


@pytest.fixture
def author():
    return UserFactory(
        display_name="王小明", email="wangxiaoming@example.cn", phone="+8613812345678"
    )


@pytest.fixture
def comments(closed, author, responder):
    first_clause = closed.clause_list[0]["id"]
    made = {}
    made["adopted"] = Comment.objects.create(
        consultation=closed,
        author=author,
        clause_id=first_clause,
        body="建议在小区增设分类回收点。",
        support_count=7,
        show_masked_name=True,
        due_at=closed.reply_deadline,
    )
    OfficialReply.objects.create(
        comment=made["adopted"],
        responder=responder,
        outcome=Outcome.ADOPTED,
        body="已采纳，将在第三条中增加相关规定。",
    )
    made["not_adopted"] = Comment.objects.create(
        consultation=closed,
        author=author,
        body='=HYPERLINK("http://evil.example") 建议取消罚款。',
        due_at=closed.reply_deadline,
    )
    OfficialReply.objects.create(
        comment=made["not_adopted"],
        responder=responder,
        outcome=Outcome.NOT_ADOPTED,
        body="未采纳。",
        reason="罚则由上位法规定。",
    )
    made["unanswered"] = Comment.objects.create(
        consultation=closed,
        author=author,
        body="希望延长征求意见的时间。",
        due_at=closed.reply_deadline,
    )
    for status in (Status.PENDING, Status.HIDDEN, Status.REJECTED):
        Comment.objects.create(
            consultation=closed,
            author=author,
            body=f"不应出现在导出中的意见（{status}）",
            status=status,
            due_at=closed.reply_deadline,
        )
    return made


PERSONAL = ("王小明", "王*", "wangxiaoming", "13812345678", "5678", "王答复")


def read_csv(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark for Excel
    text = content.decode("utf-8-sig")
    return text, list(csv.reader(io.StringIO(text)))


def test_csv_holds_every_published_comment_with_its_reply(client, closed, comments):
    response = client.get(f"/consultations/{closed.pk}/comments.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text, rows = read_csv(response)
    header, *body = rows
    assert len(header) == 9
    assert len(body) == 3
    by_id = {int(row[0]): row for row in body}
    adopted = by_id[comments["adopted"].pk]
    assert adopted[1] == "第一条"
    assert adopted[2] == "建议在小区增设分类回收点。"
    assert adopted[3] == "7"
    assert adopted[4] == timezone.localtime(comments["adopted"].created_at).strftime(
        "%Y-%m-%d %H:%M"
    )
    assert adopted[5] == str(Outcome.ADOPTED.label)
    assert adopted[6] == "已采纳，将在第三条中增加相关规定。"
    assert adopted[8]
    not_adopted = by_id[comments["not_adopted"].pk]
    assert not_adopted[7] == "罚则由上位法规定。"
    # A formula is neutralised, so a spreadsheet shows it as text.
    assert not_adopted[2].startswith("'=")
    unanswered = by_id[comments["unanswered"].pk]
    assert unanswered[5:] == ["", "", "", ""]
    assert "不应出现" not in text
    for private in PERSONAL:
        assert private not in text


def test_xlsx_holds_the_same_rows_without_personal_data(client, closed, comments):
    response = client.get(f"/consultations/{closed.pk}/comments.xlsx")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header, *body = list(sheet.values)
    assert len(header) == 9
    assert {row[0] for row in body} == {comment.pk for comment in comments.values()}
    formula_row = next(row for row in body if row[0] == comments["not_adopted"].pk)
    assert formula_row[2].startswith("'=HYPERLINK")  # text with the mark, as in CSV
    assert sheet.cell(row=body.index(formula_row) + 2, column=3).data_type == "s"
    everything = " ".join(str(value) for row in sheet.values for value in row)
    assert "不应出现" not in everything
    for private in PERSONAL:
        assert private not in everything


def test_downloads_wait_for_the_consultation_to_close(client, consultation):
    assert (
        client.get(f"/consultations/{consultation.pk}/comments.csv").status_code == 404
    )
    assert (
        client.get(f"/consultations/{consultation.pk}/comments.xlsx").status_code == 404
    )


def test_ten_thousand_rows_export_with_a_fixed_number_of_queries(
    client, closed, author, django_assert_max_num_queries
):
    Comment.objects.bulk_create(
        Comment(
            consultation=closed,
            author=author,
            body=f"第{number}条意见的内容。",
            due_at=closed.reply_deadline,
            created_at=timezone.now() - timedelta(minutes=number),
        )
        for number in range(10_000)
    )
    with django_assert_max_num_queries(12):
        response = client.get(f"/consultations/{closed.pk}/comments.csv")
        _text, rows = read_csv(response)
    assert len(rows) == 10_001
