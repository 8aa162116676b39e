"""The hotline's demo: district platforms, routing rules, a handler in each
unit that takes requests, an operator and a dispatcher, the official holiday
calendar, and a few hundred requests over the past year in every state, with
their history, replies, ratings, escalations and one pothole reported many
times (one case, many followers). Written directly (no notices are sent).

Idempotent: the demo requests carry a marker instead of a lookup-code hash;
once they exist, a second run leaves them as they are."""

import datetime
import io
from collections import Counter

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from home import demo
from home.demo.seeding import DemoLoader, demo_residents, read_data, seeded
from home.models import District, Unit, UnitMembership, User

from ..holiday_schedules import SCHEDULES
from ..models import (
    Category,
    DistrictPlatform,
    Follower,
    ReferenceCounter,
    Request,
    RoutingRule,
    TimeLimit,
)
from ..services.intake import route_unit_id
from ..working_time import WorkingCalendar, add_limit
from .timeline import build_case

DEMO_MARKER = "!demo"
REQUEST_COUNT = 320
CATEGORY_WEIGHTS = {
    "city-management": 25,
    "transport": 14,
    "water": 12,
    "power": 10,
    "civil-affairs": 10,
    "policy": 8,
    "housing": 7,
    "emergency": 6,
    "gas": 4,
    "environment": 4,
}


class HotlineDemo(DemoLoader):
    def run(self) -> None:
        for year in SCHEDULES:
            call_command("load_holidays", str(year), stdout=io.StringIO())
        data = read_data(__file__, "requests")
        with transaction.atomic():
            self.seed_catalogue(data)
            handlers = self.seed_people()
            if Request.objects.filter(lookup_code_hash=DEMO_MARKER).exists():
                self.stats["Request"]["unchanged"] += REQUEST_COUNT
            else:
                self.seed_requests(data, handlers)
        self.write_stats()

    # Catalogue and people ------------------------------------------------------

    def seed_catalogue(self, data) -> None:
        districts = {d.name: d for d in District.objects.all()}
        units = {
            u.name: u for u in Unit.objects.filter(name__in=self._unit_names(data))
        }
        for district_name, unit_name in data["platforms"].items():
            if district_name in districts and unit_name in units:
                _row, created = DistrictPlatform.objects.get_or_create(
                    district=districts[district_name],
                    defaults={"unit": units[unit_name]},
                )
                self.stats["DistrictPlatform"][self._state(created)] += 1
        for slug, district_name, unit_name, priority in data["rules"]:
            if unit_name not in units:
                continue
            _row, created = RoutingRule.objects.get_or_create(
                category=Category.objects.get(slug=slug),
                district=districts.get(district_name) if district_name else None,
                unit=units[unit_name],
                defaults={"priority": priority},
            )
            self.stats["RoutingRule"][self._state(created)] += 1

    @staticmethod
    def _unit_names(data):
        return [*data["platforms"].values(), *(rule[2] for rule in data["rules"])]

    @staticmethod
    def _state(created):
        return "created" if created else "unchanged"

    def _account(self, email, name, *, group=None):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "password": self.password_hash,
                "is_active": True,
            },
        )
        self.stats["User"][self._state(created)] += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            TOTP.activate(user, demo.DEMO_TOTP_SECRET)
        if group is not None:
            user.groups.add(Group.objects.get(name=group))
        return user

    def seed_people(self) -> dict[int, User]:
        """unit id → a responder who works the unit's hotline queue; plus the
        operator and the dispatcher (demo password and TOTP secret)."""
        self.password_hash = make_password(demo.DEMO_PASSWORD)
        domain = demo.DEMO_EMAIL_DOMAIN
        self.operator = self._account(
            f"hotline.operator@{domain}", "韦丽萍", group="Hotline operators"
        )
        self.dispatcher = self._account(
            f"hotline.dispatcher@{domain}", "潘国栋", group="Hotline dispatchers"
        )
        unit_ids = set(RoutingRule.objects.values_list("unit_id", flat=True)) | set(
            DistrictPlatform.objects.values_list("unit_id", flat=True)
        )
        handlers = {}
        for unit in Unit.objects.filter(pk__in=unit_ids).order_by("pk"):
            existing = (
                UnitMembership.objects.filter(
                    unit=unit, role=UnitMembership.Role.RESPONDER
                )
                .select_related("user")
                .first()
            )
            if existing is not None:
                handlers[unit.pk] = existing.user
                continue
            rng = seeded("hotline-handler", unit.slug)
            name = rng.choice(demo.SURNAMES) + rng.choice(demo.GIVEN_NAMES)
            user = self._account(f"hotline.{unit.slug}@{domain}", name)
            UnitMembership.objects.get_or_create(
                unit=unit, user=user, role=UnitMembership.Role.RESPONDER
            )
            handlers[unit.pk] = user
        return handlers

    # Requests ------------------------------------------------------------------

    def seed_requests(self, data, handlers) -> None:
        categories = {c.slug: c for c in Category.objects.all()}
        districts = {
            d.name: d for d in District.objects.filter(name__in=data["communities"])
        }
        limits = {limit.tier: limit for limit in TimeLimit.objects.all()}
        residents = demo_residents()
        first = self.now - datetime.timedelta(days=400)
        calendar = WorkingCalendar.load(
            first.date(), (self.now + datetime.timedelta(days=120)).date()
        )
        platforms = dict(DistrictPlatform.objects.values_list("district_id", "unit_id"))
        routes = {}
        counters = Counter()
        cases = []
        for number in range(REQUEST_COUNT):
            rng = seeded("hotline", str(number))
            slug = rng.choices(
                list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values())
            )[0]
            category = categories[slug]
            district = districts[rng.choice(sorted(districts))]
            key = (category.pk, district.pk)
            if key not in routes:
                routes[key] = route_unit_id(
                    category_id=category.pk, district_id=district.pk
                )
            age = datetime.timedelta(days=rng.uniform(0, 365), hours=rng.uniform(0, 8))
            created = self.now - age
            case = build_case(
                rng=rng,
                data=data,
                number=number,
                now=self.now,
                created=created,
                category=category,
                district=district,
                unit_id=routes[key],
                platform_id=platforms.get(district.pk),
                handlers=handlers,
                resident=rng.choice(residents) if residents else None,
                operator=self.operator,
                dispatcher=self.dispatcher,
                limit=limits[category.default_tier],
                deadline=lambda start, amount, measure: add_limit(
                    start, amount, measure, calendar=calendar
                ),
            )
            if case is not None:
                cases.append(case)
        cases.sort(key=lambda case: case.request.created_at)
        for case in cases:
            year = case.request.created_at.year
            counters[year] += 1
            case.request.reference = f"12319-{year}-{counters[year]:06d}"
        self._save(cases)
        for year, last in counters.items():
            counter, _created = ReferenceCounter.objects.get_or_create(year=year)
            if counter.last < last:
                counter.last = last
                counter.save(update_fields=["last"])
        self.seed_duplicates(cases)

    def _save(self, cases) -> None:
        requests = [case.request for case in cases]
        for request in requests:
            request.lookup_code_hash = DEMO_MARKER
        Request.objects.bulk_create(requests, batch_size=200)
        self.stats["Request"]["created"] += len(requests)
        for model_name, attribute in (
            ("RequestEvent", "events"),
            ("Reply", "replies"),
            ("Rating", "ratings"),
            ("Escalation", "escalations"),
        ):
            rows = []
            for case in cases:
                for row in getattr(case, attribute):
                    row.request = case.request
                    rows.append(row)
            if rows:
                type(rows[0]).objects.bulk_create(rows, batch_size=500)
            self.stats[model_name]["created"] += len(rows)

    def seed_duplicates(self, cases) -> None:
        """One collapsed road reported again and again: the later reports are
        merged into the first, whose followers they become."""
        open_road_cases = [
            case.request
            for case in cases
            if case.request.category.slug in ("emergency", "transport")
            and case.request.status in Request.OPEN_STATUSES
        ]
        if not open_road_cases:
            return
        survivor = open_road_cases[-1]
        residents = demo_residents()[:12]
        rows = []
        for offset, resident in enumerate(residents, start=1):
            if resident.pk == survivor.resident_id:
                continue
            counter = ReferenceCounter.objects.get(year=survivor.created_at.year)
            counter.last += 1
            counter.save(update_fields=["last"])
            duplicate = Request.objects.create(
                reference=f"12319-{counter.year}-{counter.last:06d}",
                lookup_code_hash=DEMO_MARKER,
                resident=resident,
                category=survivor.category,
                district=survivor.district,
                community=survivor.community,
                place=survivor.place,
                description=survivor.description,
                tier=survivor.tier,
                status=Request.Status.MERGED,
                merged_into=survivor,
                handling_unit=survivor.handling_unit,
                created_at=survivor.created_at + datetime.timedelta(minutes=offset * 7),
            )
            rows.append(Follower(request=survivor, user=resident, source=duplicate))
        Follower.objects.bulk_create(rows)
        self.stats["Follower"]["created"] += len(rows)
