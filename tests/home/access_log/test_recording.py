"""Who looked at my data (issue 13, part 4): views and downloads of another
person's personal data are recorded, staff read the log in the admin, and each
person sees the accesses to their own data on /me/access-log/."""

from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from home.facilities import services as facility_services
from home.models import AccessRecord, UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory
from tests.home.factories import tomorrow_at
from tests.volunteers.factories import (
    VolunteerFactory,
    service_record,
    sign_up,
)
from volunteers.models import Team, TeamMembership, Volunteer

pytestmark = pytest.mark.django_db

ADMIN_LOG = "/admin/access-log/"


def roster_csv_url(activity):
    return reverse("volunteers:roster_csv", kwargs={"page_id": activity.pk})


# The acceptance: a roster export by an organiser -------------------------------


def test_roster_export_is_in_the_admin_log_and_on_the_volunteers_page(
    client, organiser, activity, roster, staff
):
    client.force_login(organiser)
    response = client.get(roster_csv_url(activity))
    assert response.status_code == 200
    b"".join(response.streaming_content)

    records = AccessRecord.objects.filter(what=AccessRecord.What.ROSTER_EXPORT)
    assert {r.subject_id for r in records} == {
        roster["volunteer"].user_id,
        roster["other"].user_id,
    }
    record = records.get(subject=roster["volunteer"].user)
    assert record.viewer == organiser
    assert record.acted_as == AccessRecord.ActedAs.UNIT
    assert record.acting_for == "贵阳市志愿者协会"
    assert record.detail == "社区清洁日"

    # Staff see it in the admin.
    client.force_login(staff)
    listing = client.get(ADMIN_LOG).content.decode()
    assert "organiser@example.cn" in listing
    assert "chen@example.cn" in listing

    # The volunteer sees it on their own page: the unit, not the person.
    client.force_login(roster["volunteer"].user)
    page = client.get(reverse("home:my_access_log")).content.decode()
    assert "贵阳市志愿者协会" in page
    assert "社区清洁日" in page
    assert "马组织" not in page
    assert "organiser@example.cn" not in page
    dashboard = client.get(reverse("home:account_settings")).content.decode()
    assert "贵阳市志愿者协会" in dashboard
    assert reverse("home:my_access_log") in dashboard


def test_roster_page_and_xlsx_are_recorded(client, organiser, activity, roster):
    client.force_login(organiser)
    client.get(reverse("volunteers:roster", kwargs={"page_id": activity.pk}))
    client.get(reverse("volunteers:roster_xlsx", kwargs={"page_id": activity.pk}))
    whats = list(
        AccessRecord.objects.filter(subject=roster["volunteer"].user).values_list(
            "what", flat=True
        )
    )
    assert sorted(whats) == ["roster", "roster_export"]


def test_the_attendance_page_is_recorded(client, organiser, activity, roster):
    shift = activity.shifts.get()
    client.force_login(organiser)
    response = client.get(reverse("volunteers:shift_attendance", args=[shift.pk]))
    assert response.status_code == 200
    seen = AccessRecord.objects.filter(what=AccessRecord.What.ATTENDANCE)
    assert set(seen.values_list("subject", flat=True)) == {
        roster["volunteer"].user.pk,
        roster["other"].user.pk,
    }
    assert seen.first().acting_for == "贵阳市志愿者协会"


def test_a_person_viewing_their_own_data_is_not_recorded(
    client, activity, organising_unit
):
    """An organiser who is on their own activity's roster: the others are
    recorded, they are not."""
    organiser_volunteer = VolunteerFactory(real_name="自己")
    UnitMembershipFactory(
        unit=organising_unit,
        user=organiser_volunteer.user,
        role=UnitMembership.Role.ORGANISER,
    )
    other = VolunteerFactory(real_name="别人")
    shift = activity.shifts.get()
    sign_up(shift, organiser_volunteer)
    sign_up(shift, other)
    client.force_login(organiser_volunteer.user)
    client.get(roster_csv_url(activity))
    assert list(AccessRecord.objects.values_list("subject_id", flat=True)) == [
        other.user_id
    ]
    # Their own pages record nothing.
    client.get(reverse("volunteers:profile"))
    client.get(reverse("volunteers:my_service_records"))
    client.get(reverse("home:dashboard"))
    assert AccessRecord.objects.count() == 1


# Other screens ----------------------------------------------------------------


def test_review_page_is_recorded_for_the_reviewing_unit(client):
    unit = UnitFactory(name="南明区民政局")
    organiser = UnitMembershipFactory(
        unit=unit, role=UnitMembership.Role.ORGANISER
    ).user
    team = Team.objects.create(
        name="南明队", slug="nanming", unit=unit, district=unit.district
    )
    applicant = VolunteerFactory(
        real_name="申请人", status=Volunteer.Status.PENDING, green_ribbon_number=None
    )
    TeamMembership.objects.create(team=team, volunteer=applicant)
    client.force_login(organiser)
    url = reverse("volunteers:review_detail", args=[applicant.pk])
    assert client.get(url).status_code == 200
    record = AccessRecord.objects.get(what=AccessRecord.What.VOLUNTEER_REVIEW)
    assert record.subject == applicant.user
    assert record.viewer == organiser
    assert record.unit == unit
    assert record.acting_for == "南明区民政局"


def test_unit_member_list_is_recorded(client, unit, unit_admin):
    member = UnitMembershipFactory(unit=unit, role=UnitMembership.Role.EDITOR).user
    client.force_login(unit_admin)
    assert client.get(reverse("home:unit_members", args=[unit.slug])).status_code == 200
    records = AccessRecord.objects.filter(what=AccessRecord.What.UNIT_MEMBERS)
    # The admin's own row on the list is not an access to someone else's data.
    assert [r.subject_id for r in records] == [member.pk]
    assert records.get().unit == unit


def test_service_record_export_is_recorded(
    client, organiser, activity, volunteer, organising_unit
):
    service_record(volunteer, activity.shifts.get())
    client.force_login(organiser)
    url = reverse("volunteers:service_records_csv", args=[organising_unit.slug])
    response = client.get(url)
    assert response.status_code == 200
    record = AccessRecord.objects.get(what=AccessRecord.What.SERVICE_RECORD_EXPORT)
    assert record.subject == volunteer.user
    assert record.unit == organising_unit


def test_admin_user_edit_and_volunteer_inspect_are_recorded_as_staff(
    client, staff, volunteer
):
    client.force_login(staff)
    edit = client.get(reverse("wagtailusers_users:edit", args=[volunteer.user_id]))
    assert edit.status_code == 200
    inspect = client.get(reverse("volunteer_review:inspect", args=[volunteer.pk]))
    assert inspect.status_code == 200
    records = AccessRecord.objects.filter(subject=volunteer.user)
    assert sorted(r.what for r in records) == ["admin_user", "admin_volunteer"]
    assert {r.acted_as for r in records} == {AccessRecord.ActedAs.STAFF}
    assert {r.viewer for r in records} == {staff}

    client.force_login(volunteer.user)
    page = client.get(reverse("home:my_access_log")).content.decode()
    assert "平台工作人员" in page
    assert "staff@example.cn" not in page


def test_django_admin_email_address_page_is_recorded(client, staff, volunteer):
    address = EmailAddress.objects.get(user=volunteer.user)
    client.force_login(staff)
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    assert client.get(url).status_code == 200
    record = AccessRecord.objects.get()
    assert record.subject == volunteer.user
    assert record.what == AccessRecord.What.ADMIN_USER


def test_team_requests_are_recorded_for_the_leader(client, unit):
    team = Team.objects.create(
        name="花果园志愿服务队", slug="hgy", unit=unit, district=unit.district
    )
    leader = VolunteerFactory(real_name="周队长")
    TeamMembership.objects.create(
        team=team,
        volunteer=leader,
        role=TeamMembership.Role.LEADER,
        status=TeamMembership.Status.APPROVED,
    )
    applicant = VolunteerFactory(real_name="申请者")
    TeamMembership.objects.create(team=team, volunteer=applicant)
    client.force_login(leader.user)
    response = client.get(reverse("volunteers:team_requests", args=[team.slug]))
    assert response.status_code == 200
    record = AccessRecord.objects.get()
    assert record.subject == applicant.user
    assert record.acted_as == AccessRecord.ActedAs.TEAM
    client.force_login(applicant.user)
    page = client.get(reverse("home:my_access_log")).content.decode()
    assert "服务队“花果园志愿服务队”负责人" in page
    assert "周队长" not in page


def test_unit_bookings_list_is_recorded(client, unit, unit_admin, facility, resident):
    facility_services.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=6,
        purpose="社区篮球友谊赛",
    )
    client.force_login(unit_admin)
    response = client.get(reverse("home:unit_bookings", kwargs={"slug": unit.slug}))
    assert response.status_code == 200
    record = AccessRecord.objects.get()
    assert record.subject == resident
    assert record.what == AccessRecord.What.FACILITY_BOOKINGS
    assert record.acting_for == unit.name
