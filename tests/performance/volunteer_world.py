"""A city's worth of volunteering for the scale benchmark
(tests/performance/test_volunteer_scale_bench.py): volunteers, teams, activities,
shifts, service records and their ledger, inserted in bulk."""

import random
from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

import pytest

from home.models import District, User
from tests.factories import UnitFactory
from tests.volunteers.factories import ActivityIndexPageFactory, make_activity
from volunteers.models import (
    Shift,
    Team,
    TeamMembership,
    Volunteer,
)

pytestmark = pytest.mark.django_db

VOLUNTEERS = 100_000
RECORDS_EACH = 10  # 1,000,000 records
ACTIVITIES = 20
SHIFTS_EACH = 50
TEAMS = 200
RATE = 10
CHUNK = 20_000


def insert_rows(table: str, columns: list[str], rows) -> int:
    """Insert tuples fast: COPY on PostgreSQL, executemany on SQLite."""
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def build_world():
    rng = random.Random(2026)
    now = timezone.now()
    districts = list(District.objects.all())
    units = [UnitFactory(name=f"压测单位{n:02d}") for n in range(ACTIVITIES)]
    index = ActivityIndexPageFactory()
    shifts = []
    for number, unit in enumerate(units):
        activity = make_activity(index, unit=unit, slug=f"bench-{number}")
        # From yesterday back about 500 days, so every board has rows.
        shifts += Shift.objects.bulk_create(
            Shift(
                activity=activity,
                starts_at=now - timedelta(days=day * 10 + number % 10 + 1),
                ends_at=now - timedelta(days=day * 10 + number % 10 + 1, hours=-4),
                capacity=10_000,
            )
            for day in range(SHIFTS_EACH)
        )
    shift_unit = {
        shift.pk: units[i // SHIFTS_EACH].pk for i, shift in enumerate(shifts)
    }

    first_user = (
        User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1
    insert_rows(
        "home_user",
        [
            "id",
            "password",
            "is_superuser",
            "is_staff",
            "is_active",
            "date_joined",
            "email",
            "display_name",
            "phone",
        ],
        (
            (
                first_user + n,
                "!",
                False,
                False,
                True,
                now,
                f"bench{n}@example.cn",
                f"压测{n}",
                "",
            )
            for n in range(VOLUNTEERS)
        ),
    )
    first_volunteer = (
        Volunteer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1
    district_of = {}

    def volunteers():
        for n in range(VOLUNTEERS):
            district = districts[n % len(districts)].pk
            district_of[first_volunteer + n] = district
            yield (
                first_volunteer + n,
                first_user + n,
                f"压测志愿者{n}",
                f"+8613{n:09d}",
                "",
                "",
                "undisclosed",
                1980 + n % 30,
                district,
                "压测社区",
                "[]",
                "",
                "",
                now,
                "active",
                "",
                f"BENCH{n:08d}",
                n % 3 == 0,
                f"bench-cal-{n}",
                now,
            )

    insert_rows(
        "volunteers_volunteer",
        [
            "id",
            "user_id",
            "real_name",
            "phone",
            "id_number_tag",
            "id_number_masked",
            "gender",
            "birth_year",
            "district_id",
            "community",
            "categories",
            "skills",
            "availability",
            "code_of_conduct_accepted_at",
            "status",
            "status_reason",
            "green_ribbon_number",
            "show_on_leaderboards",
            "calendar_token",
            "created_at",
        ],
        volunteers(),
    )
    teams = Team.objects.bulk_create(
        Team(
            name=f"压测服务队{n}",
            slug=f"bench-team-{n}",
            district=districts[0],
            community="压测社区",
        )
        for n in range(TEAMS)
    )
    TeamMembership.objects.bulk_create(
        (
            TeamMembership(
                team=teams[n % TEAMS],
                volunteer_id=first_volunteer + n,
                status="approved",
            )
            for n in range(0, VOLUNTEERS, 2)
        ),
        batch_size=5000,
    )

    records, entries = [], []
    totals = {}  # (table, key, period) -> [minutes, points]

    def add(table, key, period, minutes, points):
        row = totals.setdefault((table, key, period), [0, 0])
        row[0] += minutes
        row[1] += points

    record_id = 1
    for n in range(VOLUNTEERS):
        volunteer = first_volunteer + n
        for shift in rng.sample(shifts, RECORDS_EACH):
            minutes = rng.choice((60, 90, 120, 180, 240))
            approved = rng.random() < 0.9
            started = shift.starts_at
            records.append(
                (
                    record_id,
                    volunteer,
                    shift.pk,
                    shift_unit[shift.pk],
                    "approved" if approved else "pending",
                    "qr",
                    started,
                    started + timedelta(minutes=minutes),
                    minutes,
                    False,
                    "",
                    now,
                    now,
                )
            )
            if approved:
                points = minutes * RATE // 60
                local = timezone.localtime(started)
                month = date(local.year, local.month, 1)
                entries.append(
                    (
                        volunteer,
                        "credit",
                        points,
                        minutes,
                        record_id,
                        1,
                        month,
                        shift_unit[shift.pk],
                        district_of[volunteer],
                        f"credit:{record_id}:1",
                        "压测活动",
                        started + timedelta(days=1),
                    )
                )
                for period in (f"{month:%Y-%m}", f"{month:%Y}", "all"):
                    add(
                        "volunteers_volunteerperiodtotal",
                        volunteer,
                        period,
                        minutes,
                        points,
                    )
                    add(
                        "volunteers_unitperiodtotal",
                        shift_unit[shift.pk],
                        period,
                        minutes,
                        points,
                    )
                    add(
                        "volunteers_districtperiodtotal",
                        district_of[volunteer],
                        period,
                        minutes,
                        points,
                    )
            record_id += 1
    insert_rows(
        "volunteers_servicerecord",
        [
            "id",
            "volunteer_id",
            "shift_id",
            "unit_id",
            "status",
            "source",
            "started_at",
            "ended_at",
            "minutes",
            "auto_closed",
            "rejection_reason",
            "created_at",
            "updated_at",
        ],
        records,
    )
    insert_rows(
        "volunteers_pointsentry",
        [
            "volunteer_id",
            "kind",
            "points",
            "minutes",
            "record_id",
            "revision",
            "month",
            "unit_id",
            "district_id",
            "idempotency_key",
            "note",
            "created_at",
        ],
        entries,
    )
    columns = {
        "volunteers_volunteerperiodtotal": "volunteer_id",
        "volunteers_unitperiodtotal": "unit_id",
        "volunteers_districtperiodtotal": "district_id",
    }
    for table, column in columns.items():
        insert_rows(
            table,
            [column, "period", "minutes", "points"],
            (
                (key, period, m, p)
                for (t, key, period), (m, p) in totals.items()
                if t == table
            ),
        )
    accounts = {}
    for (table, key, period), (minutes, points) in totals.items():
        if table == "volunteers_volunteerperiodtotal" and period == "all":
            accounts[key] = (minutes, points)
    insert_rows(
        "volunteers_pointsaccount",
        [
            "volunteer_id",
            "balance",
            "earned_points",
            "approved_minutes",
            "star_level",
            "updated_at",
        ],
        ((key, p, p, m, 0, now) for key, (m, p) in accounts.items()),
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "home_user",
                "volunteers_volunteer",
                "volunteers_servicerecord",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table}))"
                )
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    busiest = max(accounts, key=lambda key: accounts[key][0])
    return (
        Volunteer.objects.select_related("user").get(pk=busiest),
        len(records),
        len(entries),
    )
