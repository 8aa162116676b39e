"""The demo pledges (run by ``manage.py seed_demo`` through ``seed_pledges``): the
directory, a folder per unit, and for most units a pledge last year and this year.
Last year's are fulfilled (annual report with evidence) or lapsed (report due in
January), and a third of the units let the year before last lapse; this year's are
published (some with a mid-year report), in moderation, or drafts. Residents'
feedback on the pledges is the consultations app's (``seed_pledge_feedback``, which
seed_demo runs next).

Needs the units and people of ``seed_demo``. Idempotent and deterministic: pledges
are keyed on (unit, year); reports are written only for a pledge that has none;
random choices are seeded by the unit. The commitments units choose from and the
texts of reports are in data/pledges.json."""

import datetime
import time
from collections import defaultdict

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from home import demo
from home.demo.seeding import (
    DemoLoader,
    bulk_create_dated,
    read_data,
    seeded,
)
from home.models import (
    Facility,
    HomePage,
    PledgeEvidence,
    PledgeItem,
    PledgePage,
    PledgeReport,
    PledgeReportItem,
    Unit,
    UnitMembership,
    User,
)
from home.pledges.services import pledge_folder_for, pledge_index_ensure

# Every SKIP-th unit (by name) has no pledge at all.
SKIP = 6


class PledgesDemo(DemoLoader):
    def run(self) -> None:
        started = time.monotonic()
        self.content = read_data(demo.__file__, "pledges")
        self.today = timezone.localdate(self.now)
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run `manage.py migrate` first.")
        with transaction.atomic():
            index = pledge_index_ensure()
            self.workflow = index.get_workflow()
            self.load_people()
            units = list(Unit.objects.order_by("name"))
            for number, unit in enumerate(units):
                if number % SKIP == SKIP - 1:
                    continue
                pledge_folder_for(unit)
                self.seed_unit(unit, number)
            self.seed_home_listing(home, index)
            self.link_facilities()
        self.write_stats()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo pledges ready in {time.monotonic() - started:.1f} s: "
                f"{PledgePage.objects.count()} pledges, "
                f"{PledgeReport.objects.count()} reports."
            )
        )

    def link_facilities(self):
        """Demo facilities (seeded before the pledges) name the "open facilities"
        commitment of their unit's latest pledge, where there is one."""
        items = {}
        for item in (
            PledgeItem.objects.filter(category="open_facilities", page__live=True)
            .order_by("page__year")
            .select_related("page")
        ):
            items[item.page.unit_id] = item  # the latest year wins
        linked = 0
        for facility in Facility.objects.filter(pledge_item__isnull=True):
            item = items.get(facility.unit_id)
            if item is not None:
                facility.pledge_item = item
                facility.save(update_fields=["pledge_item"])
                linked += 1
        self.stats["Facility pledge link"]["created"] += linked

    def load_people(self):
        self.admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        self.members = defaultdict(dict)
        for membership in UnitMembership.objects.select_related("user"):
            self.members[membership.unit_id].setdefault(
                membership.role, membership.user
            )

    # -- pledges -----------------------------------------------------------------

    def seed_unit(self, unit: Unit, number: int):
        rng = seeded("canyu-pledges", unit.name)
        last_year, this_year = self.today.year - 1, self.today.year
        last = self.seed_pledge(unit, last_year, rng, state="published")
        if last is not None and not last.reports.exists():
            if number % 3 != 2:  # two in three fulfilled, the others lapsed
                self.seed_report(last, rng, annual=True)
            elif number % 2:
                self.seed_report(last, rng, annual=False)
        state = {0: "moderation", 7: "draft"}.get(number % 9, "published")
        current = self.seed_pledge(unit, this_year, rng, state=state)
        live = current is not None and current.live
        if live and number % 2 == 0 and not current.reports.exists():
            self.seed_report(current, rng, annual=False)
        if number % 3 == 2:
            # Last year's pledge without its report is only "report due" until
            # 31 January; the one of the year before has lapsed on every date,
            # so the directory shows a lapsed pledge in January too.
            self.seed_pledge(unit, this_year - 2, rng, state="published")

    def seed_pledge(self, unit, year, rng, *, state) -> PledgePage | None:
        existing = PledgePage.objects.filter(unit=unit, year=year).first()
        if existing is not None:
            self.stats["PledgePage"]["unchanged"] += 1
            return existing
        folder = pledge_folder_for(unit)
        chosen = rng.sample(self.content["items"], rng.randint(3, 5))
        page = PledgePage(
            title=f"{unit.name}{year}年度社会责任承诺书",
            slug=f"pledge-{year}",
            year=year,
            preamble=self.content["preamble"].format(unit=unit.name),
            signatory=rng.choice(self.content["signatories"]),
            signed_on=datetime.date(year, 1, rng.randint(5, 25)),
            live=False,
        )
        page.items = [
            PledgeItem(
                category=item["category"],
                title=item["title"],
                target=item["target"],
                due_date=datetime.date(year, rng.choice([6, 9, 12]), 30),
                sort_order=position,
            )
            for position, item in enumerate(chosen)
        ]
        folder.add_child(instance=page)
        author = self.members[unit.pk].get(UnitMembership.Role.EDITOR) or self.admin
        revision = page.save_revision(user=author)
        if state == "published":
            revision.publish(user=self.admin)
        elif state == "moderation" and self.workflow is not None:
            self.workflow.start(page, author)
        self.stats["PledgePage"]["created"] += 1
        return PledgePage.objects.get(pk=page.pk)

    def seed_report(self, pledge, rng, *, annual):
        items = list(pledge.items.all())
        if annual:
            published_at = datetime.datetime(
                pledge.year + 1, 1, rng.randint(5, 25), 10, tzinfo=datetime.UTC
            )
        else:
            published_at = datetime.datetime(
                pledge.year, 7, rng.randint(5, 25), 10, tzinfo=datetime.UTC
            )
        published_at = min(published_at, self.now)
        summaries = self.content["report_summaries"]
        report = PledgeReport(
            pledge=pledge,
            title=f"{pledge.year}年度履诺报告"
            if annual
            else f"{pledge.year}年上半年进展",
            summary=summaries["annual" if annual else "mid_year"],
            is_annual=annual,
            status=PledgeReport.Status.PUBLISHED,
            author=self.members[pledge.unit_id].get(UnitMembership.Role.EDITOR),
            published_at=published_at,
            created_at=published_at,
        )
        bulk_create_dated(PledgeReport, [report])
        PledgeReportItem.objects.bulk_create(
            PledgeReportItem(
                report=report,
                item=item,
                completion_percent=rng.choice([100, 100, 90, 80])
                if annual
                else rng.choice([30, 45, 50, 60]),
                achieved="已完成" if annual else "推进中",
                narrative=rng.choice(self.content["narratives"]),
            )
            for item in items
        )
        link = rng.choice(self.content["evidence_links"])
        PledgeEvidence.objects.create(
            report=report,
            item=rng.choice(items),
            caption=link["caption"],
            url=link["url"],
        )
        self.stats["PledgeReport"]["created"] += 1
