"""`manage.py seed_volunteers` (run by seed_demo) fills the site with teams,
volunteers, activities in every phase and sign-ups; running it again changes
nothing."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q

import pytest

from volunteers.models import (
    ActivityIndexPage,
    ActivityPage,
    ActivityPhase,
    Shift,
    Signup,
    TeamMembership,
    Volunteer,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_stands_still")]


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"volunteers", "wagtailcore", "home", "account"}
    }


@pytest.fixture
def seeded(demo):
    return demo


def test_refuses_to_run_with_debug_off_unless_forced(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_volunteers", stdout=StringIO())


def test_seed_twice_gives_the_same_rows(seeded):
    assert "Demo volunteering ready" in seeded
    before = row_counts()
    signups = list(
        Signup.objects.order_by("pk").values_list("shift_id", "volunteer_id", "status")
    )
    call_command("seed_volunteers", force=True, stdout=StringIO())
    assert row_counts() == before
    assert (
        list(
            Signup.objects.order_by("pk").values_list(
                "shift_id", "volunteer_id", "status"
            )
        )
        == signups
    )


def test_demo_has_volunteers_teams_and_activities_in_every_phase(seeded):
    index = ActivityIndexPage.objects.get(slug="activities")
    assert index.live and index.show_in_menus
    assert Volunteer.objects.count() >= 190
    assert Volunteer.objects.filter(status=Volunteer.Status.PENDING).exists()
    active = Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
    assert not active.filter(green_ribbon_number__isnull=True).exists()
    assert TeamMembership.objects.filter(role=TeamMembership.Role.LEADER).count() >= 8
    activities = list(ActivityPage.objects.live())
    assert len(activities) >= 24
    phases = {activity.phase for activity in activities}
    assert {ActivityPhase.FINISHED, ActivityPhase.SIGNUP, ActivityPhase.UPCOMING} <= (
        phases
    )
    assert Signup.objects.count() >= 200


def test_confirmed_counts_match_and_some_shifts_are_full_with_waitlists(seeded):
    confirmed = Count("signups", filter=Q(signups__status=Signup.Status.CONFIRMED))
    waiting = Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED))
    shifts = Shift.objects.annotate(confirmed=confirmed, waiting=waiting)
    assert not shifts.exclude(confirmed=F("places__confirmed")).exists()
    assert shifts.filter(places__confirmed=F("capacity"), waiting__gt=0).count() >= 3
