"""Time limits in working time (Asia/Shanghai).

A working day is Monday to Friday unless the calendar (``Holiday`` rows) makes
it a public holiday, plus any make-up working day (调休) the calendar names,
usually a Saturday or Sunday. Working time runs through the whole of a working
day and stops on the other days, so "N working days" from Friday 10:00 ends on
the Nth following working day at 10:00, and a request made on a Saturday starts
its clock at 00:00 on the next working day. Hours (the urgent tier) are
calendar hours: an emergency does not wait for Monday.

The calendar for the span in question is read with one query."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY_SECONDS = 24 * 60 * 60
HOURS = "hours"
WORKING_DAYS = "working_days"


@dataclass
class WorkingCalendar:
    """The calendar's special days: date → "holiday" or "workday"."""

    special: dict[datetime.date, str] = field(default_factory=dict)

    @classmethod
    def load(cls, first: datetime.date, last: datetime.date) -> "WorkingCalendar":
        from .models import Holiday

        rows = Holiday.objects.filter(date__range=(first, last)).values_list(
            "date", "kind"
        )
        return cls(dict(rows))

    def is_working_day(self, day: datetime.date) -> bool:
        kind = self.special.get(day)
        if kind == "holiday":
            return False
        if kind == "workday":
            return True
        return day.weekday() < 5


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(SHANGHAI)


def _next_midnight(moment: datetime.datetime) -> datetime.datetime:
    day = moment.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(), tzinfo=SHANGHAI)


def _calendar_around(start: datetime.datetime, days: float) -> WorkingCalendar:
    # Even a month of holidays cannot stretch N working days beyond 2N + 60
    # calendar days.
    first = _local(start).date() - datetime.timedelta(days=1)
    return WorkingCalendar.load(first, first + datetime.timedelta(days=2 * days + 62))


def add_working_seconds(
    start: datetime.datetime, seconds: float, *, calendar: WorkingCalendar = None
) -> datetime.datetime:
    """The moment when ``seconds`` of working time have passed after ``start``."""
    if calendar is None:
        calendar = _calendar_around(start, seconds / DAY_SECONDS + 1)
    current = _local(start)
    remaining = datetime.timedelta(seconds=seconds)
    while True:
        midnight = _next_midnight(current)
        if calendar.is_working_day(current.date()):
            left_today = midnight - current
            if remaining <= left_today:
                return current + remaining
            remaining -= left_today
        current = midnight


def add_working_days(
    start: datetime.datetime, days: int, *, calendar: WorkingCalendar = None
) -> datetime.datetime:
    """``start`` plus ``days`` working days (see the module docstring)."""
    return add_working_seconds(start, days * DAY_SECONDS, calendar=calendar)


def working_seconds_between(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    calendar: WorkingCalendar = None,
) -> int:
    """How much working time passes from ``start`` to ``end`` (0 if end ≤ start)."""
    if end <= start:
        return 0
    if calendar is None:
        first = _local(start).date()
        calendar = WorkingCalendar.load(first, _local(end).date())
    current, end = _local(start), _local(end)
    total = datetime.timedelta()
    while current < end:
        midnight = min(_next_midnight(current), end)
        if calendar.is_working_day(current.date()):
            total += midnight - current
        current = midnight
    return int(total.total_seconds())


def add_limit(
    start: datetime.datetime,
    amount: int,
    measure: str,
    *,
    calendar: WorkingCalendar = None,
) -> datetime.datetime:
    """``start`` plus a time limit: ``amount`` hours or working days."""
    if measure == HOURS:
        return start + datetime.timedelta(hours=amount)
    return add_working_days(start, amount, calendar=calendar)


def shift_for_pause(
    due: datetime.datetime,
    paused_at: datetime.datetime,
    resumed_at: datetime.datetime,
    measure: str,
) -> tuple[datetime.datetime, int]:
    """A deadline moved by the time its clock stood still: calendar time for a
    limit in hours, working time for one in working days. Returns the new
    deadline and the seconds it moved."""
    if measure == HOURS:
        stopped = int((resumed_at - paused_at).total_seconds())
        return due + datetime.timedelta(seconds=stopped), stopped
    stopped = working_seconds_between(paused_at, resumed_at)
    return add_working_seconds(due, stopped), stopped
