"""The consultations part of ``seed_city`` (run by ``manage.py seed_city``
through ``seed_city_consultations``): open consultations of the city's units,
each with comments by the city's residents, and one in the news with many more;
a tenth of the comments answered. Pages through the ORM, comments in bulk."""

from datetime import timedelta

from django.utils import timezone

from consultations.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    OfficialReply,
    Outcome,
)
from home.city.base import Progress, scaled
from home.city.pages import add_live_page, add_live_pages
from home.models import HomePage, Unit, User

CLAUSES = [
    ("第一条", "目的", "为了推进城市生活垃圾分类管理，改善人居环境，制定本办法。"),
    ("第二条", "适用范围", "本市行政区域内生活垃圾的分类投放、收集、运输和处理。"),
    ("第三条", "居民责任", "居民应当按照规定分类投放生活垃圾，不得随意倾倒。"),
]
BATCH = 5_000


def consultation_index() -> ConsultationIndexPage:
    index = ConsultationIndexPage.objects.order_by("path").first()
    if index is not None:
        return index
    home = HomePage.objects.order_by("path").first()
    return add_live_page(
        home, ConsultationIndexPage(title="公众参与决策", slug="consultations")
    )


def seed_consultations(scale: float, stdout) -> list[ConsultationPage]:
    """``consultations`` pages of ``comments_each`` comments, and one of
    ``big_consultation_comments``."""
    index = consultation_index()
    units = list(Unit.objects.filter(slug__startswith="city-unit-").order_by("pk"))
    authors = list(
        User.objects.filter(email__endswith="@city.example.cn")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not units or not authors:
        return []
    first = ConsultationPage.objects.filter(slug__startswith="city-").count()
    count = scaled("consultations", scale)
    sizes = [scaled("comments_each", scale, least=2)] * count
    sizes.append(scaled("big_consultation_comments", scale, least=10))
    now = timezone.now()
    progress = Progress(stdout, "consultations", sum(sizes))
    pages = add_live_pages(
        index,
        [
            ConsultationPage(
                title=f"城市管理办法（征求意见稿）第{first + offset}号",
                slug=f"city-{first + offset}",
                unit=units[(first + offset) % len(units)],
                summary="城市规模压测：公开征求意见。",
                clauses=[
                    ("clause", {"number": n, "heading": h, "text": t})
                    for n, h, t in CLAUSES
                ],
                opens_at=now - timedelta(days=2),
                closes_at=now + timedelta(days=18),
                reply_deadline=now + timedelta(days=33),
            )
            for offset in range(len(sizes))
        ],
    )
    for offset, (page, size) in enumerate(zip(pages, sizes, strict=True)):
        add_comments(page, size, authors, first + offset, progress)
    progress.finish()
    return pages


def add_comments(page, size, authors, number, progress) -> None:
    due = page.reply_deadline
    for start in range(0, size, BATCH):
        comments = Comment.objects.bulk_create(
            Comment(
                consultation=page,
                author_id=authors[(number * 7 + n) % len(authors)],
                clause_id="",
                body=f"意见{n}：建议在小区增设分类垃圾桶，方便居民投放。",
                status=Comment.Status.PUBLISHED,
                due_at=due,
            )
            for n in range(start, min(start + BATCH, size))
        )
        OfficialReply.objects.bulk_create(
            OfficialReply(
                comment=comment,
                outcome=Outcome.ADOPTED if comment.pk % 2 else Outcome.EXPLAINED,
                body="感谢您的建议，我们将认真研究。",
            )
            for comment in comments[::10]
        )
        progress.advance(len(comments))
