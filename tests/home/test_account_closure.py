"""Closing an account (issue 13, part 2), the acceptance test: a person with
every kind of record closes their account, the clock passes the grace period,
the job runs (twice); then nothing personal is left in any text column of any
table, their public comment still shows as "Closed account" (已注销用户), the
units' figures have not changed, and the same email and ID number register
again."""

import json
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.fields import StreamField

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from consultations.models import (
    CommentFlag,
    CommentSupport,
    ConsultationFollow,
    EvaluationPeriod,
    OfficialReply,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    UnitRating,
)
from consultations.selectors.answer_rates import unit_answer_rate
from home.account_closure.services import account_closure_request
from home.emails import email_send
from home.models import (
    AccountClosure,
    FacilityBooking,
    OutboundEmail,
    UnitMembership,
)
from home.tasks import account_closures_process
from tests.clock import at
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import DEFAULT_PASSWORD, UnitFactory, UserFactory
from tests.home.factories import FacilityFactory
from tests.volunteers.factories import (
    RewardFactory,
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
    sign_up,
)
from volunteers.identity import id_check_character, id_number_tag, mask_id_number
from volunteers.models import (
    Certificate,
    IdentityClaim,
    PointsEntry,
    Redemption,
    ServiceRecord,
    ServiceRecordCorrection,
    StarAward,
    Team,
    TeamMembership,
    UnitPeriodTotal,
    Volunteer,
)
from volunteers.services.certificates import certificate_request
from volunteers.services.points import points_sync_for_record, post_entry
from volunteers.services.records import correction_request
from volunteers.services.registration import volunteer_register
from volunteers.services.review import volunteer_approve
from volunteers.services.rewards import reward_redeem

pytestmark = pytest.mark.django_db

EMAIL = "zhang.bihu@example.cn"
DISPLAY_NAME = "张闭户居民"
REAL_NAME = "陈闭户志愿"
PHONE = "+8613912345678"
VOLUNTEER_PHONE = "+8613987654321"
ID_NUMBER = "52010219900307123" + id_check_character("52010219900307123")
NEEDLES = (EMAIL, DISPLAY_NAME, REAL_NAME, PHONE[3:], VOLUNTEER_PHONE[3:])


def text_columns():
    """Every text-like column of every table: (model, field name)."""
    kinds = (models.CharField, models.TextField, models.JSONField, StreamField)
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, kinds):
                yield model, field.attname


def as_text(value) -> str:
    def raw(item):
        return list(item.raw_data) if hasattr(item, "raw_data") else str(item)

    return json.dumps(value, ensure_ascii=False, default=raw)


def personal_data_left() -> list[str]:
    found = []
    for model, column in text_columns():
        for pk, value in model._base_manager.values_list("pk", column).iterator():
            if value in (None, ""):
                continue
            text = value if isinstance(value, str) else as_text(value)
            for needle in NEEDLES:
                if needle.lower() in text.lower():
                    found.append(f"{model._meta.label}.{column} #{pk}: {needle}")
    return found


@pytest.fixture
def person(activity_index, django_capture_on_commit_callbacks):
    """A resident and volunteer with every kind of record there is."""
    unit = UnitFactory(name="贵阳市闭户测试局")
    user = UserFactory(email=EMAIL, display_name=DISPLAY_NAME, phone=PHONE)
    UnitMembership.objects.create(unit=unit, user=user, role="responder")
    # Consultations: a comment answered by the unit, a comment of someone else
    # supported and flagged, a follow, a survey answer, a unit rating.
    consultation = make_consultation(ConsultationIndexPageFactory(), unit=unit)
    own = make_comment(consultation, user, body="建议在小区门口增设分类垃圾桶。")
    OfficialReply.objects.create(comment=own, outcome="adopted", body="感谢建议。")
    other = make_comment(consultation, UserFactory(), body="建议延长开放时间。")
    CommentSupport.objects.create(comment=other, user=user)
    CommentFlag.objects.create(
        comment=other, user=user, reason="spam", note=f"我是{DISPLAY_NAME}，电话{PHONE}"
    )
    ConsultationFollow.objects.create(consultation=consultation, user=user)
    question = SurveyQuestion.objects.create(
        consultation=consultation, kind="text", prompt="您的建议？", sort_order=0
    )
    response = SurveyResponse.objects.create(consultation=consultation, user=user)
    SurveyAnswer.objects.create(response=response, question=question, text="多设垃圾桶")
    period = EvaluationPeriod.objects.create(
        title="2026年评价",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=30),
    )
    UnitRating.objects.create(period=period, unit=unit, user=user, score=4)
    # A facility booking yet to come.
    facility = FacilityFactory(unit=unit)
    FacilityBooking.objects.create(
        facility=facility,
        user=user,
        starts_at=timezone.now() + timedelta(days=10),
        ends_at=timezone.now() + timedelta(days=10, hours=1),
        people=3,
        purpose=f"{DISPLAY_NAME}的读书会",
        status="approved",
    )
    # Volunteering: a profile with an ID number, a team, sign-ups, a check-in,
    # approved records with a correction, points, a redemption, a star level,
    # a certificate.
    volunteer = VolunteerFactory(
        user=user,
        real_name=REAL_NAME,
        phone=VOLUNTEER_PHONE,
        id_number_tag=id_number_tag(ID_NUMBER),
        id_number_masked=mask_id_number(ID_NUMBER),
        community="花果园社区",
    )
    team = Team.objects.create(
        unit=unit, name="闭户测试队", slug="bihu-team", district=unit.district
    )
    TeamMembership.objects.create(team=team, volunteer=volunteer, status="approved")
    activity = make_activity(activity_index, unit=unit, shifts=((30, 3, 20),))
    sign_up(activity.shifts.get(), volunteer)
    shifts = add_shifts(activity, 3, hours=3)
    records = [
        service_record(volunteer, shift, minutes=180, status="approved")
        for shift in shifts[:2]
    ]
    service_record(volunteer, shifts[2], minutes=0, status="checked_in")
    with django_capture_on_commit_callbacks(execute=True):
        for record in records:
            points_sync_for_record(record=record)
        correction_request(
            volunteer=volunteer,
            record=records[0],
            started_at=records[0].started_at,
            ended_at=records[0].ended_at - timedelta(hours=1),
            reason=f"{REAL_NAME}提前离开",
        )
        post_entry(volunteer=volunteer, kind="bonus", points=500, key="gift")
        reward_redeem(volunteer=volunteer, reward_id=RewardFactory(points_price=50).pk)
        StarAward.objects.create(volunteer=volunteer, level=1)
        certificate = certificate_request(
            volunteer=volunteer,
            date_from=timezone.localdate() - timedelta(days=30),
            date_to=timezone.localdate(),
        )
    certificate.refresh_from_db()
    assert certificate.file and certificate.holder_name == REAL_NAME
    # Messages to them and about them, in the outbox.
    email_send(
        to=EMAIL,
        subject=f"{DISPLAY_NAME}，您好",
        template="home/emails/account_closure_done.txt",
        context={},
    )
    email_send(
        to="leader@example.cn",
        subject=f"{REAL_NAME}申请加入服务队",
        template="home/emails/account_closure_done.txt",
        context={},
    )
    assert OutboundEmail.objects.count() >= 2
    return {
        "user": user,
        "unit": unit,
        "consultation": consultation,
        "comment": own,
        "volunteer": volunteer,
    }


def unit_figures(unit, consultation):
    return {
        "answer_rate": tuple(unit_answer_rate(unit=unit))[:3],
        "comments": consultation.comments.count(),
        "hours": sorted(
            UnitPeriodTotal.objects.filter(unit=unit).values_list("period", "minutes")
        ),
        "records": sorted(
            ServiceRecord.objects.filter(unit=unit).values_list("status", "minutes")
        ),
        "points": sorted(PointsEntry.objects.values_list("kind", "points")),
    }


def test_closed_account_leaves_no_personal_data_and_keeps_the_record(
    person, django_capture_on_commit_callbacks
):
    user, volunteer = person["user"], person["volunteer"]
    before = unit_figures(person["unit"], person["consultation"])
    signed_in = Client()
    signed_in.force_login(user)
    start = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        closure = account_closure_request(user=user, requested_by=user)
    assert closure.effective_at == closure.requested_at + timedelta(days=7)
    assert mail.outbox[-1].to == [EMAIL]
    assert "7" in mail.outbox[-1].body or closure.effective_at.strftime("%Y") in (
        mail.outbox[-1].body
    )

    # Not yet due: the job does nothing.
    with at(start + timedelta(days=6)):
        assert account_closures_process.delay().get() == 0
    with at(start + timedelta(days=7, minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            assert account_closures_process.delay().get() == 1
        # Safe to run twice.
        with django_capture_on_commit_callbacks(execute=True):
            assert account_closures_process.delay().get() == 0

    # The last message went to the address before it was wiped, and is gone
    # from the outbox once delivered.
    assert mail.outbox[-1].to == [EMAIL]
    assert "已注销" in mail.outbox[-1].subject

    assert personal_data_left() == []

    user.refresh_from_db()
    volunteer.refresh_from_db()
    assert user.is_closed and not user.is_active and not user.has_usable_password()
    assert str(user) == user.get_full_name() == "已注销用户"
    assert AccountClosure.objects.get().status == AccountClosure.Status.DONE
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not UnitMembership.objects.filter(user=user).exists()
    assert not ConsultationFollow.objects.filter(user=user).exists()
    assert not Session.objects.exists()
    assert signed_in.get(reverse("home:dashboard")).status_code == 302
    assert volunteer.status == Volunteer.Status.CLOSED
    assert volunteer.id_number_tag == "" and volunteer.green_ribbon_number is None
    assert not TeamMembership.objects.filter(volunteer=volunteer, status="approved")
    assert not volunteer.signups.filter(status="confirmed").exists()
    certificate = Certificate.objects.get()
    assert certificate.is_revoked and not certificate.file
    assert FacilityBooking.objects.get().status == "cancelled"
    # Records stay, detached from the person.
    assert ServiceRecordCorrection.objects.exists()
    assert Redemption.objects.filter(volunteer=volunteer).exists()
    assert StarAward.objects.filter(volunteer=volunteer).exists()

    # The public comment is still there, by "Closed account".
    page = Client().get(person["consultation"].url).content.decode()
    assert "建议在小区门口增设分类垃圾桶。" in page
    assert "已注销用户" in page and DISPLAY_NAME not in page

    assert unit_figures(person["unit"], person["consultation"]) == before

    # The same email and the same ID number register again.
    again = get_user_model().objects.create_user(
        email=EMAIL, password=DEFAULT_PASSWORD, phone=PHONE, phone_verified=True
    )
    EmailAddress.objects.create(user=again, email=EMAIL, verified=True, primary=True)
    profile = volunteer_register(
        user=again,
        real_name=REAL_NAME,
        gender="female",
        birth_year=1990,
        district=volunteer.district,
        community="花果园社区",
        categories=["resident"],
        code_of_conduct_accepted=True,
        sensitive_data_consent=True,
        id_number=ID_NUMBER,
    )
    assert not IdentityClaim.objects.exists()
    volunteer_approve(
        volunteer=profile, reviewer=UserFactory(is_staff=True, is_superuser=True)
    )
    profile.refresh_from_db()
    assert profile.status == Volunteer.Status.ACTIVE
