"""A consultation with 10,000 published comments, half answered: latency and
queries of its page (first page, a deep page, one clause), its results section
once closed, its CSV export, and the index (printed by `make bench`)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply
from consultations.selectors.comments import encode_cursor
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    add_comments,
    make_consultation,
)
from tests.factories import UnitFactory, UserFactory
from tests.performance.helpers import measure

pytestmark = pytest.mark.django_db


def test_consultation_with_10000_comments(client, capsys):
    index = ConsultationIndexPageFactory()
    unit = UnitFactory(name="贵阳市生态环境局")
    page = make_consultation(index, unit=unit)
    authors = [UserFactory() for _ in range(50)]
    clause_ids = [clause["id"] for clause in page.clause_list]
    for clause_id in ["", *clause_ids]:
        add_comments(page, count=2500, authors=authors, clause_id=clause_id)
    answered = Comment.objects.filter(consultation=page).values_list("pk", flat=True)
    OfficialReply.objects.bulk_create(
        [
            OfficialReply(comment_id=pk, outcome="explained", body="说明。")
            for pk in answered
            if pk % 2
        ],
        batch_size=2000,
    )
    middle = Comment.objects.filter(consultation=page).order_by("pk")[5000]
    deep = f"{page.url}?after={encode_cursor(middle)}"
    rows = [
        ("consultation page (open)", page.url),
        (
            "consultation page, one clause",
            f"{page.url}?comments_clause={clause_ids[1]}",
        ),
        ("consultation page, deep keyset page", deep),
        ("consultation index", index.url),
    ]
    figures = [(label, measure(client, path)) for label, path in rows]
    page.opens_at = timezone.now() - timedelta(days=40)
    page.closes_at = timezone.now() - timedelta(days=20)
    page.save(update_fields=["opens_at", "closes_at"])
    figures.append(
        ("consultation page (closed, with results)", measure(client, page.url))
    )
    export = f"/consultations/{page.pk}/comments.csv"
    figures.append(("CSV export of 10,000 comments", measure(client, export)))
    with capsys.disabled():
        print(
            f"\n{'10,000 comments':45} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
        )
        for label, figure in figures:
            print(
                f"{label:45} {figure['median_ms']:>10} {figure['p95_ms']:>8} "
                f"{figure['queries']:>8}"
            )
