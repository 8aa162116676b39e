"""A small city for the query-count tests, grown step by step: each ``grow``
adds ``n`` units with a pledge, ``n`` consultations (open and closed, with
``n`` comments each, some answered, results published on the closed ones),
``n`` activities with ``n`` sign-ups and volunteers, teams and approved hours,
and a facility per unit."""

from datetime import timedelta

from django.utils import timezone

from consultations.models import ConsultationPage
from consultations.services.results import results_publish
from tests.consultations.factories import add_comments, make_consultation
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import FacilityFactory, make_pledge, make_report
from tests.volunteers.factories import (
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
    sign_up,
)
from volunteers.models import Team, TeamMembership
from volunteers.services.points import points_sync_for_record


class QueryWorld:
    def __init__(self, *, consultation_index, activity_index):
        self.consultation_index = consultation_index
        self.activity_index = activity_index
        self.staff = UserFactory(is_staff=True, is_superuser=True)
        self.size = 0
        self.units, self.consultations, self.activities = [], [], []
        self.pledges, self.facilities = [], []

    def grow(self, n: int) -> "QueryWorld":
        for _ in range(n):
            self._grow_one(n)
        self.size += n
        return self

    def _grow_one(self, n: int) -> None:
        number = len(self.units)
        unit = UnitFactory()
        self.units.append(unit)
        pledge = make_pledge(unit, year=2025, slug=f"pledge-{number}")
        make_report(pledge, annual=False)
        self.pledges.append(pledge)
        self.facilities.append(FacilityFactory(unit=unit, name=f"活动室{number}"))
        authors = [UserFactory() for _ in range(2)]
        phase = "closed" if number % 2 else "open"
        page = make_consultation(
            self.consultation_index,
            unit=unit,
            phase=phase,
            title=f"征求意见{number}",
            slug=f"consultation-{number}",
        )
        add_comments(page, count=n, authors=authors, replies=n // 2)
        if phase == "closed":
            results_publish(actor=self.staff, consultation=page)
        self.consultations.append(ConsultationPage.objects.get(pk=page.pk))
        activity = make_activity(
            self.activity_index, unit=unit, title=f"活动{number}", slug=f"act-{number}"
        )
        self.activities.append(activity)
        team = Team.objects.create(
            name=f"队{number}",
            slug=f"team-{number}",
            district=unit.district,
            community="社区",
        )
        past = add_shifts(
            activity, 1, start=timezone.now() - timedelta(hours=5), every=timedelta(0)
        )[0]
        upcoming = activity.shifts.exclude(pk=past.pk).first()
        for _ in range(n):
            volunteer = VolunteerFactory(show_on_leaderboards=True)
            TeamMembership.objects.create(
                team=team, volunteer=volunteer, status="approved"
            )
            sign_up(upcoming, volunteer)
            points_sync_for_record(record=service_record(volunteer, past, minutes=60))
