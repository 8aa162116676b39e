"""A unit's row in the city-wide answer-rate table shows the figures of the
profile it links to: both count the feedback on the unit's pledges once due,
beside the comments on its closed consultations."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply
from consultations.selectors.answer_rates import unit_answer_rate, unit_answer_rates
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db


def _comment(author, *, due_in_days, answered=False, **target):
    comment = Comment.objects.create(
        author=author,
        body="建议公开进展。",
        status=Comment.Status.PUBLISHED,
        due_at=timezone.now() + timedelta(days=due_in_days),
        **target,
    )
    if answered:
        OfficialReply.objects.create(comment=comment, outcome="adopted", body="好")
    return comment


def test_table_rows_match_each_units_profile_pledge_feedback_included(
    client, consultation_index, resident
):
    consulting = UnitFactory(name="甲单位")
    pledging = UnitFactory(name="乙单位")  # no consultation, only a pledge
    closed = make_consultation(consultation_index, unit=consulting, phase="closed")
    _comment(resident, due_in_days=-3, answered=True, consultation=closed)
    _comment(resident, due_in_days=-2, consultation=closed)
    for unit in (consulting, pledging):
        pledge = make_pledge(unit, year=2026)
        item = str(pledge.items.first().pk)
        _comment(resident, due_in_days=-4, pledge=pledge, clause_id=item)
        _comment(resident, due_in_days=-5, answered=True, pledge=pledge, clause_id=item)
        _comment(resident, due_in_days=9, pledge=pledge, clause_id=item)  # not due

    rows = {row.unit.name: row for row in unit_answer_rates()}
    assert set(rows) == {"甲单位", "乙单位"}
    for unit in (consulting, pledging):
        profile = unit_answer_rate(unit=unit)
        row = rows[unit.name]
        assert (row.published, row.answered, row.rate) == (
            profile.published,
            profile.answered,
            profile.rate,
        )
        assert row.median == profile.median
    assert (rows["甲单位"].published, rows["甲单位"].answered) == (4, 2)
    assert (rows["乙单位"].published, rows["乙单位"].answered) == (2, 1)
    assert rows["甲单位"].overdue == 2 and rows["乙单位"].overdue == 1
    assert rows["乙单位"].consultations == 0

    html = client.get("/consultations/answer-rates/").content.decode()
    assert "乙单位" in html
