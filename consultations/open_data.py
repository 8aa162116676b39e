"""Consultations' open datasets (home.open_data): consultations, their published
comments with official replies (no author: as the comment downloads), and the
answer rates per unit and month."""

from django.utils import timezone

from consultations.selectors.answer_rates import (
    answer_rate,
    monthly_answer_rates,
    unit_answer_rates,
)
from consultations.selectors.index import public_consultations
from consultations.selectors.results import consultation_export_rows
from home.open_data import Dataset, Field, register


def _consultations():
    for page in public_consultations(now=timezone.now()).order_by("pk"):
        yield (
            page.pk,
            page.title,
            page.unit.name,
            page.topic.name if page.topic_id else "",
            page.district.code if page.district_id else "",
            page.phase,
            page.opens_at,
            page.closes_at,
            page.published_comment_count,
            page.answered_comment_count,
            answer_rate(
                published=page.published_comment_count,
                answered=page.answered_comment_count,
            ),
        )


def _comments():
    for page in public_consultations(now=timezone.now()).order_by("pk"):
        for row in consultation_export_rows(consultation=page):
            yield (page.pk, *row)


def _unit_rates():
    for row in unit_answer_rates():
        median = row.median.total_seconds() if row.median is not None else None
        yield (
            row.unit.slug,
            row.unit.name,
            row.consultations,
            row.published,
            row.answered,
            row.overdue,
            row.rate,
            median,
        )


def _monthly_rates():
    for row in monthly_answer_rates():
        yield (row["month"], row["published"], row["answered"], row["rate"])


register(
    Dataset(
        slug="consultations",
        title_zh="征求意见",
        title_en="Consultations",
        fields=(
            Field("id", "征求意见编号", "Consultation id"),
            Field("title", "标题", "Title"),
            Field("unit", "发布单位", "Issuing unit"),
            Field("topic", "主题", "Topic"),
            Field("district_code", "区县代码", "District code"),
            Field("phase", "阶段", "Phase"),
            Field("opens_at", "开始时间", "Opens at"),
            Field("closes_at", "截止时间", "Closes at"),
            Field("comments", "应答复意见数", "Comments owed an answer"),
            Field("answered", "已答复意见数", "Comments answered"),
            Field("answer_rate", "答复率（%）", "Answer rate (%)"),
        ),
        rows=_consultations,
    )
)
register(
    Dataset(
        slug="comments",
        title_zh="公开意见及官方答复",
        title_en="Published comments and official replies",
        fields=(
            Field("consultation_id", "征求意见编号", "Consultation id"),
            Field("id", "意见编号", "Comment id"),
            Field("clause_id", "条款标识", "Clause id (empty: the whole text)"),
            Field("body", "意见内容", "Comment"),
            Field("support_count", "附议数", "Supports"),
            Field("created_at", "提交时间", "Submitted at"),
            Field("reply_outcome", "答复结果", "Reply outcome"),
            Field("reply_body", "答复内容", "Reply"),
            Field("reply_reason", "不采纳理由", "Reason (not adopted)"),
            Field("reply_created_at", "答复时间", "Answered at"),
        ),
        rows=_comments,
    )
)
register(
    Dataset(
        slug="answer-rates-units",
        title_zh="各单位答复率",
        title_en="Answer rates by unit",
        fields=(
            Field("unit_slug", "单位标识", "Unit identifier"),
            Field("unit", "单位", "Unit"),
            Field("consultations", "征求意见数", "Consultations"),
            Field("comments", "应答复意见数", "Comments owed an answer"),
            Field("answered", "已答复", "Answered"),
            Field("overdue", "逾期未答复", "Overdue"),
            Field("answer_rate", "答复率（%）", "Answer rate (%)"),
            Field("median_seconds", "答复用时中位数（秒）", "Median time (s)"),
        ),
        rows=_unit_rates,
    )
)
register(
    Dataset(
        slug="answer-rates-months",
        title_zh="每月答复率",
        title_en="Answer rates by month",
        fields=(
            Field("month", "月份", "Month (YYYY-MM, Asia/Shanghai)"),
            Field("comments", "应答复意见数", "Comments owed an answer"),
            Field("answered", "已答复", "Answered"),
            Field("answer_rate", "答复率（%）", "Answer rate (%)"),
        ),
        rows=_monthly_rates,
    )
)
