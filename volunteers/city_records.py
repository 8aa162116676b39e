"""The volunteering part of ``seed_city`` (through ``seed_city_volunteers``):
volunteers with their accounts, teams, and the service records of the shifts
that are over with their points ledger and period rollups. The records and the
ledger go in by COPY on PostgreSQL (a million rows in seconds)."""

import random
from datetime import date, timedelta

from django.utils import timezone

from home.city.base import Progress, insert_rows, next_id, reset_sequences, scaled
from home.models import District, Unit, User
from volunteers.models import ServiceRecord, Shift, Team, TeamMembership, Volunteer

BATCH = 5_000
RATE = 10  # points an hour
EMAIL = "volunteer{n}@volunteers.city.example.cn"


def seed_volunteers(scale: float, stdout) -> list[int]:
    """Active volunteers, each with a verified account; their ids."""
    count = scaled("volunteers", scale)
    first = User.objects.filter(email__endswith="@volunteers.city.example.cn").count()
    districts = list(District.objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    progress = Progress(stdout, "volunteers", count)
    ids = []
    for start in range(first, first + count, BATCH):
        numbers = range(start, min(start + BATCH, first + count))
        users = User.objects.bulk_create(
            User(
                email=EMAIL.format(n=n),
                display_name=f"志愿者{n}",
                phone=f"+86136{n:08d}",
                phone_verified=True,
                password="!",  # noqa: S106  an unusable password
                date_joined=now,
            )
            for n in numbers
        )
        volunteers = Volunteer.objects.bulk_create(
            Volunteer(
                user=user,
                real_name=f"城市志愿者{n}",
                phone=user.phone,
                birth_year=1960 + n % 45,
                district_id=districts[n % len(districts)],
                community="压测社区",
                categories=["resident"],
                code_of_conduct_accepted_at=now,
                status=Volunteer.Status.ACTIVE,
                green_ribbon_number=f"CITY{n:010d}",
                show_on_leaderboards=n % 3 == 0,
                calendar_token=f"city-calendar-{n}",
            )
            for n, user in zip(numbers, users, strict=True)
        )
        ids += [volunteer.pk for volunteer in volunteers]
        progress.advance(len(volunteers))
    progress.finish()
    return ids


def seed_teams(scale: float, volunteers: list[int]) -> None:
    """Teams of the city's units; every second volunteer in one."""
    count = scaled("teams", scale)
    first = Team.objects.filter(slug__startswith="city-team-").count()
    units = list(Unit.objects.filter(slug__startswith="city-unit-").order_by("pk"))
    teams = Team.objects.bulk_create(
        Team(
            name=f"城市服务队{n}",
            slug=f"city-team-{n}",
            unit=units[n % len(units)],
            district_id=units[n % len(units)].district_id,
            community="压测社区",
        )
        for n in range(first, first + count)
    )
    TeamMembership.objects.bulk_create(
        (
            TeamMembership(team=teams[n % count], volunteer_id=pk, status="approved")
            for n, pk in enumerate(volunteers[::2])
        ),
        batch_size=BATCH,
    )


def seed_records(scale: float, stdout, shifts: list[Shift], volunteers: list[int]):
    """``records`` service records on the shifts that are over (about ten for
    each volunteer), nine in ten approved with their ledger entries, and the
    volunteer, unit and district rollups of the approved ones."""
    count = scaled("records", scale)
    each = min(len(shifts), max(1, count // max(len(volunteers), 1)))
    rng = random.Random(f"city-records-{count}")  # noqa: S311
    now = timezone.now()
    district_of = dict(
        Volunteer.objects.filter(pk__in=volunteers).values_list("pk", "district_id")
    )
    unit_of = dict(
        Shift.objects.filter(pk__in=[shift.pk for shift in shifts]).values_list(
            "pk", "activity__unit_id"
        )
    )
    progress = Progress(stdout, "service records", len(volunteers) * each)
    records, entries, totals = [], [], {}
    record_id = next_id(ServiceRecord)
    for volunteer in volunteers:
        for shift in rng.sample(shifts, each):
            minutes = rng.choice((60, 90, 120, 180, 240))
            approved = rng.random() < 0.9
            unit = unit_of[shift.pk]
            started = shift.starts_at
            records.append(
                (
                    record_id,
                    volunteer,
                    shift.pk,
                    unit,
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
                        unit,
                        district_of[volunteer],
                        f"credit:{record_id}:1",
                        "城市压测活动",
                        started + timedelta(days=1),
                    )
                )
                keys = (
                    ("volunteers_volunteerperiodtotal", volunteer),
                    ("volunteers_unitperiodtotal", unit),
                    ("volunteers_districtperiodtotal", district_of[volunteer]),
                )
                for period in (f"{month:%Y-%m}", f"{month:%Y}", "all"):
                    for table, key in keys:
                        row = totals.setdefault((table, key, period), [0, 0])
                        row[0] += minutes
                        row[1] += points
            record_id += 1
    insert_rows("volunteers_servicerecord", RECORD_COLUMNS, records, progress)
    insert_rows("volunteers_pointsentry", ENTRY_COLUMNS, entries)
    write_totals(totals, now)
    reset_sequences("volunteers_servicerecord", "volunteers_pointsentry")
    progress.finish()


RECORD_COLUMNS = [
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
]
ENTRY_COLUMNS = [
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
]
TOTAL_KEYS = {
    "volunteers_volunteerperiodtotal": "volunteer_id",
    "volunteers_unitperiodtotal": "unit_id",
    "volunteers_districtperiodtotal": "district_id",
}


def write_totals(totals: dict, now) -> None:
    """The rollups (added to rows a previous run wrote) and the accounts."""
    from django.db import connection

    for table, column in TOTAL_KEYS.items():
        rows = [
            (key, period, minutes, points)
            for (name, key, period), (minutes, points) in totals.items()
            if name == table
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column}, period FROM {table}")  # noqa: S608
            existing = set(cursor.fetchall())
            fresh = [row for row in rows if (row[0], row[1]) not in existing]
            cursor.executemany(
                f"UPDATE {table} SET minutes = minutes + %s, "  # noqa: S608
                f"points = points + %s WHERE {column} = %s AND period = %s",
                [
                    (m, p, k, period)
                    for k, period, m, p in rows
                    if (k, period) in existing
                ],
            )
        insert_rows(table, [column, "period", "minutes", "points"], fresh)
    accounts = [
        (key, points, points, minutes, 0, now)
        for (name, key, period), (minutes, points) in totals.items()
        if name == "volunteers_volunteerperiodtotal" and period == "all"
    ]
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
        accounts,
    )
