"""Helpers for pledge tests: a unit's pledge page with items, published or not,
and progress reports."""

import datetime

from django.utils import timezone

from home.models import PledgeItem, PledgePage, PledgeReport, PledgeReportItem
from home.pledges.services import pledge_folder_for

ITEMS = [
    ("employees", "保障职工合法权益", "劳动合同签订率100%"),
    ("volunteering", "组织职工参加志愿服务", "人均志愿服务不少于20小时"),
    ("open_facilities", "向社区开放职工活动中心", "每周开放不少于3天"),
]


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
    year = year or timezone.localdate().year
    folder = pledge_folder_for(unit)
    page = PledgePage(
        title=title or f"{unit.name}{year}年度社会责任承诺书",
        slug=slug or f"pledge-{year}",
        year=year,
        preamble="<p>我单位郑重承诺，积极履行社会责任。</p>",
        signatory="王主任",
        signed_on=datetime.date(year, 1, 15),
        report_deadline=report_deadline,
        live=False,
    )
    page.items = [
        PledgeItem(
            category=category,
            title=item_title,
            target=target,
            due_date=datetime.date(year, 12, 31),
            sort_order=number,
        )
        for number, (category, item_title, target) in enumerate(items)
    ]
    folder.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return PledgePage.objects.get(pk=page.pk)


def make_report(pledge, *, annual=True, published=True, percent=100, when=None):
    when = when or timezone.now()
    report = PledgeReport.objects.create(
        pledge=pledge,
        title="年度履诺报告" if annual else "半年进展",
        summary="全年各项承诺均已落实。",
        is_annual=annual,
        status=PledgeReport.Status.PUBLISHED
        if published
        else PledgeReport.Status.DRAFT,
        published_at=when if published else None,
    )
    PledgeReportItem.objects.bulk_create(
        PledgeReportItem(
            report=report,
            item=item,
            completion_percent=percent,
            achieved="已完成",
            narrative="按计划推进。",
        )
        for item in pledge.items.all()
    )
    return report
