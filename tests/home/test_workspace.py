"""The person's workspace (/me/, 我的工作台): each role's queues with counts and
its tools, read from the shared core and, through home.extensions, from the
feature apps; the count beside each link equals the length of the list it opens."""

import re
from datetime import timedelta
from html import unescape

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from home.models import FacilityBooking, UnitMembership
from home.pledges.services import PLEDGE_REVIEWERS_GROUP
from tests.consultations.factories import ConsultationIndexPageFactory, make_comment
from tests.consultations.factories import make_consultation as consultation_of
from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    make_privileged_group_member,
)
from tests.home.factories import FacilityFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    make_activity,
    record,
)
from volunteers.models import ServiceRecordCorrection, TeamMembership, Volunteer

pytestmark = pytest.mark.django_db

Role = UnitMembership.Role


def links_with_counts(html: str) -> dict[str, int]:
    """{url: count} of the workspace's queue links."""
    found = {}
    for item in re.finditer(
        r'<li class="workspace-links__item" data-count="(\d+)">\s*'
        r'<a class="workspace-links__link" href="([^"]+)"',
        html,
    ):
        found[unescape(item.group(2))] = int(item.group(1))
    return found


def workspace(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def member(unit, role, user=None):
    user = user or UserFactory()
    UnitMembershipFactory(unit=unit, user=user, role=role)
    return user


@pytest.fixture
def unit():
    return UnitFactory(name="花果园街道办事处")


@pytest.fixture
def activity_index(db):
    return ActivityIndexPageFactory()


@pytest.fixture
def consultation_index(db):
    return ConsultationIndexPageFactory()


# Organisers -----------------------------------------------------------------------


def test_organiser_sees_todays_shifts_with_their_tools_and_pending_counts(
    client, unit, activity_index
):
    organiser = member(unit, Role.ORGANISER)
    now = timezone.now()
    activity = make_activity(activity_index, unit=unit, shifts=((0, 3, 10),))
    shift = activity.shifts.get()
    past = make_activity(
        activity_index, unit=unit, shifts=((-3, 2, 10),), title="上周的活动"
    )
    past_shift = past.shifts.get()
    volunteers = VolunteerFactory.create_batch(3)
    records = [record(past_shift, volunteer) for volunteer in volunteers]
    ServiceRecordCorrection.objects.create(
        record=records[0],
        proposed_started_at=past_shift.starts_at,
        proposed_ended_at=past_shift.ends_at,
        reason="我提前到了",
        requested_by=volunteers[0].user,
    )
    # Another unit's shifts and records stay out.
    other = make_activity(activity_index, unit=UnitFactory(), title="别的单位的活动")
    record(other.shifts.get(), VolunteerFactory())

    html = workspace(client, organiser)
    assert "我的工作台" in html
    assert "组织者" in html and "今天及近期的班次" in html
    counts = links_with_counts(html)
    pending = reverse("volunteers:pending_approvals")
    assert counts[pending] == 3
    assert counts[pending + "#corrections-heading"] == 1
    assert reverse("volunteers:checkin_code", args=[shift.pk]) in html
    assert reverse("volunteers:shift_attendance", args=[shift.pk]) in html
    assert reverse("volunteers:roster", args=[activity.pk]) in html
    assert reverse("volunteers:checkin_code", args=[past_shift.pk]) not in html
    assert "别的单位的活动" not in html
    assert shift.starts_at < now + timedelta(days=1)

    # The counts are those of the list they open.
    listing = client.get(pending).content.decode()
    assert listing.count('name="records"') == 3


def test_organiser_counts_equal_the_approvals_list_with_records_of_their_own(
    client, unit, activity_index
):
    """The list leaves out the organiser's own records: so does the count."""
    organiser = member(unit, Role.ORGANISER)
    own = VolunteerFactory(user=organiser)
    shift = make_activity(activity_index, unit=unit, shifts=((-2, 2, 10),)).shifts.get()
    record(shift, own)
    record(shift, VolunteerFactory())
    counts = links_with_counts(workspace(client, organiser))
    listing = client.get(reverse("volunteers:pending_approvals")).content.decode()
    assert counts[reverse("volunteers:pending_approvals")] == 1
    assert listing.count('name="records"') == 1


# Unit admins ----------------------------------------------------------------------


def test_unit_admin_sees_registrations_bookings_members_and_export(client, unit):
    admin = member(unit, Role.ADMIN)
    facility = FacilityFactory(unit=unit)
    now = timezone.now()
    for hours in (20, 30):
        FacilityBooking.objects.create(
            facility=facility,
            user=UserFactory(),
            starts_at=now + timedelta(hours=hours),
            ends_at=now + timedelta(hours=hours + 1),
            people=2,
            purpose="排练",
        )
    # A request whose time has passed is no longer on the list, nor counted.
    FacilityBooking.objects.create(
        facility=facility,
        user=UserFactory(),
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=2),
        people=2,
        purpose="排练",
    )
    from volunteers.models import Team

    team = Team.objects.create(
        unit=unit, name="花果园志愿服务队", slug="hgy", district=unit.district
    )
    applicants = VolunteerFactory.create_batch(2, status=Volunteer.Status.PENDING)
    for applicant in applicants:
        TeamMembership.objects.create(
            team=team, volunteer=applicant, status=TeamMembership.Status.PENDING
        )

    html = workspace(client, admin)
    assert "单位管理员" in html and "场地预约申请" in html
    counts = links_with_counts(html)
    bookings = reverse("home:unit_bookings", kwargs={"slug": unit.slug})
    review = reverse("volunteers:review_list")
    assert counts[bookings] == 2
    assert counts[review] == 2
    assert reverse("home:unit_members", kwargs={"slug": unit.slug}) in html
    assert reverse("home:unit_facilities", kwargs={"slug": unit.slug}) in html
    export = reverse("volunteers:service_records_xlsx", kwargs={"slug": unit.slug})
    assert export in html

    booking_list = client.get(bookings).content.decode()
    assert booking_list.count("排练") == 2
    review_list = client.get(review).content.decode()
    for applicant in applicants:
        assert reverse("volunteers:review_detail", args=[applicant.pk]) in review_list


# Responders -----------------------------------------------------------------------


def test_responder_sees_the_dashboards_figures(client, unit, consultation_index):
    responder = member(unit, Role.RESPONDER)
    consultation = consultation_of(consultation_index, unit=unit)
    author = UserFactory()
    make_comment(consultation, author)
    make_comment(consultation, author)
    make_comment(consultation, author, due_at=timezone.now() - timedelta(days=1))

    html = workspace(client, responder)
    assert "答复人" in html and "待答复的意见" in html
    counts = links_with_counts(html)
    dashboard = reverse("consultations:respond_dashboard")
    assert counts[dashboard] == 3
    assert counts[dashboard + "?status=overdue"] == 1
    # The figures are the dashboard's own (the same selector); so are its lists.
    for url, count in ((dashboard, 3), (dashboard + "?status=overdue", 1)):
        listing = client.get(url).content.decode()
        assert listing.count('name="comments"') == count


# Editors --------------------------------------------------------------------------


def test_editor_is_linked_to_the_units_folders_in_the_admin(
    client, unit, activity_index
):
    from home.services.workspaces import unit_workspace_ensure
    from volunteers.models import UnitActivitiesPage

    editor = member(unit, Role.EDITOR)
    unit_workspace_ensure(unit=unit)
    folder = UnitActivitiesPage.objects.get(unit=unit)
    html = workspace(client, editor)
    assert reverse("wagtailadmin_explore", args=[folder.pk]) in html
    client.force_login(editor)
    explorer = client.get(reverse("wagtailadmin_explore", args=[folder.pk]))
    assert explorer.status_code == 200
    # Editors decide their unit's facility bookings too.
    bookings = reverse("home:unit_bookings", kwargs={"slug": unit.slug})
    assert links_with_counts(html)[bookings] == 0
    assert reverse("home:unit_facilities", kwargs={"slug": unit.slug}) in html


# Moderators, reviewers, staff -----------------------------------------------------


def test_moderator_sees_the_queue_count(client, unit, consultation_index):
    from consultations.models import Comment

    moderator = make_privileged_group_member("Moderators")
    consultation = consultation_of(consultation_index, unit=unit)
    author = UserFactory()
    make_comment(consultation, author, status=Comment.Status.PENDING)
    make_comment(consultation, author, status=Comment.Status.PENDING)
    make_comment(consultation, author)

    html = workspace(client, moderator)
    assert "意见审核员" in html
    assert links_with_counts(html)[reverse("moderation:queue")] == 2


def test_pledge_reviewer_sees_the_pages_awaiting_their_review(client):
    reviewer = make_privileged_group_member(PLEDGE_REVIEWERS_GROUP)
    counts = links_with_counts(workspace(client, reviewer))
    assert counts[reverse("wagtailadmin_home")] == 0


def test_staff_see_the_admin_and_the_registrations(client):
    staff = UserFactory(is_staff=True)
    VolunteerFactory(status=Volunteer.Status.PENDING)
    html = workspace(client, staff)
    assert links_with_counts(html)[reverse("volunteers:review_list")] == 1
    assert reverse("wagtailadmin_home") in html


# Residents and missing two-factor -------------------------------------------------


def test_resident_sees_an_overview_and_no_staff_tools(client):
    resident = UserFactory()
    html = workspace(client, resident)
    assert 'class="panel workspace-panel"' not in html
    assert reverse("home:participation") in html
    assert reverse("volunteers:register") in html
    for url in (
        reverse("volunteers:review_list"),
        reverse("volunteers:pending_approvals"),
        reverse("consultations:respond_dashboard"),
        reverse("moderation:queue"),
        reverse("wagtailadmin_home"),
    ):
        assert url not in html


def test_a_role_without_two_factor_asks_for_it_instead_of_showing_queues(client, unit):
    organiser = UserFactory()
    UnitMembershipFactory(unit=unit, user=organiser, role=Role.ORGANISER)
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=organiser).delete()
    html = workspace(client, organiser)
    assert reverse("mfa_index") in html
    assert reverse("volunteers:pending_approvals") not in html
    assert unit.name in html


def test_profile_and_security_live_on_the_account_page(client):
    user = UserFactory(display_name="王小明")
    html = workspace(client, user)
    assert reverse("home:profile_edit") not in html
    assert reverse("account_change_password") not in html
    assert 'id="my-bookings"' not in html
    account = client.get(reverse("home:account_settings")).content.decode()
    assert reverse("home:profile_edit") in account
    assert reverse("account_change_password") in account
    assert "王小明" in account


# Several roles: bounded queries ---------------------------------------------------


def test_workspace_queries_do_not_grow_with_units_and_shifts(
    client, activity_index, consultation_index, django_assert_max_num_queries
):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    user.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))

    def add_unit():
        unit = UnitFactory()
        for role in Role.values:
            UnitMembershipFactory(unit=unit, user=user, role=role)
        FacilityFactory(unit=unit)
        make_activity(activity_index, unit=unit, shifts=((0, 2, 5), (1, 2, 5)))
        consultation_of(consultation_index, unit=unit)

    add_unit()
    client.force_login(user)
    client.get(reverse("home:dashboard"))  # site-wide caches warm
    with django_assert_max_num_queries(60) as first:
        client.get(reverse("home:dashboard"))
    # Counted now: the query log is a bounded deque, read later it has moved on.
    first_count = len(first.captured_queries)
    for _number in range(3):
        add_unit()
    client.get(reverse("home:dashboard"))  # new pages: the site shell afresh once
    with django_assert_max_num_queries(first_count):
        response = client.get(reverse("home:dashboard"))
    assert response.status_code == 200
    # The role panels, and the 12319 line's (a handler, and staff).
    assert response.content.decode().count('class="panel workspace-panel"') == 8


# Menus ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "consultations:evaluation_list",
        "consultations:answer_rates",
        "volunteers:leaderboards",
    ],
)
def test_the_public_figures_are_linked_from_every_pages_footer(client, url):
    footer = client.get(reverse("home:unit_list")).content.decode()
    footer = footer.split('class="site-footer"')[1]
    assert f'href="{reverse(url)}"' in footer
