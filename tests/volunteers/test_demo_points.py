"""`manage.py seed_points` (run by seed_demo after the demo service records) posts
the ledger for whatever approved records exist, fills the catalogue, makes some
redemptions and certificates; running it again posts nothing new."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

import pytest

from tests.volunteers.factories import VolunteerFactory, add_shifts, service_record
from volunteers.models import (
    Certificate,
    PointsAccount,
    PointsEntry,
    Redemption,
    Reward,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_stands_still")]


def test_refuses_to_run_with_debug_off_unless_forced(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_points", stdout=StringIO())


def test_demo_points_for_existing_records(activity):
    shifts = add_shifts(activity, 30)
    volunteers = [VolunteerFactory() for _ in range(4)]
    for number, volunteer in enumerate(volunteers):
        for shift in shifts[: 10 + number * 5]:
            service_record(volunteer, shift, minutes=180)
    service_record(VolunteerFactory(), shifts[0], status="pending")
    out = StringIO()
    call_command("seed_points", force=True, stdout=out)
    assert "Demo points ready" in out.getvalue()
    assert PointsEntry.objects.filter(kind="credit").count() == 10 + 15 + 20 + 25
    assert Reward.objects.count() == 8
    assert Redemption.objects.filter(status="fulfilled").exists()
    assert Certificate.objects.filter(status="ready").count() == 4
    for account in PointsAccount.objects.all():
        total = PointsEntry.objects.filter(volunteer=account.volunteer).aggregate(
            s=Sum("points")
        )["s"]
        assert account.balance == total >= 0
    counts = (
        PointsEntry.objects.count(),
        Redemption.objects.count(),
        Certificate.objects.count(),
        Reward.objects.count(),
    )
    call_command("seed_points", force=True, stdout=StringIO())
    assert counts == (
        PointsEntry.objects.count(),
        Redemption.objects.count(),
        Certificate.objects.count(),
        Reward.objects.count(),
    )


def test_demo_points_without_records_makes_the_catalogue(db):
    call_command("seed_points", force=True, stdout=StringIO())
    assert Reward.objects.count() == 8
    assert not PointsEntry.objects.exists()
