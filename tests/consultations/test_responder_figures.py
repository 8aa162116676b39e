"""The responders' headline figures are the lengths of the lists they link to:
for each status, pledge feedback included, overdue and hidden comments counted
the same way, comments on a consultation taken offline still counted."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply
from consultations.selectors.replies import (
    CommentStatus,
    responder_comment_counts,
    responder_comments,
)
from tests.consultations.factories import make_consultation
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db

DASHBOARD = "consultations:respond_dashboard"


def _comment(author, *, due_in_days, answered=False, **target):
    comment = Comment.objects.create(
        author=author,
        body="建议增加分类垃圾桶。",
        status=target.pop("status", Comment.Status.PUBLISHED),
        due_at=timezone.now() + timedelta(days=due_in_days),
        **target,
    )
    if answered:
        OfficialReply.objects.create(comment=comment, outcome="adopted", body="好")
    return comment


@pytest.fixture
def mixed_comments(consultation, consultation_index, issuing_unit, resident):
    """Comments and pledge feedback of the responder's unit in every state."""
    offline = make_consultation(
        consultation_index, unit=issuing_unit, title="已下线的方案"
    )
    pledge = make_pledge(issuing_unit, year=2026)
    item = str(pledge.items.first().pk)
    _comment(resident, due_in_days=3, consultation=consultation)
    _comment(resident, due_in_days=-2, consultation=consultation)
    _comment(
        resident,
        due_in_days=-1,
        consultation=consultation,
        status=Comment.Status.HIDDEN,
    )
    _comment(resident, due_in_days=-4, answered=True, consultation=consultation)
    _comment(resident, due_in_days=-3, consultation=offline)
    _comment(resident, due_in_days=-5, pledge=pledge, clause_id=item)
    _comment(resident, due_in_days=6, pledge=pledge, clause_id=item)
    _comment(resident, due_in_days=-6, answered=True, pledge=pledge, clause_id=item)
    # Not owed an answer: awaiting moderation, or removed for a broken rule.
    _comment(
        resident,
        due_in_days=-2,
        consultation=consultation,
        status=Comment.Status.PENDING,
    )
    _comment(
        resident,
        due_in_days=-2,
        pledge=pledge,
        clause_id=item,
        status=Comment.Status.REJECTED,
        violation="spam",
    )
    offline.unpublish()


def _figure(html: str, status: str) -> int:
    match = re.search(rf'<a href="\?status={status}">(\d+)</a>', html)
    assert match, f"no figure for {status}"
    return int(match.group(1))


def test_each_dashboard_figure_is_the_length_of_its_list(
    client, responder, mixed_comments
):
    client.force_login(responder)
    html = client.get(reverse(DASHBOARD)).content.decode()
    for status in ("unanswered", "overdue", "answered"):
        listed = client.get(reverse(DASHBOARD), {"status": status}).content.decode()
        rows = listed.count('<li class="respond-item')
        assert _figure(html, status) == rows, status
    assert (
        _figure(html, "unanswered"),
        _figure(html, "overdue"),
        _figure(html, "answered"),
    ) == (6, 4, 2)


def test_comment_counts_selector_matches_each_list(responder, mixed_comments):
    now = timezone.now()
    counts = responder_comment_counts(user=responder, now=now)
    for status in CommentStatus.VALUES:
        listed = responder_comments(user=responder, status=status, now=now)
        assert counts[status] == listed.count() == len(list(listed)), status
    assert counts == {"unanswered": 6, "overdue": 4, "answered": 2, "all": 8}


def test_dashboard_table_rows_add_up_to_the_figures(client, responder, mixed_comments):
    client.force_login(responder)
    html = client.get(reverse(DASHBOARD)).content.decode()
    assert "对单位承诺的反馈" in html
    assert "已下线的方案" in html
