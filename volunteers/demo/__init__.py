"""The demo of Green Ribbon volunteering: its content in ``data/*.json`` (teams,
activities, the weekly series, texts of service records and the reward
catalogue), loaded by ``loader.py`` (``manage.py seed_volunteers``, run by
``seed_demo``) with ``people.py`` and ``history.py``, and by ``points.py``
(``manage.py seed_points``).

Idempotent and deterministic: every row is keyed (email, team slug, page slug)
and generated once from random generators seeded by those keys; a shift's
sign-ups are created only while it has none. Dates follow the clock: when a
re-run on a later day moves an activity's dates, its shifts and sign-ups move
with it, so it stays in its phase."""

from typing import NamedTuple

from home.demo.seeding import read_data, seeded


class DemoActivity(NamedTuple):
    slug: str
    title: str
    category: str
    unit: str
    team: str | None
    district: str
    place: str
    summary: str
    # Days from today of the first shift; the sign-up window follows from it.
    day: int
    # (start hour, hours, capacity, role) per shift.
    shifts: tuple
    # Share of the places taken (above 1: full, with a waitlist).
    demand: float = 0.7
    skills: str = ""


def _activity(row: dict) -> DemoActivity:
    shifts = tuple(
        (shift["starts"], shift["hours"], shift["capacity"], shift["role"])
        for shift in row["shifts"]
    )
    return DemoActivity(**{**row, "shifts": shifts})


def random_for(key: str):
    return seeded("canyu-volunteers", key)


# Teams: {slug, name, unit (or null), district, community, description}.
TEAMS = read_data(__file__, "teams")

_VOLUNTEERS = read_data(__file__, "volunteers")
COMMUNITIES = _VOLUNTEERS["communities"]  # by district
SKILLS = _VOLUNTEERS["skills"]
AVAILABILITY = _VOLUNTEERS["availability"]

_ACTIVITIES = read_data(__file__, "activities")
INDEX = _ACTIVITIES["index"]
DESCRIPTION_TAIL = _ACTIVITIES["description_tail"]
ACTIVITIES = [_activity(row) for row in _ACTIVITIES["activities"]]
# A weekly series across Guiyang's communities, for history and volume:
# {slug, name, category, unit, team, summary, role}, on these days from today,
# in these places ({district, community}).
SERIES = _ACTIVITIES["series"]
SERIES_DAYS = _ACTIVITIES["series_days"]
SERIES_PLACES = _ACTIVITIES["series_places"]

_RECORDS = read_data(__file__, "service_records")
REJECTION_REASONS = _RECORDS["rejection_reasons"]
CORRECTION_REASONS = _RECORDS["correction_reasons"]
