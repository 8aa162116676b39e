"""Two-factor for every privileged power (issue 11, part 3): whoever holds a power
(staff, a role in a unit, moderators, reviewers) without a TOTP authenticator is
sent to set one up, with a message in Chinese and ``next`` back to the screen,
on the public site and in both admins; with two-factor they get the page."""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from home.models import UnitMembership
from home.permissions import is_platform_staff, user_has_unit_role
from tests.factories import UnitMembershipFactory, UserFactory, give_totp
from tests.volunteers.factories import make_activity
from volunteers.models import Team
from volunteers.selectors.roster import user_can_see_roster

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"


def assert_sent_to_setup(response, url):
    assert response.status_code == 302, response.status_code
    location = urlsplit(response["Location"])
    assert location.path == SETUP
    assert parse_qs(location.query)["next"] == [url]
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("两步验证" in message for message in shown), shown


@pytest.fixture
def staff_without(db):
    return UserFactory(is_staff=True, two_factor=False, display_name="无验证员")


@pytest.fixture
def staff_with(db):
    return UserFactory(is_staff=True, display_name="有验证员")


@pytest.fixture
def roster_url(activity_index, unit):
    activity = make_activity(activity_index, unit=unit)
    return reverse("volunteers:roster", kwargs={"page_id": activity.pk})


def privileged_urls(unit, roster):
    return {
        "roster": roster,
        "review queue": reverse("volunteers:review_list"),
        "service-record export": reverse(
            "volunteers:service_records_csv", kwargs={"slug": unit.slug}
        ),
        "member list": reverse("home:unit_members", kwargs={"slug": unit.slug}),
        "bookings queue": reverse("home:unit_bookings", kwargs={"slug": unit.slug}),
        "pending hours": reverse("volunteers:pending_approvals"),
        "responders' dashboard": reverse("consultations:respond_dashboard"),
    }


@pytest.mark.parametrize(
    "screen",
    [
        "roster",
        "review queue",
        "service-record export",
        "member list",
        "bookings queue",
        "pending hours",
        "responders' dashboard",
    ],
)
def test_staff_without_two_factor_are_sent_to_set_it_up_before_any_privileged_screen(
    client, staff_without, staff_with, unit, roster_url, screen
):
    url = privileged_urls(unit, roster_url)[screen]
    client.force_login(staff_without)
    assert_sent_to_setup(client.get(url), url)
    client.force_login(staff_with)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "screen"),
    [
        (UnitMembership.Role.ORGANISER, "roster"),
        (UnitMembership.Role.ORGANISER, "review queue"),
        (UnitMembership.Role.ORGANISER, "service-record export"),
        (UnitMembership.Role.ORGANISER, "pending hours"),
        (UnitMembership.Role.ADMIN, "member list"),
        (UnitMembership.Role.ADMIN, "bookings queue"),
        (UnitMembership.Role.RESPONDER, "responders' dashboard"),
    ],
)
def test_a_unit_role_works_on_the_public_site_only_with_two_factor(
    client, unit, roster_url, role, screen
):
    url = privileged_urls(unit, roster_url)[screen]
    member = UnitMembershipFactory(unit=unit, role=role, two_factor=False).user
    client.force_login(member)
    assert_sent_to_setup(client.get(url), url)
    give_totp(member)
    assert client.get(url).status_code == 200


def test_a_post_to_a_privileged_screen_without_two_factor_changes_nothing(client, unit):
    admin = UnitMembershipFactory(unit=unit, two_factor=False).user
    newcomer = UserFactory(email="newcomer@example.cn")
    url = reverse("home:unit_members", kwargs={"slug": unit.slug})
    client.force_login(admin)
    response = client.post(url, {"email": newcomer.email, "role": "editor"})
    assert_sent_to_setup(response, url)
    assert not UnitMembership.objects.filter(user=newcomer).exists()


def test_the_permission_helpers_refuse_every_power_without_two_factor(
    activity_index, unit
):
    """The services ask the same helpers: no power works without two-factor,
    whatever screen or task calls it."""
    activity = make_activity(activity_index, unit=unit)
    organiser = UnitMembershipFactory(
        unit=unit, role=UnitMembership.Role.ORGANISER, two_factor=False
    ).user
    staff = UserFactory(is_staff=True, is_superuser=True, two_factor=False)
    assert not user_has_unit_role(organiser, unit)
    assert not user_can_see_roster(user=organiser, activity=activity)
    assert not is_platform_staff(staff)
    assert not user_can_see_roster(user=staff, activity=activity)
    give_totp(organiser)
    give_totp(staff)
    assert user_has_unit_role(organiser, unit)
    assert user_can_see_roster(user=organiser, activity=activity)
    assert is_platform_staff(staff)


def test_a_power_refused_by_a_helper_alone_also_sends_to_set_up(client, unit):
    """A screen without the decorator (a team's requests, which staff decide)
    refuses through the helper; the middleware turns that refusal into the
    set-up redirect rather than a 403."""
    team = Team.objects.create(
        name="测试服务队", slug="ceshi", unit=unit, district=unit.district
    )
    url = reverse("volunteers:team_requests", kwargs={"slug": team.slug})
    staff = UserFactory(is_staff=True, two_factor=False)
    client.force_login(staff)
    assert_sent_to_setup(client.get(url), url)
    give_totp(staff)
    assert client.get(url).status_code == 200


def test_people_without_any_power_are_refused_as_before(client, resident, unit):
    client.force_login(resident)
    assert client.get(reverse("volunteers:review_list")).status_code == 403
    members = reverse("home:unit_members", kwargs={"slug": unit.slug})
    assert client.get(members).status_code == 403
    assert client.get("/admin/").status_code == 302
    assert not client.get("/admin/")["Location"].startswith(SETUP)


# The admins ---------------------------------------------------------------------


def test_a_unit_editor_enters_the_wagtail_admin_only_with_two_factor(client, unit):
    editor = UnitMembershipFactory(
        unit=unit, role=UnitMembership.Role.EDITOR, two_factor=False
    ).user
    client.force_login(editor)
    assert_sent_to_setup(client.get("/admin/"), "/admin/")
    assert_sent_to_setup(client.get("/admin/pages/"), "/admin/pages/")
    give_totp(editor)
    assert client.get("/admin/").status_code == 200


def test_a_moderator_enters_the_admin_only_with_two_factor(client):
    moderator = UserFactory(two_factor=False)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert_sent_to_setup(client.get("/admin/"), "/admin/")
    assert_sent_to_setup(client.get("/admin/moderation/"), "/admin/moderation/")
    give_totp(moderator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/moderation/").status_code == 200


def test_a_pledge_reviewer_enters_the_admin_only_with_two_factor(client):
    from home.pledges.services import PLEDGE_REVIEWERS_GROUP

    reviewer = UserFactory(two_factor=False)
    reviewer.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    client.force_login(reviewer)
    assert_sent_to_setup(client.get("/admin/"), "/admin/")
    give_totp(reviewer)
    assert client.get("/admin/").status_code == 200


def test_staff_enter_the_django_admin_only_with_two_factor(
    client, staff_without, staff_with
):
    client.force_login(staff_without)
    assert_sent_to_setup(client.get("/django-admin/"), "/django-admin/")
    client.force_login(staff_with)
    assert client.get("/django-admin/").status_code == 200
