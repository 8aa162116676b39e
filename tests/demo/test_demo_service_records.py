"""The demo has a year of service records: mostly approved, some pending, a few
rejected, auto-closed and corrected; none of a volunteer's records overlap; a
second run adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Min

import pytest

from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_stands_still")]


def test_demo_has_a_year_of_service_records(demo):
    records = ServiceRecord.objects.all()
    approved = records.filter(status=ServiceRecord.Status.APPROVED).count()
    assert approved > records.count() * 0.8
    assert records.filter(status=ServiceRecord.Status.PENDING).exists()
    assert records.filter(status=ServiceRecord.Status.REJECTED).exists()
    assert records.filter(auto_closed=True).exists()
    assert ServiceRecordChange.objects.filter(kind="correction").count() == 2
    assert ServiceRecordCorrection.objects.filter(status="pending").count() == 1
    first = records.aggregate(first=Min("started_at"))["first"]
    assert (records.latest("started_at").started_at - first).days > 300
    by_volunteer = {}
    for volunteer_id, start, end in records.exclude(
        status=ServiceRecord.Status.REJECTED
    ).values_list("volunteer_id", "started_at", "ended_at"):
        by_volunteer.setdefault(volunteer_id, []).append((start, end))
    for intervals in by_volunteer.values():
        intervals.sort()
        for (_, end), (start, _) in zip(intervals, intervals[1:], strict=False):
            assert end <= start
    count = records.count()
    call_command("seed_volunteers", force=True, stdout=StringIO())
    assert ServiceRecord.objects.count() == count
