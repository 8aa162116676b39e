"""The places the hostile input goes: one unit with a consultation (clauses and a
survey), a pledge, an activity with a team and a facility, each with the people
who use them (residents, a responder, an organiser, a team leader, volunteers).
Built once per field under test; the field's form is then filled with every
payload."""

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

from django.test import Client
from django.utils import timezone

from consultations.models import EvaluationPeriod, SurveyQuestion
from home.models import UnitMembership
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory, give_totp
from tests.home.factories import FacilityFactory, make_pledge
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    make_activity,
    service_record,
    sign_up,
)
from volunteers.models import Team, TeamMembership


@dataclass
class People:
    """Signed-in clients, made on demand (one account per payload where a form
    takes one answer per person)."""

    clients: dict = field(default_factory=dict)

    def client_for(self, user) -> Client:
        if user.pk not in self.clients:
            client = Client()
            client.force_login(user)
            self.clients[user.pk] = client
        return self.clients[user.pk]


def member(unit, role, **fields):
    user = UserFactory(**fields)
    UnitMembershipFactory(unit=unit, user=user, role=role)
    give_totp(user)
    return user


def build_world():
    now = timezone.now()
    unit = UnitFactory(name="贵阳市民政局", slug="minzheng")
    world = SimpleNamespace(now=now, unit=unit, people=People())
    world.resident = UserFactory(display_name="张三")
    world.responder = member(unit, UnitMembership.Role.RESPONDER, display_name="答复员")
    world.organiser = member(unit, UnitMembership.Role.ORGANISER, display_name="组织者")
    world.unit_admin = member(unit, UnitMembership.Role.ADMIN, display_name="管理员")
    world.staff = UserFactory(is_staff=True, is_superuser=True, display_name="员工")
    give_totp(world.staff)
    return world


def add_consultation(world):
    index = ConsultationIndexPageFactory()
    world.consultation = make_consultation(index, unit=world.unit)
    world.clause_id = world.consultation.clause_list[0]["id"]
    SurveyQuestion.objects.create(
        consultation=world.consultation,
        kind="text",
        prompt="您还有什么建议？",
        required=True,
        sort_order=0,
    )
    world.question = world.consultation.survey_questions.get()
    return world


def close_consultation(world):
    """Move the consultation's dates so that it is closed (exports open)."""
    past = timezone.now() - timedelta(days=1)
    type(world.consultation).objects.filter(pk=world.consultation.pk).update(
        opens_at=past - timedelta(days=20), closes_at=past
    )
    world.consultation.refresh_from_db()


def add_comment(world, author=None, body="建议增加分类垃圾桶的数量。"):
    return make_comment(world.consultation, author or world.resident, body=body)


def add_evaluation(world):
    world.period = EvaluationPeriod.objects.create(
        title="2026年公众评价",
        starts_at=world.now - timedelta(days=3),
        ends_at=world.now + timedelta(days=27),
    )
    world.period.units = [world.unit]
    world.period.save()
    return world


def add_pledge(world):
    world.pledge = make_pledge(world.unit)
    world.pledge_item = world.pledge.items.first()
    return world


def add_activity(world):
    index = ActivityIndexPageFactory()
    world.activity = make_activity(index, unit=world.unit, shifts=((2, 3, 200),))
    world.shift = world.activity.shifts.get()
    world.leader = VolunteerFactory(real_name="队长")
    world.team = Team.objects.create(
        unit=world.unit,
        name="民政志愿队",
        slug="minzheng-team",
        district=world.unit.district,
    )
    TeamMembership.objects.create(
        team=world.team,
        volunteer=world.leader,
        role=TeamMembership.Role.LEADER,
        status=TeamMembership.Status.APPROVED,
    )
    return world


def add_participants(world, count):
    """``count`` volunteers with a confirmed place (roster messages reach them)."""
    world.participants = [VolunteerFactory() for _number in range(count)]
    for volunteer in world.participants:
        sign_up(world.shift, volunteer)
    return world


def add_past_records(world, count):
    """A volunteer with ``count`` approved records on past shifts of the activity
    (one correction request each)."""
    from tests.volunteers.factories import add_shifts

    world.volunteer = VolunteerFactory(real_name="陈志愿")
    shifts = add_shifts(world.activity, count, hours=3)
    world.records = [
        service_record(world.volunteer, shift, minutes=180, status="approved")
        for shift in shifts
    ]
    return world


def add_facility(world):
    world.facility = FacilityFactory(unit=world.unit)
    return world
