"""Answer rates per unit: the figures, the city-wide table and its sorting."""

import statistics
from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply, Outcome
from consultations.selectors.answer_rates import (
    removed_comments,
    unit_answer_rate,
    unit_answer_rates,
)
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory

Status = Comment.Status


def comments_for(consultation, author, *, answered_after_hours, unanswered=0):
    """One published comment per delay in ``answered_after_hours`` (answered that
    many hours later), plus ``unanswered`` published comments without a reply."""
    start = consultation.closes_at - timedelta(days=3)
    for hours in [*answered_after_hours, *([None] * unanswered)]:
        comment = Comment.objects.create(
            consultation=consultation,
            author=author,
            body="请尽快答复这条意见。",
            due_at=consultation.reply_deadline,
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=start)
        if hours is not None:
            reply = OfficialReply.objects.create(
                comment=comment, outcome=Outcome.EXPLAINED, body="已说明。"
            )
            OfficialReply.objects.filter(pk=reply.pk).update(
                created_at=start + timedelta(hours=hours)
            )


@pytest.fixture
def units(consultation_index, resident):
    fast = UnitFactory(name="甲单位")  # 3 of 4 answered, fast
    slow = UnitFactory(name="乙单位")  # 2 of 2 answered, slowly
    silent = UnitFactory(name="丙单位")  # 0 of 3 answered
    open_only = UnitFactory(name="丁单位")  # only an open consultation
    UnitFactory(name="戊单位")  # never consulted: not listed
    for unit, delays, unanswered in (
        (fast, [1, 2, 30], 1),
        (slow, [100, 200], 0),
        (silent, [], 3),
    ):
        closed = make_consultation(
            consultation_index, unit=unit, phase="closed", title=f"{unit.name}的意见稿"
        )
        comments_for(
            closed, resident, answered_after_hours=delays, unanswered=unanswered
        )
        # Pending comments, and comments a moderator removed for a confirmed
        # violation, never count (hidden ones do: see below).
        for status, violation in ((Status.PENDING, ""), (Status.REJECTED, "spam")):
            Comment.objects.create(
                consultation=closed,
                author=resident,
                body="不计入统计的意见。",
                status=status,
                violation=violation,
                due_at=closed.reply_deadline,
            )
    still_open = make_consultation(consultation_index, unit=open_only, phase="open")
    comments_for(still_open, resident, answered_after_hours=[], unanswered=2)
    # An open consultation does not count towards a unit's rate yet.
    comments_for(
        make_consultation(consultation_index, unit=fast, phase="open"),
        resident,
        answered_after_hours=[],
        unanswered=5,
    )
    return {"fast": fast, "slow": slow, "silent": silent, "open_only": open_only}


def test_unit_answer_rate_counts_published_comments_on_closed_consultations(units):
    published, answered, rate, median = unit_answer_rate(unit=units["fast"])
    assert (published, answered, rate) == (4, 3, 75.0)
    assert median == timedelta(hours=statistics.median([1, 2, 30]))

    slow = unit_answer_rate(unit=units["slow"])
    assert (slow.published, slow.answered, slow.rate) == (2, 2, 100.0)
    assert slow.median == timedelta(hours=150)

    silent = unit_answer_rate(unit=units["silent"])
    assert (silent.published, silent.answered, silent.rate, silent.median) == (
        3,
        0,
        0.0,
        None,
    )
    assert unit_answer_rate(unit=units["open_only"]) == (0, 0, None, None)


def names(rows):
    return [row.unit.name for row in rows]


def test_the_table_sorts_by_rate_median_comments_and_name(
    units, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        by_rate = unit_answer_rates(sort="rate")
    assert names(by_rate) == ["乙单位", "甲单位", "丙单位", "丁单位"]
    assert names(unit_answer_rates(sort="-rate")) == [
        "丙单位",
        "甲单位",
        "乙单位",
        "丁单位",
    ]
    # Fastest first; units without an answered comment go last.
    assert names(unit_answer_rates(sort="median"))[:2] == ["甲单位", "乙单位"]
    assert names(unit_answer_rates(sort="-median"))[:2] == ["乙单位", "甲单位"]
    assert names(unit_answer_rates(sort="comments"))[:3] == [
        "甲单位",
        "丙单位",
        "乙单位",
    ]
    assert names(unit_answer_rates(sort="name")) == sorted(names(by_rate))
    assert names(unit_answer_rates(sort="nonsense")) == names(by_rate)

    fast = next(row for row in by_rate if row.unit.name == "甲单位")
    assert (fast.consultations, fast.published, fast.answered, fast.overdue) == (
        2,
        4,
        3,
        0,
    )


def test_overdue_counts_unanswered_comments_past_their_due_date(units):
    Comment.objects.filter(reply__isnull=True).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    silent = next(row for row in unit_answer_rates() if row.unit.name == "丙单位")
    assert silent.overdue == 3


def test_the_answer_rates_page(client, units):
    response = client.get("/consultations/answer-rates/?sort=median")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("甲单位") < html.index("乙单位") < html.index("丙单位")
    assert "戊单位" not in html
    assert "75.0%" in html and "100.0%" in html
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=-median"' in html

    english = client.get("/en/consultations/answer-rates/?sort=-rate")
    assert english.status_code == 200
    assert 'aria-sort="ascending"' in english.content.decode()


def test_the_page_without_consultations(client, db):
    response = client.get("/consultations/answer-rates/")
    assert response.status_code == 200


def test_hidden_comments_stay_owed_an_answer_until_a_violation_is_confirmed(
    client, units
):
    """Issue 11: hiding (by a moderator, or before by flags) does not take a
    comment out of the unit's rate; only a confirmed violation does, and it is
    counted by rule for the public."""
    silent = units["silent"]
    comment = Comment.objects.filter(
        consultation__unit=silent, status=Status.PUBLISHED
    ).first()
    Comment.objects.filter(pk=comment.pk).update(status=Status.HIDDEN)
    assert unit_answer_rate(unit=silent).published == 3
    row = next(row for row in unit_answer_rates() if row.unit == silent)
    assert row.published == 3
    Comment.objects.filter(pk=comment.pk).update(
        status=Status.REJECTED, violation="abuse"
    )
    assert unit_answer_rate(unit=silent).published == 2
    row = next(row for row in unit_answer_rates() if row.unit == silent)
    assert row.published == 2
    removed = removed_comments(unit=silent)
    assert removed.total == sum(count for _label, count in removed.by_reason) == 2
    assert sorted(count for _label, count in removed.by_reason) == [1, 1]
    profile = client.get(silent.get_absolute_url()).content.decode()
    assert 'data-removed-total="2"' in profile
    assert profile.count("data-removed-count=") == 2
