"""Factories and helpers for the home app's tests: units' pledge pages with their
commitments and progress reports, open facilities, and the admin forms that
write them."""

import datetime
from datetime import date, time, timedelta

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import factory

from home.models import (
    District,
    Facility,
    FacilityOpeningHours,
    PledgeItem,
    PledgePage,
    PledgeReport,
    PledgeReportItem,
    StandardPage,
)
from home.pledges.services import pledge_folder_for
from tests.factories import PublishedPageFactory, UnitFactory, site_home

# Content pages ------------------------------------------------------------------


class StandardPageFactory(PublishedPageFactory):
    """A published content page under the site's home page; ``body`` is a list of
    (block type, value) pairs."""

    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(site_home)
    title = factory.Sequence(lambda n: f"内容页{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = factory.LazyFunction(list)


# Pledges ------------------------------------------------------------------------

ITEMS = [
    ("employees", "保障职工合法权益", "劳动合同签订率100%"),
    ("volunteering", "组织职工参加志愿服务", "人均志愿服务不少于20小时"),
    ("open_facilities", "向社区开放职工活动中心", "每周开放不少于3天"),
]


class PledgePageFactory(PublishedPageFactory):
    """A unit's pledge for ``year`` in the unit's pledge folder, with a commitment
    for each of ``item_rows`` (category, title, target), due at the year's end."""

    class Meta:
        model = PledgePage

    class Params:
        item_rows = ITEMS

    unit = factory.SubFactory(UnitFactory)
    parent = factory.LazyAttribute(lambda page: pledge_folder_for(page.unit))
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.LazyAttribute(
        lambda page: f"{page.unit.name}{page.year}年度社会责任承诺书"
    )
    slug = factory.LazyAttribute(lambda page: f"pledge-{page.year}")
    preamble = "<p>我单位郑重承诺，积极履行社会责任。</p>"
    signatory = "王主任"
    signed_on = factory.LazyAttribute(lambda page: datetime.date(page.year, 1, 15))
    report_deadline = None
    live = False
    items = factory.LazyAttribute(
        lambda page: [
            PledgeItem(
                category=category,
                title=item_title,
                target=target,
                due_date=datetime.date(page.year, 12, 31),
                sort_order=number,
            )
            for number, (category, item_title, target) in enumerate(page.item_rows)
        ]
    )


def make_pledge(
    unit,
    *,
    year=None,
    items=ITEMS,
    publish=True,
    title=None,
    report_deadline=None,
    slug=None,
) -> PledgePage:
    """A pledge of ``unit`` (this year's by default), published unless
    ``publish=False``, read back from the database."""
    fields = {"year": year, "title": title, "slug": slug}
    page = PledgePageFactory(
        unit=unit,
        item_rows=items,
        publish=publish,
        report_deadline=report_deadline,
        **{name: value for name, value in fields.items() if value},
    )
    return PledgePage.objects.get(pk=page.pk)


class PledgeReportFactory(factory.django.DjangoModelFactory):
    """A published annual report on ``pledge`` with a line per commitment, each
    at ``report_items__completion_percent`` (100 by default); ``published=False``
    makes a draft, ``annual=False`` a half-year progress report."""

    class Meta:
        model = PledgeReport
        skip_postgeneration_save = True

    class Params:
        annual = True
        published = True
        when = factory.LazyFunction(timezone.now)

    pledge = factory.SubFactory(PledgePageFactory)
    title = factory.LazyAttribute(
        lambda report: "年度履诺报告" if report.annual else "半年进展"
    )
    summary = "全年各项承诺均已落实。"
    is_annual = factory.SelfAttribute("annual")
    status = factory.LazyAttribute(
        lambda report: (
            PledgeReport.Status.PUBLISHED
            if report.published
            else PledgeReport.Status.DRAFT
        )
    )
    published_at = factory.LazyAttribute(
        lambda report: report.when if report.published else None
    )

    @factory.post_generation
    def report_items(report, create, extracted, **kwargs):
        if not create:
            return
        PledgeReportItem.objects.bulk_create(
            PledgeReportItem(
                report=report,
                item=item,
                completion_percent=kwargs.get("completion_percent", 100),
                achieved="已完成",
                narrative="按计划推进。",
            )
            for item in report.pledge.items.all()
        )


def make_report(pledge, *, annual=True, published=True, percent=100, when=None):
    return PledgeReportFactory(
        pledge=pledge,
        annual=annual,
        published=published,
        when=when or timezone.now(),
        report_items__completion_percent=percent,
    )


def pledge_form(letter_id, **extra):
    """The admin's pledge editor form for a 2026 pledge with two commitments."""
    data = {
        "title": "贵阳市民政局2026年度社会责任承诺书",
        "slug": "pledge-2026",
        "year": 2026,
        "preamble": rich_text("<p>我单位郑重承诺，积极履行社会责任。</p>"),
        "signatory": "王主任",
        "signed_on": "2026-01-10",
        "signed_letter": letter_id,
        "report_deadline": "",
        "items": inline_formset(
            [
                {
                    "category": "volunteering",
                    "title": "组织职工参加志愿服务",
                    "target": "人均志愿服务不少于20小时",
                    "due_date": "2026-12-31",
                },
                {
                    "category": "open_facilities",
                    "title": "向社区开放职工活动中心",
                    "target": "每周开放不少于3天",
                    "due_date": "2026-12-31",
                },
            ],
            min=1,
        ),
        "comments": inline_formset([]),
        "action-submit": "Submit for moderation",
    }
    data.update(extra)
    return nested_form_data(data)


# Open facilities ----------------------------------------------------------------

# Every day 09:00–12:00 and 14:00–17:00, one-hour slots.
DEFAULT_HOURS = [(weekday, time(9), time(12)) for weekday in range(7)] + [
    (weekday, time(14), time(17)) for weekday in range(7)
]


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"职工篮球场{n}")
    kind = "sports_ground"
    address = "贵阳市南明区花果园大街1号"
    district = factory.LazyFunction(lambda: District.objects.get(code="520102"))
    description = "标准室外篮球场，灯光照明。"
    rules = "请穿运动鞋入场，爱护场地设施。"
    capacity = 20
    slot_minutes = 60
    booking_horizon_days = 14

    @factory.post_generation
    def hours(facility, create, extracted, **kwargs):
        if not create:
            return
        periods = DEFAULT_HOURS if extracted is None else extracted
        FacilityOpeningHours.objects.bulk_create(
            FacilityOpeningHours(facility=facility, weekday=w, opens=o, closes=c)
            for w, o, c in periods
        )


def facility_post(**overrides):
    """The unit's facility form: an activity centre open Mondays."""
    data = {
        "name": "职工活动中心",
        "kind": "activity_centre",
        "address": "贵阳市云岩区中华北路1号",
        "district": "",
        "description": "乒乓球台四张。",
        "rules": "请保持安静。",
        "capacity": "30",
        "slot_minutes": "60",
        "booking_horizon_days": "14",
        "hours-TOTAL_FORMS": "3",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "28",
        "hours-0-weekday": "0",
        "hours-0-opens": "09:00",
        "hours-0-closes": "12:00",
        "hours-1-weekday": "0",
        "hours-1-opens": "14:00",
        "hours-1-closes": "17:30",
    }
    data.update(overrides)
    return data


def local(day: date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time(hour, minute)))


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def tomorrow_at(hour: int = 9, minute: int = 0) -> datetime.datetime:
    return local(tomorrow(), hour, minute)
