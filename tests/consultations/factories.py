"""Factories and helpers for the consultations app's tests: the consultations
section, consultations in each phase, and comments in bulk."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import factory

from consultations.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    OfficialReply,
    Outcome,
)
from tests.factories import PublishedPageFactory, UnitFactory, site_home

CLAUSES = [
    ("第一条", "目的", "为了推进城市生活垃圾分类管理，改善人居环境，制定本办法。"),
    ("第二条", "适用范围", "本市行政区域内生活垃圾的分类投放、收集、运输和处理。"),
    ("第三条", "居民责任", "居民应当按照规定分类投放生活垃圾，不得随意倾倒。"),
]

# When each phase's consultation opened, from now.
OPENS_AFTER = {
    "upcoming": timedelta(days=2),
    "open": -timedelta(days=2),
    "closed": -timedelta(days=30),
    "concluded": -timedelta(days=60),
}


class ConsultationIndexPageFactory(PublishedPageFactory):
    """The consultations section, under the site's home page."""

    class Meta:
        model = ConsultationIndexPage

    parent = factory.LazyFunction(site_home)
    title = "公众参与决策"
    slug = "consultations"


class ConsultationPageFactory(PublishedPageFactory):
    """A published consultation of ``unit`` in ``phase`` (upcoming, open, closed,
    concluded) with three clauses; ``parent`` is the consultations section."""

    class Meta:
        model = ConsultationPage

    class Params:
        phase = "open"
        now = factory.LazyFunction(timezone.now)

    title = "生活垃圾分类管理办法（征求意见稿）"
    slug = factory.LazyAttribute(
        lambda page: f"consultation-{page.phase}-{ConsultationPage.objects.count()}"
    )
    unit = factory.SubFactory(UnitFactory)
    summary = "贵阳市拟出台生活垃圾分类管理办法，现公开征求意见。"
    clauses = factory.LazyFunction(
        lambda: [
            ("clause", {"number": number, "heading": heading, "text": text})
            for number, heading, text in CLAUSES
        ]
    )
    opens_at = factory.LazyAttribute(lambda page: page.now + OPENS_AFTER[page.phase])
    closes_at = factory.LazyAttribute(lambda page: page.opens_at + timedelta(days=20))
    reply_deadline = factory.LazyAttribute(
        lambda page: page.closes_at + timedelta(days=15)
    )
    results_published_at = factory.LazyAttribute(
        lambda page: page.now - timedelta(days=1) if page.phase == "concluded" else None
    )


def make_consultation(
    index, *, unit, phase="open", title="生活垃圾分类管理办法（征求意见稿）", **extra
):
    """A published consultation in the given phase (upcoming, open, closed,
    concluded), with three clauses, read back from the database."""
    page = ConsultationPageFactory(
        parent=index, unit=unit, phase=phase, title=title, **extra
    )
    return ConsultationPage.objects.get(pk=page.pk)


def add_comments(consultation, *, count, authors, clause_id="", replies=0, **extra):
    """``count`` comments (one bulk insert), the first ``replies`` answered."""
    now = timezone.now()
    Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                author=authors[number % len(authors)],
                clause_id=clause_id,
                body=f"意见{number}：建议在小区增设分类垃圾桶。",
                status=extra.get("status", Comment.Status.PUBLISHED),
                due_at=now + timedelta(days=30),
            )
            for number in range(count)
        ],
        batch_size=2000,
    )
    if replies:
        ids = list(
            Comment.objects.filter(consultation=consultation)
            .order_by("pk")
            .values_list("pk", flat=True)[:replies]
        )
        OfficialReply.objects.bulk_create(
            [
                OfficialReply(
                    comment_id=pk,
                    outcome=Outcome.NOT_ADOPTED if pk % 2 else Outcome.ADOPTED,
                    body="感谢您的建议。",
                    reason="与上位法规定不一致。" if pk % 2 else "",
                )
                for pk in ids
            ],
            batch_size=2000,
        )


def make_comment(consultation, author, *, body="建议增加分类垃圾桶的数量。", **extra):
    extra.setdefault("status", Comment.Status.PUBLISHED)
    extra.setdefault("due_at", timezone.now() + timedelta(days=10))
    return Comment.objects.create(
        consultation=consultation, author=author, body=body, **extra
    )


def answer_url(comment):
    return reverse("consultations:respond_comment", args=[comment.pk])
