"""`seed_pledges` (run by seed_demo): pledges for most demo units over two
years in every state, reports and feedback; a second run changes nothing."""

from io import StringIO

from django.core.management import call_command

import pytest

from consultations.models import Comment
from home.models import PledgePage, PledgeReport, Unit
from home.pledges.selectors import live_pledges_with_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_stands_still")]


def test_demo_pledges_cover_every_state_and_are_idempotent(client, demo):
    units = Unit.objects.count()
    assert PledgePage.objects.values("unit").distinct().count() >= units * 0.7
    statuses = set(live_pledges_with_status().values_list("lifecycle", flat=True))
    assert {"fulfilled", "lapsed"} <= statuses
    submitted = [
        page
        for page in PledgePage.objects.filter(live=False)
        if page.workflow_in_progress
    ]
    assert submitted
    assert Comment.objects.filter(pledge__isnull=False, reply__isnull=False).exists()
    assert Comment.objects.filter(kind="not_kept").exists()
    counts = (
        PledgePage.objects.count(),
        PledgeReport.objects.count(),
        Comment.objects.count(),
    )
    call_command("seed_pledges", force=True, stdout=StringIO())
    assert counts == (
        PledgePage.objects.count(),
        PledgeReport.objects.count(),
        Comment.objects.count(),
    )
    assert client.get("/pledges/").status_code == 200
    fulfilled = live_pledges_with_status().filter(lifecycle="fulfilled").first()
    assert client.get(fulfilled.url).status_code == 200
