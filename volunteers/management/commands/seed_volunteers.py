"""Load the demo volunteering content (after seed_demo, which runs this command at
its end): the activities index, teams with leaders, ~200 volunteers, activities in
every phase with shifts, and sign-ups — some shifts full, with waitlists.

Idempotent and deterministic; see volunteers/demo.py."""

import time
from collections import Counter, defaultdict
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from allauth.account.models import EmailAddress

from home import demo_content
from home.demo_seeding import DemoSeedCommand, bulk_create_dated
from home.models import District, HomePage, Unit, User
from home.services.workspaces import folder_for, section_folders_ensure
from volunteers import demo, demo_history
from volunteers.models import (
    ActivityIndexPage,
    ActivityPage,
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Shift,
    Signup,
    Team,
    TeamMembership,
    UnitActivitiesPage,
    Volunteer,
)

DESCRIPTION_TAIL = "请穿着舒适的鞋子，按时到达集合地点签到。"
INDEX_SLUG = "activities"
INDEX_TITLE = "志愿服务活动"
INDEX_INTRO = (
    "<p>绿丝带志愿者参与社区治理、环境保护、文明交通、关爱老幼等志愿服务。"
    "选择时段报名，名额已满时可进入候补名单，有人取消时按顺序递补。</p>"
)


class Command(DemoSeedCommand):
    help = "Create or update the demo volunteering content (after seed_demo)."

    def handle(self, *args, **options):
        self.refuse_without_debug(options)
        started = time.monotonic()
        self.stats = defaultdict(Counter)
        self.now = timezone.now()
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
            index = self.seed_index(home)
            section_folders_ensure(index_page=index)
            specs = demo.ACTIVITIES + demo_history.history_activities()
            for spec in specs:
                page = self.seed_activity(index, spec, teams)
                if not Signup.objects.filter(shift__activity=page).exists():
                    self.seed_signups(page, spec, volunteers)
            demo_history.seed_service_records(
                slugs=[spec.slug for spec in specs], now=self.now, stats=self.stats
            )
            self.seed_home_listing(home, index)
        for model, counts in self.stats.items():
            parts = [f"{counts[s]} {s}" for s in ("created", "updated", "unchanged")]
            self.stdout.write(f"  {model:<20} {', '.join(parts)}")
        domain = demo_content.DEMO_EMAIL_DOMAIN
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
            f"  Volunteers: volunteer001 … volunteer{demo.EXTRA_VOLUNTEERS:03d}"
            f"@{domain} and resident03 … resident30@{domain}; "
            f"organisers: <unit>.organiser@{domain} (e.g. shengtai.organiser@{domain})"
        )

    # -- people ------------------------------------------------------------------

    def seed_users(self, emails: list[str], names: dict) -> dict:
        existing = {u.email: u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e not in existing]
        if missing:
            password = make_password(demo_content.DEMO_PASSWORD)
            User.objects.bulk_create(
                [
                    User(email=e, display_name=names[e], password=password)
                    for e in missing
                ]
            )
            self.stats["User"]["created"] += len(missing)
        self.stats["User"]["unchanged"] += len(existing)
        users = {u.email: u for u in User.objects.filter(email__in=emails)}
        verified = set(
            EmailAddress.objects.filter(email__in=emails).values_list(
                "email", flat=True
            )
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=users[e], email=e, verified=True, primary=True)
                for e in emails
                if e not in verified
            ]
        )
        return users

    def seed_volunteers(self) -> list[Volunteer]:
        """Residents 03-30 and the extra demo volunteers, in a fixed order."""
        domain = demo_content.DEMO_EMAIL_DOMAIN
        names = {}
        residents = demo_content.RESIDENT_NAMES
        for number in range(demo.FIRST_RESIDENT_VOLUNTEER, len(residents) + 1):
            names[f"resident{number:02d}@{domain}"] = residents[number - 1]
        for number in range(1, demo.EXTRA_VOLUNTEERS + 1):
            email = f"volunteer{number:03d}@{domain}"
            rng = demo.seeded(email)
            names[email] = rng.choice(demo_content.SURNAMES) + rng.choice(
                demo_content.GIVEN_NAMES
            )
        emails = list(names)
        users = self.seed_users(emails, names)
        existing = set(
            Volunteer.objects.filter(user__email__in=emails).values_list(
                "user__email", flat=True
            )
        )
        district_names = [n for n in demo.COMMUNITIES if n in self.districts]
        rows = []
        for position, email in enumerate(emails, start=1):
            if email in existing:
                continue
            rng = demo.seeded(f"profile:{email}")
            profile = demo.volunteer_profile(rng, districts=district_names)
            district = self.districts[profile.pop("district")]
            real_name = names[email]
            if email.startswith("resident"):  # nicknames are not real names
                real_name = rng.choice(demo_content.SURNAMES) + rng.choice(
                    demo_content.GIVEN_NAMES
                )
            pending = position % demo.PENDING_EVERY == 0
            prefix = rng.choice(demo_content.MOBILE_PREFIXES)
            rows.append(
                Volunteer(
                    user=users[email],
                    real_name=real_name,
                    phone=f"+86{prefix}{rng.randrange(10**8):08d}",
                    district=district,
                    code_of_conduct_accepted_at=self.now
                    - timedelta(days=400 - position),
                    status=Volunteer.Status.PENDING
                    if pending
                    else Volunteer.Status.ACTIVE,
                    # Last year's numbers: this year's are left to the reviewers.
                    green_ribbon_number=None if pending else f"GY2025{position:06d}",
                    **profile,
                )
            )
        Volunteer.objects.bulk_create(rows)
        self.stats["Volunteer"]["created"] += len(rows)
        self.stats["Volunteer"]["unchanged"] += len(existing)
        by_email = {
            v.user.email: v
            for v in Volunteer.objects.filter(user__email__in=emails).select_related(
                "user"
            )
        }
        return [by_email[e] for e in emails if e in by_email]

    def seed_teams(self, volunteers) -> dict:
        active = [v for v in volunteers if v.is_active]
        teams = {}
        for slug, name, unit_name, district, community, text in demo.TEAMS:
            values = {
                "name": name,
                "unit": self.units.get(unit_name) if unit_name else None,
                "district": self.districts[district],
                "community": community,
                "description": text,
            }
            team = Team.objects.filter(slug=slug).first()
            if team is None:
                team = Team.objects.create(slug=slug, **values)
                self.stats["Team"]["created"] += 1
            elif any(getattr(team, f) != v for f, v in values.items()):
                Team.objects.filter(pk=team.pk).update(**values)
                self.stats["Team"]["updated"] += 1
            else:
                self.stats["Team"]["unchanged"] += 1
            teams[slug] = team
            if not team.memberships.exists():
                self.seed_members(team, active)
        return teams

    def seed_members(self, team, active):
        rng = demo.seeded(f"team:{team.slug}")
        chosen = rng.sample(active, rng.randint(12, 24))
        rows = []
        for position, volunteer in enumerate(chosen):
            status = TeamMembership.Status.APPROVED
            if position >= len(chosen) - 2:
                status = TeamMembership.Status.PENDING
            rows.append(
                TeamMembership(
                    team=team,
                    volunteer=volunteer,
                    role=TeamMembership.Role.LEADER
                    if position < 2
                    else TeamMembership.Role.MEMBER,
                    status=status,
                    decided_at=None if status == "pending" else self.now,
                )
            )
        TeamMembership.objects.bulk_create(rows)
        self.stats["TeamMembership"]["created"] += len(rows)

    # -- pages -------------------------------------------------------------------

    def seed_index(self, home) -> ActivityIndexPage:
        index = ActivityIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
        values = {"title": INDEX_TITLE, "intro": INDEX_INTRO, "show_in_menus": True}
        if index is None:
            index = ActivityIndexPage(slug=INDEX_SLUG, **values)
            home.add_child(instance=index)
            index.save_revision().publish()
            self.stats["Page"]["created"] += 1
        elif any(getattr(index, f) != v for f, v in values.items()):
            for field, value in values.items():
                setattr(index, field, value)
            index.save_revision().publish()
            self.stats["Page"]["updated"] += 1
        else:
            self.stats["Page"]["unchanged"] += 1
        return index

    def seed_activity(self, index, spec, teams) -> ActivityPage:
        opens, closes, shifts = demo.schedule(spec, self.today)
        values = {
            "title": spec.title,
            "unit": self.units[spec.unit],
            "team": teams.get(spec.team) if spec.team else None,
            "category": spec.category,
            "summary": spec.summary,
            "search_description": spec.summary,
            "description": f"<p>{spec.summary}{DESCRIPTION_TAIL}</p>",
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
        rng = demo.seeded(f"signups:{spec.slug}")
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
            shift.confirmed_count = counts[shift.pk]
        Shift.objects.bulk_update(shifts, ["confirmed_count"])
        self.stats["Signup"]["created"] += len(rows)
