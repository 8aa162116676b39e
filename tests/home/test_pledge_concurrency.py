"""What must hold when requests race (PostgreSQL): one folder per unit however
many callers create it at once (and sibling folders do not collide on their tree
path, wagtail#12190); one published annual report per pledge; each report
reminder sent once."""

import datetime

from django.core import mail

from home.exceptions import ServiceError
from home.models import PledgeReport, Unit, UnitMembership, UnitPledgesPage
from home.pledges.services import (
    pledge_folder_for,
    pledge_index_ensure,
    pledge_report_create,
    pledge_report_reminders_send,
)
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import make_pledge

pytestmark = POSTGRES_ONLY


def test_parallel_folder_creation_makes_one_folder_per_unit():
    pledge_index_ensure()
    units = [UnitFactory() for _ in range(4)]
    results, errors = run_in_parallel(
        lambda unit: pledge_folder_for(Unit.objects.get(pk=unit.pk)).pk,
        units * 3,
    )
    assert errors == []
    assert UnitPledgesPage.objects.count() == 4
    assert len(set(results)) == 4


def test_parallel_annual_reports_publish_one():
    unit = UnitFactory()
    editor = UserFactory()
    UnitMembershipFactory(unit=unit, user=editor, role=UnitMembership.Role.EDITOR)
    pledge = make_pledge(unit, year=2025)
    progress = [
        {"item_id": item.pk, "completion_percent": 100} for item in pledge.items.all()
    ]

    def report(number):
        return pledge_report_create(
            user=editor,
            pledge=pledge,
            title=f"年度报告{number}",
            summary="全部完成。",
            is_annual=True,
            publish=True,
            progress=progress,
        )

    results, errors = run_in_parallel(report, range(6))
    assert len(results) == 1
    assert all(isinstance(error, ServiceError) for error in errors)
    assert PledgeReport.objects.filter(is_annual=True, status="published").count() == 1


def test_parallel_reminder_runs_send_each_reminder_once():
    unit = UnitFactory()
    UnitMembershipFactory(unit=unit, role=UnitMembership.Role.ADMIN)
    for year in (2024, 2025):
        make_pledge(
            unit,
            year=year,
            report_deadline=datetime.date(2026, 1, 20),
        )
    moment = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)
    results, errors = run_in_parallel(
        lambda _n: pledge_report_reminders_send(now=moment), range(5)
    )
    assert errors == []
    assert sum(results) == 2
    assert len(mail.outbox) == 2
