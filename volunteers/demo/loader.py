"""Load the demo volunteering content (``manage.py seed_volunteers``, run by
``seed_demo`` after its units and people): the activities index, teams with
leaders, ~200 volunteers, activities in every phase with shifts, sign-ups — some
shifts full, with waitlists — and a year of service records (history.py)."""

import time
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from home import demo as home_demo
from home.demo.seeding import DemoLoader, bulk_create_dated
from home.models import District, HomePage, Unit
from home.services.workspaces import folder_for, section_folders_ensure
from volunteers import demo
from volunteers.demo.history import history_activities, seed_service_records
from volunteers.demo.integrity import seed_integrity_cases
from volunteers.demo.people import EXTRA_VOLUNTEERS, VolunteerPeople
from volunteers.models import (
    ActivityIndexPage,
    ActivityPage,
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Shift,
    ShiftPlaces,
    Signup,
    UnitActivitiesPage,
    Volunteer,
)


def series_activities() -> list[demo.DemoActivity]:
    """The weekly series: one activity on each of SERIES_DAYS, the kinds and the
    places taken in turn."""
    activities = []
    for number, day in enumerate(demo.SERIES_DAYS, start=1):
        series = demo.SERIES[number % len(demo.SERIES)]
        place = demo.SERIES_PLACES[number % len(demo.SERIES_PLACES)]
        district, community = place["district"], place["community"]
        rng = demo.random_for(f"series:{number}")
        capacity = rng.choice([6, 8, 10, 12, 15])
        shifts = ((9, 3, capacity, series["role"]), (14, 3, capacity, series["role"]))
        activities.append(
            demo.DemoActivity(
                slug=f"{series['slug']}-{number:02d}",
                title=f"{community}{series['name']}",
                category=series["category"],
                unit=series["unit"],
                team=series["team"],
                district=district,
                place=f"{district}{community}服务中心门前广场",
                summary=series["summary"],
                day=day,
                shifts=shifts[: 1 + number % 2],
                demand=rng.choice([0.6, 0.8, 0.9, 1.0, 1.3]),
            )
        )
    return activities


def schedule(spec: demo.DemoActivity, today):
    """(sign-up opens, sign-up closes, [(starts, ends, capacity, role)…])."""
    first = today + timedelta(days=spec.day)
    shifts = []
    for number, (hour, hours, capacity, role) in enumerate(spec.shifts):
        starts = first.replace(hour=hour) + timedelta(days=number // 2 * 1)
        shifts.append((starts, starts + timedelta(hours=hours), capacity, role))
    opens = first - timedelta(days=14)
    closes = first - timedelta(hours=12)
    if spec.day > 10:  # not open yet
        opens = today + timedelta(days=spec.day - 8)
    return opens, closes, shifts


class VolunteersDemo(VolunteerPeople, DemoLoader):
    def run(self) -> None:
        started = time.monotonic()
        self.today = timezone.localtime(self.now).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run `manage.py migrate` first.")
        with transaction.atomic():
            self.districts = {d.name: d for d in District.objects.all()}
            self.units = {u.name: u for u in Unit.objects.all()}
            volunteers = self.seed_volunteers()
            teams = self.seed_teams(volunteers)
            index = self.seed_index_page(home, ActivityIndexPage, **demo.INDEX)
            section_folders_ensure(index_page=index)
            specs = [*demo.ACTIVITIES, *series_activities(), *history_activities()]
            for spec in specs:
                page = self.seed_activity(index, spec, teams)
                if not Signup.objects.filter(shift__activity=page).exists():
                    self.seed_signups(page, spec, volunteers)
            seed_service_records(
                slugs=[spec.slug for spec in specs], now=self.now, stats=self.stats
            )
            self.seed_home_listing(home, index)
            seed_integrity_cases(self.stats)
        self.write_stats()
        domain = home_demo.DEMO_EMAIL_DOMAIN
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo volunteering ready in {time.monotonic() - started:.1f} s: "
                f"{Volunteer.objects.count()} volunteers, "
                f"{ActivityPage.objects.count()} activities, "
                f"{Signup.objects.count()} sign-ups, "
                f"{ServiceRecord.objects.count()} service records."
            )
        )
        self.stdout.write(
            f"  Volunteers: volunteer001 … volunteer{EXTRA_VOLUNTEERS:03d}"
            f"@{domain} and resident03 … resident30@{domain}; "
            f"organisers: <unit>.organiser@{domain} (e.g. shengtai.organiser@{domain})"
        )

    # -- pages -------------------------------------------------------------------

    def seed_activity(self, index, spec, teams) -> ActivityPage:
        opens, closes, shifts = schedule(spec, self.today)
        values = {
            "title": spec.title,
            "unit": self.units[spec.unit],
            "team": teams.get(spec.team) if spec.team else None,
            "category": spec.category,
            "summary": spec.summary,
            "search_description": spec.summary,
            "description": f"<p>{spec.summary}{demo.DESCRIPTION_TAIL}</p>",
            "district": self.districts[spec.district],
            "place": spec.place,
            "signup_opens_at": opens,
            "signup_closes_at": closes,
            "required_skills": spec.skills,
        }
        page = ActivityPage.objects.descendant_of(index).filter(slug=spec.slug).first()
        if page is None:
            page = ActivityPage(slug=spec.slug, **values)
            for starts, ends, capacity, role in shifts:
                page.shifts.add(
                    Shift(starts_at=starts, ends_at=ends, capacity=capacity, role=role)
                )
            folder = folder_for(unit=values["unit"], folder_model=UnitActivitiesPage)
            folder.add_child(instance=page)
            page.save_revision().publish()
            self.stats["ActivityPage"]["created"] += 1
            return page
        changed = {f: v for f, v in values.items() if getattr(page, f) != v}
        if not changed:
            self.stats["ActivityPage"]["unchanged"] += 1
            return page
        if "signup_opens_at" in changed:
            self.shift_dates(page, opens - page.signup_opens_at)
            page = ActivityPage.objects.get(pk=page.pk)
        for field, value in changed.items():
            setattr(page, field, value)
        page.save_revision().publish()
        self.stats["ActivityPage"]["updated"] += 1
        return page

    def shift_dates(self, page, delta):
        """Move an activity's shifts and sign-ups with its dates (a later re-run)."""
        Shift.objects.filter(activity=page).update(
            starts_at=F("starts_at") + delta, ends_at=F("ends_at") + delta
        )
        Signup.objects.filter(shift__activity=page).update(
            created_at=F("created_at") + delta
        )
        records = ServiceRecord.objects.filter(shift__activity=page)
        records.update(
            started_at=F("started_at") + delta,
            ended_at=F("ended_at") + delta,
            reviewed_at=F("reviewed_at") + delta,
        )
        ServiceRecordChange.objects.filter(record__in=records).update(
            changed_at=F("changed_at") + delta,
            old_started_at=F("old_started_at") + delta,
            old_ended_at=F("old_ended_at") + delta,
            new_started_at=F("new_started_at") + delta,
            new_ended_at=F("new_ended_at") + delta,
        )
        ServiceRecordCorrection.objects.filter(record__in=records).update(
            proposed_started_at=F("proposed_started_at") + delta,
            proposed_ended_at=F("proposed_ended_at") + delta,
        )

    # -- sign-ups ----------------------------------------------------------------

    def seed_signups(self, page, spec, volunteers):
        if page.signup_opens_at > self.now:
            return  # sign-up not open yet
        rng = demo.random_for(f"signups:{spec.slug}")
        active = [v for v in volunteers if v.is_active]
        shifts = list(page.shifts.order_by("starts_at", "pk"))
        pool = rng.sample(active, len(active))  # one shift per person here
        finished = shifts[-1].ends_at <= self.now
        rows, counts = [], {}
        for shift in shifts:
            wanted = round(shift.capacity * spec.demand * rng.uniform(0.85, 1.1))
            if spec.demand >= 1:
                wanted = max(wanted, shift.capacity + (2 if spec.demand > 1 else 0))
            latest = min(self.now, page.signup_closes_at) - timedelta(minutes=5)
            moments = sorted(
                page.signup_opens_at + (latest - page.signup_opens_at) * rng.random()
                for _ in range(wanted)
            )
            confirmed = 0
            for moment in moments:
                if not pool:
                    break
                volunteer = pool.pop()
                signup = Signup(shift=shift, volunteer=volunteer, created_at=moment)
                if rng.random() < 0.07:
                    signup.status = Signup.Status.CANCELLED
                    signup.cancelled_at = moment + (latest - moment) * rng.random()
                elif confirmed < shift.capacity:
                    confirmed += 1
                    signup.status = Signup.Status.CONFIRMED
                    if finished and rng.random() < 0.06:
                        signup.status = Signup.Status.NO_SHOW
                        confirmed -= 1
                    if shift.starts_at - timedelta(hours=24) < self.now:
                        signup.reminder_sent_at = shift.starts_at - timedelta(hours=23)
                else:
                    signup.status = Signup.Status.WAITLISTED
                rows.append(signup)
            counts[shift.pk] = confirmed
        bulk_create_dated(Signup, rows)
        for shift in shifts:
            ShiftPlaces.ensure(shift)
            ShiftPlaces.objects.filter(pk=shift.pk).update(confirmed=counts[shift.pk])
        self.stats["Signup"]["created"] += len(rows)
