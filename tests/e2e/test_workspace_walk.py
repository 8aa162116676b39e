"""In a real browser at phone width: each role signs in, starts from its workspace
(/me/, 我的工作台) and reaches by clicking every page of its work that used to be
reachable only by typing its address — the roster, the check-in code, the
attendance, the approvals, the registrations to review, the booking requests,
the members, the responders' dashboard, the moderation queue, the unit's pages in
the admin. axe-core runs on each page reached: no serious or critical violation.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import Comment
from home.models import FacilityBooking, UnitMembership
from home.services.workspaces import unit_workspace_ensure
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.e2e.helpers import axe_violations, log_in, screenshot
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import FacilityFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    make_activity,
    record,
)
from volunteers.models import Team, TeamMembership, UnitActivitiesPage, Volunteer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Role = UnitMembership.Role


# Violations on pages other engineers of issue 14 own, each fixed on their branch;
# remove an entry once its fix is merged.
@pytest.fixture
def phone(browser):
    """A phone-sized window whose context lets axe-core be injected."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class Walk:
    """Clicks from the workspace and checks each page reached with axe-core."""

    def __init__(self, page, base):
        self.page, self.base, self.problems = page, base, {}

    def home(self):
        self.page.goto(self.base + reverse("home:dashboard"))
        assert self.page.locator("h1", has_text="我的工作台").count() == 1

    def click(self, href: str, name: str, *, scope="main"):
        """Click the link to ``href`` (in ``scope``), land there and run axe."""
        link = self.page.locator(f'{scope} a[href="{href}"]').first
        link.scroll_into_view_if_needed()
        link.click()
        self.page.wait_for_load_state()
        path = href.split("#")[0].split("?")[0]
        assert path in self.page.url, (href, self.page.url)
        self.check(name)

    def check(self, name: str):
        violations = axe_violations(self.page)
        if violations:
            screenshot(self.page, f"workspace-{name}")
            self.problems[name] = violations

    def count_of(self, href: str) -> int:
        item = self.page.locator(f'.workspace-links__item:has(a[href="{href}"])').first
        return int(item.get_attribute("data-count"))


def sign_in(phone, live_server, user) -> Walk:
    log_in(phone, live_server.url, user.email)
    walk = Walk(phone, live_server.url)
    walk.home()
    walk.check("workspace")
    return walk


def member(unit, role, **fields):
    user = UserFactory(**fields)
    UnitMembershipFactory(unit=unit, user=user, role=role)
    return user


def test_organiser_reaches_roster_checkin_attendance_and_approvals(live_server, phone):
    index = ActivityIndexPageFactory()
    unit = UnitFactory(name="花果园街道办事处")
    organiser = member(unit, Role.ORGANISER, email="organiser@example.cn")
    today = make_activity(index, unit=unit, shifts=((0, 3, 10),), title="今天的清洁日")
    shift = today.shifts.get()
    past = make_activity(index, unit=unit, shifts=((-2, 2, 10),), title="上周的活动")
    record(past.shifts.get(), VolunteerFactory())

    walk = sign_in(phone, live_server, organiser)
    screenshot(phone, "workspace-organiser")
    pending = reverse("volunteers:pending_approvals")
    assert walk.count_of(pending) == 1
    walk.click(pending, "pending-approvals")
    assert phone.locator('input[name="records"]').count() == 1
    for href, name in [
        (reverse("volunteers:checkin_code", args=[shift.pk]), "checkin-code"),
        (reverse("volunteers:shift_attendance", args=[shift.pk]), "attendance"),
        (reverse("volunteers:roster", args=[today.pk]), "roster"),
    ]:
        walk.home()
        walk.click(href, name)
    # The activity page shows the organiser the same tools.
    walk.home()
    walk.click(today.url, "activity-page", scope=".workspace-shift__title")
    assert phone.locator("#organiser-tools").count() == 1
    screenshot(phone, "workspace-activity-organiser")
    walk.click(
        reverse("volunteers:checkin_code", args=[shift.pk]),
        "checkin-code",
        scope="#organiser-tools",
    )
    assert walk.problems == {}


def test_unit_admin_reaches_registrations_bookings_and_members(live_server, phone):
    unit = UnitFactory(name="贵阳市第一中学")
    admin = member(unit, Role.ADMIN, email="unit-admin@example.cn")
    facility = FacilityFactory(unit=unit, name="田径运动场")
    starts = timezone.now() + timedelta(days=1)
    FacilityBooking.objects.create(
        facility=facility,
        user=UserFactory(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        people=4,
        purpose="社区运动会",
    )
    team = Team.objects.create(
        unit=unit, name="一中志愿服务队", slug="yizhong", district=unit.district
    )
    applicant = VolunteerFactory(status=Volunteer.Status.PENDING)
    TeamMembership.objects.create(
        team=team, volunteer=applicant, status=TeamMembership.Status.PENDING
    )

    walk = sign_in(phone, live_server, admin)
    review = reverse("volunteers:review_list")
    bookings = reverse("home:unit_bookings", kwargs={"slug": unit.slug})
    assert walk.count_of(review) == 1
    assert walk.count_of(bookings) == 1
    walk.click(review, "review-list")
    walk.home()
    walk.click(bookings, "bookings")
    assert phone.locator("text=社区运动会").count() == 1
    walk.home()
    walk.click(reverse("home:unit_members", kwargs={"slug": unit.slug}), "members")
    assert walk.problems == {}


def test_responder_reaches_the_comments_to_answer(live_server, phone):
    unit = UnitFactory(name="贵阳市生态环境局")
    responder = member(unit, Role.RESPONDER, email="responder@example.cn")
    consultation = make_consultation(ConsultationIndexPageFactory(), unit=unit)
    author = UserFactory()
    make_comment(consultation, author)
    make_comment(consultation, author, due_at=timezone.now() - timedelta(days=1))

    walk = sign_in(phone, live_server, responder)
    dashboard = reverse("consultations:respond_dashboard")
    assert walk.count_of(dashboard) == 2
    assert walk.count_of(dashboard + "?status=overdue") == 1
    walk.click(dashboard, "respond-dashboard")
    walk.home()
    walk.click(dashboard + "?status=overdue", "respond-overdue")
    assert walk.problems == {}


def test_editor_reaches_the_units_pages_in_the_admin(live_server, phone):
    ActivityIndexPageFactory()
    unit = UnitFactory(name="南明区团委")
    editor = member(unit, Role.EDITOR, email="editor@example.cn")
    unit_workspace_ensure(unit=unit)
    folder = UnitActivitiesPage.objects.get(unit=unit)

    walk = sign_in(phone, live_server, editor)
    walk.click(reverse("home:unit_bookings", kwargs={"slug": unit.slug}), "bookings")
    walk.home()
    walk.click(reverse("wagtailadmin_explore", args=[folder.pk]), "admin-explorer")
    assert walk.problems == {}


def test_moderator_reaches_the_moderation_queue(live_server, phone):
    unit = UnitFactory(name="贵阳市住房和城乡建设局")
    consultation = make_consultation(ConsultationIndexPageFactory(), unit=unit)
    make_comment(consultation, UserFactory(), status=Comment.Status.PENDING)
    moderator = UserFactory(email="moderator@example.cn", two_factor=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))

    walk = sign_in(phone, live_server, moderator)
    queue = reverse("moderation:queue")
    assert walk.count_of(queue) == 1
    walk.click(queue, "moderation-queue")
    assert walk.problems == {}


def test_volunteer_reaches_their_pages_and_sees_no_staff_tools(live_server, phone):
    volunteer = VolunteerFactory(user=UserFactory(email="volunteer@example.cn"))

    walk = sign_in(phone, live_server, volunteer.user)
    assert phone.locator(".workspace-panel").count() == 0
    walk.click(reverse("volunteers:profile"), "volunteer-profile")
    walk.home()
    walk.click(reverse("home:participation"), "participation", scope=".me-nav")
    walk.home()
    walk.click(reverse("home:account_settings"), "account", scope=".me-nav")
    assert phone.locator("#profile-heading").count() == 1
    # The public figures are one tap away from any page, in the footer.
    for href, name in [
        (reverse("consultations:evaluation_list"), "evaluations"),
        (reverse("consultations:answer_rates"), "answer-rates"),
        (reverse("volunteers:leaderboards"), "leaderboards"),
    ]:
        walk.click(href, name, scope=".site-footer")
    assert walk.problems == {}
