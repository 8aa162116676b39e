"""The hotline's reads: figures right, and the number of queries flat in the
number of requests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from consultations.hotline import selectors, services
from tests.clock import at, shanghai
from tests.hotline.factories import category


def _make(hotline, count, *, rate="satisfied", late=False):
    made = []
    for number in range(count):
        with at(shanghai(2026, 3, 2, 10)):
            request = hotline.submit(place=f"路灯{number}", photos_public=False)
            services.request_accept(request=request, user=hotline.bureau_handler)
        reply_day = 20 if late else 3
        with at(shanghai(2026, 3, reply_day, 10)):
            services.request_reply(
                request=request, user=hotline.bureau_handler, body="已修复"
            )
            if rate:
                services.request_rate(
                    request=request, user=hotline.resident, grade=rate
                )
        made.append(request)
    return made


def _queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_unit_figures_on_time_and_satisfaction(hotline):
    _make(hotline, 3)
    _make(hotline, 1, rate="dissatisfied", late=True)
    figures = selectors.unit_figures(unit_ids=[hotline.bureau.pk], year=2026)
    bureau = figures[hotline.bureau.pk]
    # The 不满意 one is reopened to the district platform, which has it now;
    # the bureau replied to it, late, so it still counts among the bureau's
    # requests: no figure is larger than the one it is part of.
    assert bureau["received"] == 4
    assert figures.get(hotline.platform.pk) is None
    assert (bureau["replied"], bureau["on_time"]) == (4, 3)
    assert bureau["on_time_rate"] == 75.0
    assert (bureau["rated"], bureau["satisfied"]) == (4, 3)
    assert bureau["satisfaction_rate"] == 75.0


def test_a_unit_replying_twice_to_one_request_counts_it_once(hotline):
    """The public table reads "requests, replied, on time": a request the same
    unit answered in both rounds is one request replied to, never more replies
    than requests. (Round 2 no longer goes back to the unit that answered round
    1, but requests from before that rule, or from an import, may have it.)"""
    from consultations.hotline.models import Reply

    (request,) = _make(hotline, 1, rate="dissatisfied")
    Reply.objects.create(
        request=request,
        round=2,
        unit=hotline.bureau,
        author=hotline.bureau_handler,
        body="已再次修复",
        created_at=shanghai(2026, 3, 5, 10),
        on_time=True,
    )
    (bureau,) = [
        row
        for row in selectors.annual_table(year=2026)
        if row["unit"] == hotline.bureau
    ]
    assert (bureau["received"], bureau["replied"], bureau["on_time"]) == (1, 1, 1)


def test_unit_profile_gets_hotline_figures(hotline):
    from home.extensions import unit_figures

    _make(hotline, 1)
    assert unit_figures(unit=hotline.bureau)["hotline"]["satisfaction_rate"] == 100.0
    assert unit_figures(unit=hotline.water)["hotline"] is None


@pytest.mark.parametrize(
    "read",
    [
        lambda hotline: selectors.unit_figures(unit_ids=[hotline.bureau.pk]),
        lambda hotline: list(selectors.unit_queue(unit_ids=[hotline.bureau.pk])),
        lambda hotline: selectors.annual_table(year=2026),
        lambda hotline: selectors.city_dashboard(year=2026),
        lambda hotline: [
            (r.category.name, list(r.photos.all()), list(r.replies.all()))
            for r in selectors.public_board()
        ],
        lambda hotline: {
            key: list(rows) for key, rows in selectors.dispatch_desk().items()
        },
    ],
    ids=["figures", "queue", "annual", "dashboard", "board", "desk"],
)
def test_query_count_is_flat_in_the_number_of_requests(hotline, read):
    _make(hotline, 2)
    with at(shanghai(2026, 3, 4, 10)):
        hotline.submit(place="新路灯")
        few = _queries(lambda: read(hotline))
    _make(hotline, 6)
    with at(shanghai(2026, 3, 4, 10)):
        hotline.submit(place="又一盏")
        many = _queries(lambda: read(hotline))
    assert many == few


def test_dashboard_counts_by_category_district_and_month(hotline):
    _make(hotline, 2)
    with at(shanghai(2026, 3, 4, 10)):
        hotline.submit(category=category("water"))
    with at(shanghai(2026, 4, 4, 10)):
        figures = selectors.city_dashboard(year=2026)
    assert figures["total"] == 3
    assert figures["by_category"][0] == {"label": "城市管理", "count": 2}
    assert figures["by_month"][2]["count"] == 3
    assert figures["on_time_rate"] == 100.0
    assert figures["overdue"] == 1  # the water request was never accepted


def test_public_board_is_anonymised_and_hides_private_requests(hotline):
    hotline.submit(is_public=False, place="私密")
    public = hotline.submit(place="公开的路灯")
    board = list(selectors.public_board())
    assert [row.reference for row in board] == [public.reference]
    deferred = board[0].get_deferred_fields()
    assert {"caller_name", "caller_phone", "resident_id"} <= deferred


def test_queue_shows_overdue_first(hotline):
    with at(shanghai(2026, 3, 2, 10)):
        late = hotline.submit(place="旧")
    with at(shanghai(2026, 3, 3, 9)):
        fresh = hotline.submit(place="新")
    with at(shanghai(2026, 3, 3, 12)):
        rows = list(selectors.unit_queue(unit_ids=[hotline.bureau.pk]))
    assert [row.pk for row in rows] == [late.pk, fresh.pk]
    assert rows[0].is_overdue and not rows[1].is_overdue
