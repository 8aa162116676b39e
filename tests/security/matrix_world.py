"""The one world the URL × role matrix runs in (tests/security/url_matrix.py):
two units, A and B, and one thing of every kind a URL of the site names, all
belonging to unit A, with a person in every role the matrix has a column for.

Built once per test module with the app factories; the URL's arguments are read
from it by name (``world.facility.pk``, ``world.unit_a.slug`` …)."""

from datetime import timedelta
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection

from consultations.models import EvaluationPeriod, ReplyTemplate
from home.models import DataExport, FacilityBooking, PledgeEvidence, UnitMembership
from home.pledges.services import PLEDGE_REVIEWERS_GROUP, pledge_review_workflow_ensure
from home.services.workspaces import unit_workspace_ensure
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory, give_totp
from tests.home.factories import (
    FacilityFactory,
    StandardPageFactory,
    make_pledge,
    make_report,
)
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    RewardFactory,
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
    sign_up,
)
from volunteers.models import (
    Certificate,
    ServiceRecordCorrection,
    Team,
    TeamMembership,
    UnitActivitiesPage,
    Volunteer,
)
from volunteers.services.attendance import checkin_token_make

Role = UnitMembership.Role

# The columns of the matrix, in the order the failure messages list them.
ROLES = (
    "anonymous",
    "resident",
    "volunteer",
    "team_leader",
    "admin_own",
    "admin_other",
    "editor_own",
    "editor_other",
    "responder_own",
    "responder_other",
    "organiser_own",
    "organiser_other",
    "moderator",
    "pledge_reviewer",
    "member_no2fa",
    "staff_no2fa",
    "staff_2fa",
)

# Who has set up two-factor (and passed it at sign-in): every privileged role
# except the two columns that exist to show what happens without it.
WITH_TWO_FACTOR = {
    "admin_own",
    "admin_other",
    "editor_own",
    "editor_other",
    "responder_own",
    "responder_other",
    "organiser_own",
    "organiser_other",
    "moderator",
    "pledge_reviewer",
    "staff_2fa",
}


def _member(unit, *roles, two_factor=True, **fields):
    user = UserFactory(two_factor=two_factor, **fields)
    for role in roles:
        UnitMembershipFactory(unit=unit, user=user, role=role, two_factor=two_factor)
    return user


def build_world():
    now = timezone.now()
    w = SimpleNamespace()
    w.unit_a = UnitFactory(name="矩阵甲单位", slug="matrix-a")
    w.unit_b = UnitFactory(name="矩阵乙单位", slug="matrix-b")

    # People ----------------------------------------------------------------
    users = {}
    users["resident"] = UserFactory(display_name="矩阵居民")
    w.volunteer = VolunteerFactory(real_name="矩阵志愿者")
    users["volunteer"] = w.volunteer.user
    w.leader = VolunteerFactory(real_name="矩阵队长")
    users["team_leader"] = w.leader.user
    for role in Role.values:
        users[f"{role}_own"] = _member(w.unit_a, role, display_name=f"甲{role}")
        users[f"{role}_other"] = _member(w.unit_b, role, display_name=f"乙{role}")
    users["moderator"] = UserFactory(display_name="矩阵审核员")
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    pledge_review_workflow_ensure()
    users["pledge_reviewer"] = UserFactory(display_name="矩阵承诺审核")
    users["pledge_reviewer"].groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    users["member_no2fa"] = _member(
        w.unit_a, *Role.values, two_factor=False, display_name="甲全角色"
    )
    users["staff_no2fa"] = UserFactory(
        is_staff=True, is_superuser=True, two_factor=False
    )
    users["staff_2fa"] = UserFactory(is_staff=True, is_superuser=True)
    for name in WITH_TWO_FACTOR:
        give_totp(users[name])
    w.users = users

    # Pages -------------------------------------------------------------------
    w.standard_page = StandardPageFactory(title="矩阵内容页", slug="matrix-page")
    w.consultation_index = ConsultationIndexPageFactory()
    w.consultation = make_consultation(w.consultation_index, unit=w.unit_a)
    w.comment = make_comment(w.consultation, users["resident"])
    w.pledge = make_pledge(w.unit_a)
    w.pledge_index = w.pledge.get_parent().get_parent().specific
    w.pledge_folder = w.pledge.get_parent().specific
    # A draft progress report with an evidence file: only the unit's admins and
    # editors, and staff, may download it before the report is published.
    w.evidence = PledgeEvidence.objects.create(
        report=make_report(w.pledge, published=False),
        caption="矩阵证明材料",
        file=ContentFile(b"%PDF-1.4 matrix evidence", name="matrix.pdf"),
    )
    w.activity_index = ActivityIndexPageFactory()
    w.activity = make_activity(w.activity_index, unit=w.unit_a)
    w.activity_folder = UnitActivitiesPage.objects.get(unit=w.unit_a)
    w.home_page = w.consultation_index.get_parent().specific
    for unit in (w.unit_a, w.unit_b):
        # The units' groups get their rights on the section folders made above.
        unit_workspace_ensure(unit=unit)

    # Volunteering --------------------------------------------------------------
    w.team = Team.objects.create(
        name="矩阵服务队", slug="matrix-team", unit=w.unit_a, district=w.unit_a.district
    )
    TeamMembership.objects.create(
        team=w.team,
        volunteer=w.leader,
        role=TeamMembership.Role.LEADER,
        status=TeamMembership.Status.APPROVED,
    )
    TeamMembership.objects.create(
        team=w.team, volunteer=w.volunteer, status=TeamMembership.Status.APPROVED
    )
    w.applicant = VolunteerFactory(
        real_name="矩阵申请人",
        status=Volunteer.Status.PENDING,
        green_ribbon_number=None,
    )
    TeamMembership.objects.create(team=w.team, volunteer=w.applicant)
    w.shift = w.activity.shifts.get()
    w.signup = sign_up(w.shift, w.volunteer)
    w.checkin_token = checkin_token_make(shift=w.shift)
    (w.past_shift,) = add_shifts(w.activity, 1, start=now - timedelta(days=3))
    w.record = service_record(w.volunteer, w.past_shift, status="approved")
    w.pending_record = service_record(
        w.leader, w.past_shift, status="pending", minutes=90
    )
    w.correction = ServiceRecordCorrection.objects.create(
        record=w.record,
        requested_by=w.volunteer.user,
        proposed_started_at=w.record.started_at,
        proposed_ended_at=w.record.ended_at - timedelta(minutes=10),
        reason="提前离开",
    )
    w.certificate = Certificate.objects.create(
        volunteer=w.volunteer,
        number="MATRIX-0001",
        issuer_name=w.unit_a.name,
        date_from=(now - timedelta(days=30)).date(),
        date_to=now.date(),
        holder_name=w.volunteer.real_name,
        holder_number=w.volunteer.green_ribbon_number,
        total_minutes=120,
        issued_on=now.date(),
        status=Certificate.Status.READY,
    )
    # The volunteer's own data export, ready to download.
    w.data_export = DataExport(
        user=w.volunteer.user,
        status=DataExport.Status.READY,
        progress=100,
        expires_at=now + timedelta(days=7),
    )
    w.data_export.file.save("matrix.zip", ContentFile(b"PK matrix"), save=False)
    w.data_export.save()
    w.reward = RewardFactory()

    # Facilities ------------------------------------------------------------------
    w.facility = FacilityFactory(unit=w.unit_a)
    start = (now + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    w.booking = FacilityBooking.objects.create(
        facility=w.facility,
        user=users["resident"],
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        people=2,
        purpose="矩阵预约",
    )
    from home.facilities.services.bookings import booking_calendar_token_reset

    w.booking_calendar_token = booking_calendar_token_reset(
        user=users["resident"]
    ).token

    # Consultations' own things -------------------------------------------------------
    w.reply_template = ReplyTemplate.objects.create(
        unit=w.unit_a, title="矩阵模板", outcome="adopted", body="采纳"
    )
    w.evaluation_period = EvaluationPeriod.objects.create(
        title="矩阵评价期",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=29),
        scorecards_published=True,
    )
    w.evaluation_period.units = [w.unit_a, w.unit_b]
    w.evaluation_period.save()
    w.membership_b = w.unit_a.memberships.filter(role=Role.EDITOR).first()

    # The 12319 line: the resident's request, handled by unit A ------------------
    from consultations.hotline.models import Category, RoutingRule
    from consultations.hotline.services import request_submit

    lights = Category.objects.get(slug="city-management")
    RoutingRule.objects.create(category=lights, unit=w.unit_a)
    w.hotline_request = request_submit(
        resident=users["resident"],
        category=lights,
        district=w.unit_a.district,
        place="矩阵路灯",
        description="矩阵路灯不亮已经三天。",
        is_public=True,
    )
    # Its photo (not agreed for the board): private, behind the access check.
    w.hotline_photo = w.hotline_request.photos.create(
        image=ContentFile(b"\xff\xd8matrix", name="matrix.jpg")
    )

    # A document of unit A's collection --------------------------------------------

    w.document = get_document_model().objects.create(
        title="矩阵文件",
        file=ContentFile(b"%PDF-1.4 matrix", name="matrix.pdf"),
        collection=w.unit_a.collection or Collection.get_first_root_node(),
    )
    return w
