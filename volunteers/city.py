"""The activities part of ``seed_city`` (run through ``seed_city_volunteers``):
each city unit's folder of activities, every activity with a shift that is over
(the service records are on those, volunteers/city_records.py) and one open for
sign-up, and the sign-ups, in bulk."""

from datetime import timedelta

from django.utils import timezone

from home.city.base import Progress, scaled
from home.city.pages import add_live_page, add_live_pages
from home.models import HomePage, Unit
from volunteers.models import (
    ActivityIndexPage,
    ActivityPage,
    Shift,
    ShiftPlaces,
    Signup,
    UnitActivitiesPage,
)

PLACES = 20  # each open shift; its sign-ups take about half


def activity_index() -> ActivityIndexPage:
    index = ActivityIndexPage.objects.order_by("path").first()
    if index is not None:
        return index
    home = HomePage.objects.order_by("path").first()
    return add_live_page(
        home, ActivityIndexPage(title="志愿服务活动", slug="activities")
    )


def unit_folder(index, unit) -> UnitActivitiesPage:
    folder = UnitActivitiesPage.objects.filter(unit=unit).first()
    if folder is None:
        folder = add_live_page(
            index, UnitActivitiesPage(title=unit.name, slug=unit.slug, unit=unit)
        )
    return folder


def unit_folders(index, units) -> dict[int, UnitActivitiesPage]:
    """Each unit's activities folder, the missing ones made in bulk."""
    folders = {
        folder.unit_id: folder
        for folder in UnitActivitiesPage.objects.filter(unit__in=units)
    }
    fresh = [
        UnitActivitiesPage(title=unit.name, slug=unit.slug, unit=unit)
        for unit in units
        if unit.pk not in folders
    ]
    for folder in add_live_pages(index, fresh):
        folders[folder.unit_id] = folder
    return folders


def seed_activities(scale: float, stdout) -> tuple[list[Shift], list[Shift]]:
    """``activities`` spread over the city's units: their shifts that are over
    and their shifts open for sign-up."""
    index = activity_index()
    units = list(Unit.objects.filter(slug__startswith="city-unit-").order_by("pk"))
    count = scaled("activities", scale)
    first = ActivityPage.objects.filter(slug__startswith="city-").count()
    now = timezone.now().replace(second=0, microsecond=0)
    progress = Progress(stdout, "activities", count)
    folders = unit_folders(index, units)
    by_folder = {}
    for offset in range(count):
        number = first + offset
        unit = units[number % len(units)]
        by_folder.setdefault(unit.pk, []).append(
            ActivityPage(
                title=f"社区志愿服务第{number}期",
                slug=f"city-{number}",
                unit=unit,
                category="community",
                summary="城市规模压测：协助社区开展志愿服务。",
                district_id=unit.district_id,
                place="社区服务中心",
                signup_opens_at=now - timedelta(days=1 + number % 500 + 10),
                signup_closes_at=now + timedelta(days=3 + number % 60 - 1),
            )
        )
    past, future = [], []
    for unit_id, pages in by_folder.items():
        for page in add_live_pages(folders[unit_id], pages):
            number = int(page.slug.removeprefix("city-"))
            days_ago, starts_in = 1 + number % 500, 3 + number % 60
            past.append(
                Shift(
                    activity_id=page.pk,
                    starts_at=now - timedelta(days=days_ago),
                    ends_at=now - timedelta(days=days_ago, hours=-4),
                    capacity=10_000,
                    role="服务",
                )
            )
            future.append(
                Shift(
                    activity_id=page.pk,
                    starts_at=now + timedelta(days=starts_in),
                    ends_at=now + timedelta(days=starts_in, hours=3),
                    capacity=PLACES,
                    role="服务",
                )
            )
        progress.advance(len(pages))
    shifts = Shift.objects.bulk_create([*past, *future], batch_size=5_000)
    ShiftPlaces.objects.bulk_create(
        (ShiftPlaces(shift=shift, capacity=shift.capacity) for shift in shifts),
        batch_size=5_000,
    )
    progress.finish()
    return past, future


def seed_signups(scale: float, stdout, shifts: list[Shift], volunteers: list[int]):
    """``signups`` confirmed sign-ups, about half the places of each open shift,
    each volunteer on one shift at most (none clash); the places counted."""
    count = min(scaled("signups", scale), len(volunteers), len(shifts) * PLACES)
    each = -(-count // max(len(shifts), 1))
    progress = Progress(stdout, "sign-ups", count)
    rows, taken = [], {}
    for n in range(count):
        shift = shifts[n // each]
        rows.append(Signup(shift=shift, volunteer_id=volunteers[n], status="confirmed"))
        taken[shift.pk] = taken.get(shift.pk, 0) + 1
    for start in range(0, len(rows), 5_000):
        Signup.objects.bulk_create(rows[start : start + 5_000])
        progress.advance(len(rows[start : start + 5_000]))
    # Each shift's places row exists: count the taken.
    by_count = {}
    for shift_id, taken_places in taken.items():
        by_count.setdefault(taken_places, []).append(shift_id)
    for taken_places, shift_ids in by_count.items():
        ShiftPlaces.objects.filter(pk__in=shift_ids).update(confirmed=taken_places)
    progress.finish()
