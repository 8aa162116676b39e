"""axe-core finds no serious or critical violation on the pages each role reaches
once signed in (issue 14): a resident, a volunteer, an organiser, a unit's admin,
a responder, a moderator, a unit's editor and staff, at phone and desktop width.

The pages are found in the demo data when the test runs (no fixed ids): each role
is one demo login, signed in once per width, in one browser context per width."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.forms.replies import DashboardFilterForm
from consultations.models import Comment, ReplyTemplate
from consultations.services.appeals import appeal_create
from consultations.services.moderation import comment_moderate
from home.demo import DEMO_TOTP_SECRET, resident_emails
from home.models import (
    DataExport,
    Facility,
    FacilityBooking,
    PledgePage,
    UnitMembership,
    User,
)
from tests.e2e.helpers import axe_violations, log_in, log_out, screenshot, submit
from tests.factories import DEFAULT_PASSWORD
from volunteers.models import (
    ActivityPage,
    Certificate,
    ServiceRecord,
    ServiceRecordCorrection,
    Shift,
    Signup,
    Team,
    Volunteer,
)
from volunteers.selectors.profiles import volunteers_to_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"phone": 390, "desktop": 1280}

# Every signed-in person's own pages.
OWN_PAGES = [
    "/me/",
    "/me/participation/",
    "/me/account/",
    "/me/profile/",
    "/me/access-log/",
    "/me/data-export/",
    "/me/consent/",
    "/me/close-account/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]


class Refused(str):
    """A page whose form is also sent empty, to check the page that lists the
    errors."""


def membership(role, *, best=None):
    """The demo member of ``role`` whose unit has the most to show (``best``
    scores a membership), so that the pages are not empty."""
    members = list(
        UnitMembership.objects.filter(role=role)
        .select_related("unit", "user")
        .order_by("unit__slug", "pk")
    )
    return max(members, key=best) if best else members[0]


def organiser_pages():
    """The organiser of the unit with most pending records, also made an
    organiser of the unit with an open correction, so that the pending approvals
    page shows both."""

    def pending(member):
        return ServiceRecord.objects.filter(
            unit=member.unit, status=ServiceRecord.Status.PENDING
        ).count()

    member = membership(UnitMembership.Role.ORGANISER, best=pending)
    correction = ServiceRecordCorrection.objects.filter(status="pending").first()
    if correction and correction.record.unit_id != member.unit_id:
        UnitMembership.objects.get_or_create(
            unit=correction.record.unit,
            user=member.user,
            role=UnitMembership.Role.ORGANISER,
        )
    activity = (
        ActivityPage.objects.live()
        .filter(unit=member.unit, shifts__isnull=False)
        .order_by("-pk")
        .first()
    )
    now = timezone.now()
    shifts = Shift.objects.filter(activity__unit=member.unit)
    past = shifts.filter(ends_at__lt=now).order_by("-starts_at").first()
    coming = shifts.filter(starts_at__gt=now).order_by("starts_at").first()
    record = ServiceRecord.objects.filter(unit=member.unit).order_by("-pk").first()
    paths = [
        reverse("volunteers:roster", args=[activity.pk]),
        activity.url,
        reverse("volunteers:checkin_code", args=[(coming or past).pk]),
        reverse("volunteers:shift_attendance", args=[past.pk]),
        reverse("volunteers:pending_approvals"),
        reverse("volunteers:review_service_record", args=[record.pk]),
    ]
    return member.user, paths


def admin_pages():
    """The unit admin with most volunteers to review and booking requests."""

    def work(member):
        requested = FacilityBooking.objects.filter(
            facility__unit=member.unit, status="requested"
        ).count()
        return volunteers_to_review(user=member.user).count() + requested

    member = membership(UnitMembership.Role.ADMIN, best=work)
    slug = member.unit.slug
    volunteer = volunteers_to_review(user=member.user, status="pending").first()
    volunteer = volunteer or volunteers_to_review(user=member.user).first()
    return member.user, [
        reverse("volunteers:review_list"),
        reverse("volunteers:review_detail", args=[volunteer.pk]),
        reverse("home:unit_bookings", args=[slug]),
        reverse("home:unit_members", args=[slug]),
        reverse("home:unit_facilities", args=[slug]),
        Refused(reverse("home:unit_facility_create", args=[slug])),
        *(
            reverse("home:unit_facility_edit", args=[slug, facility.pk])
            for facility in Facility.objects.filter(unit=member.unit)[:1]
        ),
    ]


def responder_pages():
    def comments(member):
        return Comment.objects.filter(consultation__unit=member.unit).count()

    member = membership(UnitMembership.Role.RESPONDER, best=comments)
    dashboard = reverse("consultations:respond_dashboard")
    published = Comment.objects.filter(
        consultation__unit=member.unit, status=Comment.Status.PUBLISHED
    ).order_by("pk")
    answered = published.filter(reply__isnull=False).first()
    unanswered = published.filter(reply__isnull=True).first()
    template = ReplyTemplate.objects.filter(unit=member.unit).first()
    statuses = [value for value, _label in DashboardFilterForm.STATUS_CHOICES]
    return member.user, [
        *(f"{dashboard}?status={status}" for status in statuses),
        reverse("consultations:respond_comment", args=[answered.pk]),
        Refused(reverse("consultations:respond_comment", args=[unanswered.pk])),
        reverse("consultations:reply_templates"),
        Refused(reverse("consultations:reply_template_add")),
        reverse("consultations:reply_template_edit", args=[template.pk]),
    ]


def resident_and_moderator_pages():
    """A resident who is no volunteer (the registration form), two of whose
    comments staff hid: one they have appealed, one they may appeal (the form).
    The moderator's queue, a pending comment and the appeal to decide."""
    volunteers = Volunteer.objects.values("user_id")
    resident = (
        User.objects.filter(
            email__in=resident_emails(), consultation_comments__isnull=False
        )
        .exclude(pk__in=volunteers)
        .order_by("email")
        .distinct()
        .first()
    )
    comments = Comment.objects.filter(
        author=resident, status=Comment.Status.PUBLISHED, consultation__isnull=False
    ).order_by("pk")[:2]
    staff = User.objects.get(email__startswith="admin@")
    for comment in comments:
        comment_moderate(
            moderator=staff, comment=comment, action="hide", reason="内容与本条无关。"
        )
    appealed, comment = comments
    paths = [
        Refused(reverse("volunteers:register")),
        comment.consultation.url,
        reverse("consultations:comment_appeal", args=[appealed.pk]),
        Refused(reverse("consultations:comment_appeal", args=[comment.pk])),
    ]
    pledge = PledgePage.objects.live().order_by("pk").first()
    if pledge:
        paths.append(pledge.url)
    facility = Facility.objects.filter(is_active=True).order_by("pk").first()
    if facility:
        paths.append(reverse("home:facility_detail", args=[facility.pk]))
    appeal = appeal_create(
        user=resident, comment=appealed, reason="我的意见与本条有关，请复核。"
    )
    pending = Comment.objects.filter(status=Comment.Status.PENDING).order_by("pk")
    moderator = User.objects.get(email__startswith="moderator@")
    return (resident, paths), (
        moderator,
        [
            reverse("moderation:queue"),
            reverse("moderation:comment", args=[pending.first().pk]),
            reverse("moderation:appeal", args=[appeal.pk]),
        ],
    )


def volunteer_pages():
    """An active volunteer with a certificate; and an upcoming shift with room
    that they have not signed up for (the sign-up flow)."""
    certificate = (
        Certificate.objects.filter(volunteer__status="active")
        .select_related("volunteer__user")
        .order_by("pk")
        .first()
    )
    volunteer = certificate.volunteer
    record = ServiceRecord.objects.filter(volunteer=volunteer).order_by("-pk").first()
    paths = [
        reverse("volunteers:profile"),
        reverse("volunteers:profile_edit"),
        reverse("volunteers:my_service_records"),
        reverse("volunteers:my_service_record", args=[record.pk]),
        reverse("volunteers:points"),
        reverse("volunteers:hours_chart"),
        reverse("volunteers:certificates"),
        reverse("volunteers:rewards"),
        reverse("volunteers:team_list"),
        *(
            reverse("volunteers:team_detail", args=[team.slug])
            for team in Team.objects.filter(memberships__volunteer=volunteer)[:1]
        ),
        reverse("volunteers:consent_withdraw"),
    ]
    taken = Signup.objects.filter(volunteer=volunteer).values("shift_id")
    shift = (
        Shift.objects.filter(starts_at__gt=timezone.now())
        .exclude(pk__in=taken)
        .select_related("activity")
        .order_by("starts_at")
        .first()
    )
    return volunteer.user, paths, shift


def editor_pages():
    """The editor's copy of their data is being prepared: /me/data-export/ shows
    its progress."""
    member = membership(UnitMembership.Role.EDITOR)
    DataExport.objects.create(
        user=member.user, status=DataExport.Status.RUNNING, progress=40
    )
    return member.user, [member.unit.get_absolute_url()]


def staff_pages():
    return User.objects.get(email__startswith="admin@"), [
        reverse("volunteers:review_list"),
        reverse("volunteers:pending_approvals"),
        reverse("consultations:respond_dashboard"),
    ]


def roles():
    """(role, user, paths, shift to sign up for or None) for each role."""
    (resident, resident_paths), (moderator, moderation) = resident_and_moderator_pages()
    volunteer, volunteer_paths, shift = volunteer_pages()
    found = [
        ("resident", resident, resident_paths, None),
        ("volunteer", volunteer, volunteer_paths, shift),
        ("organiser", *organiser_pages(), None),
        ("unit admin", *admin_pages(), None),
        ("responder", *responder_pages(), None),
        ("moderator", moderator, moderation, None),
        ("unit editor", *editor_pages(), None),
        ("staff", *staff_pages(), None),
    ]
    for _role, user, _paths, _shift in found:
        user.set_password(DEFAULT_PASSWORD)  # the browser signs in with it
        user.save(update_fields=["password"])
    return [
        (role, user, [*OWN_PAGES, *paths], shift) for role, user, paths, shift in found
    ]


def run_axe(page, name, problems, key):
    violations = axe_violations(page)
    if violations:
        screenshot(page, f"axe-roles-{name}")
        problems[key] = violations


def check(page, base, path, name, problems, key):
    """The page; behind a "confirm it's you" step, that step and then the page;
    for a ``Refused`` path, also the page answering its form sent empty."""
    page.goto(base + path)
    run_axe(page, name, problems, key)
    if "/accounts/reauthenticate/" in page.url:
        page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
        submit(page, "main form")
        run_axe(page, f"{name}-confirmed", problems, (*key, "confirmed"))
    if isinstance(path, Refused):
        submit(page)  # the form's submit button, the form left empty
        run_axe(page, f"{name}-refused", problems, (*key, "sent empty"))


def sign_up_flow(page, base, user, shift, name, problems, width):
    """The activity page, the page that answers a sign-up, and the one that
    answers its cancellation."""
    activity = shift.activity.specific
    key = (width, "volunteer", activity.url)
    check(page, base, activity.url, f"{name}-activity", problems, key)
    route = activity.reverse_subpage("shift_signup", args=[shift.pk])
    button = page.locator(f'form[action$="{route}"] [type=submit]')
    if button.count():
        button.first.click()
        page.wait_for_load_state()
        run_axe(page, f"{name}-signed-up", problems, (*key, "signed up"))
    signup = Signup.objects.filter(shift=shift, volunteer__user=user).first()
    route = signup and activity.reverse_subpage("signup_cancel", args=[signup.pk])
    cancel = page.locator(f'form[action$="{route}"] [type=submit]')
    if signup and cancel.count():
        cancel.first.click()
        page.wait_for_load_state()
        run_axe(page, f"{name}-cancelled", problems, (*key, "cancelled"))


def test_every_page_of_every_signed_in_role_is_accessible(live_server, browser):
    call_command("seed_demo", verbosity=0, force=True)
    base = live_server.url
    people = roles()
    problems = {}
    for width_name, width in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": width, "height": 900}, bypass_csp=True
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())  # data-confirm forms
        for role, user, paths, shift in people:
            log_in(page, base, user.email, totp_secret=DEMO_TOTP_SECRET)
            assert "/accounts/login/" not in page.url, (role, page.url)
            name = f"{width_name}-{role.replace(' ', '-')}"
            for number, path in enumerate(paths):
                check(
                    page,
                    base,
                    path,
                    f"{name}-{number}",
                    problems,
                    (width_name, role, path),
                )
            if shift is not None:
                sign_up_flow(page, base, user, shift, name, problems, width_name)
            log_out(page, base)
        context.close()
    assert problems == {}
