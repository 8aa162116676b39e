"""Working-time arithmetic across weekends, public holidays and make-up
working days (the official 2026 schedule)."""

from django.core.management import CommandError, call_command

import pytest

from consultations.hotline.models import Holiday
from consultations.hotline.working_time import (
    add_limit,
    add_working_days,
    shift_for_pause,
    working_seconds_between,
)
from tests.clock import shanghai


@pytest.fixture
def calendar_2026(db):
    call_command("load_holidays", "2026", verbosity=0)


def test_load_holidays_is_exact_and_idempotent(calendar_2026):
    call_command("load_holidays", "2026", verbosity=0)
    days = dict(Holiday.objects.values_list("date", "kind"))
    assert len(days) == 3 + 9 + 3 + 5 + 3 + 3 + 7 + 2 + 1 + 1 + 2
    workdays = sorted(str(d) for d, kind in days.items() if kind == "workday")
    assert workdays == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    assert days[shanghai(2026, 10, 7).date()] == "holiday"


def test_unknown_year_is_refused_with_a_clear_message(db):
    with pytest.raises(CommandError, match="No official holiday schedule"):
        call_command("load_holidays", "2031")


def test_working_days_skip_the_weekend(db):
    friday = shanghai(2026, 3, 6, 10)
    assert add_working_days(friday, 1) == shanghai(2026, 3, 9, 10)
    assert add_working_days(friday, 5) == shanghai(2026, 3, 13, 10)


def test_saturday_request_starts_its_clock_on_monday(db):
    saturday = shanghai(2026, 3, 7, 15)
    assert add_working_days(saturday, 1) == shanghai(2026, 3, 10, 0)


def test_working_days_skip_a_public_holiday(calendar_2026):
    # Thursday 30 April: 1 May (Fri) to 5 May (Tue) are off.
    thursday = shanghai(2026, 4, 30, 9)
    assert add_working_days(thursday, 1) == shanghai(2026, 5, 6, 9)


def test_make_up_saturday_counts_as_a_working_day(calendar_2026):
    # Friday 8 May + 1 working day: Saturday 9 May is a 调休 working day.
    friday = shanghai(2026, 5, 8, 9)
    assert add_working_days(friday, 1) == shanghai(2026, 5, 9, 9)
    assert add_working_days(friday, 2) == shanghai(2026, 5, 11, 9)


def test_five_working_days_across_national_day(calendar_2026):
    # Tuesday 29 Sept: 30 Sept, then 8, 9, 10 (Saturday 调休), 12 October.
    start = shanghai(2026, 9, 29, 14)
    assert add_limit(start, 5, "working_days") == shanghai(2026, 10, 12, 14)


def test_hours_are_calendar_hours(calendar_2026):
    start = shanghai(2026, 10, 1, 23)
    assert add_limit(start, 24, "hours") == shanghai(2026, 10, 2, 23)


def test_working_seconds_between_skips_the_weekend(db):
    friday = shanghai(2026, 3, 6, 12)
    monday = shanghai(2026, 3, 9, 12)
    assert working_seconds_between(friday, monday) == 24 * 3600


def test_pause_over_a_weekend_moves_a_deadline_by_working_time(db):
    due = shanghai(2026, 3, 13, 10)
    new_due, stopped = shift_for_pause(
        due, shanghai(2026, 3, 6, 12), shanghai(2026, 3, 9, 12), "working_days"
    )
    assert stopped == 24 * 3600
    assert new_due == shanghai(2026, 3, 16, 10)
