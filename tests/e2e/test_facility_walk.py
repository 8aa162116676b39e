"""In a real browser: a resident finds an open facility, picks a free slot and
requests it; the unit's editor approves it; the resident sees it approved on
their page. Every facility page passes axe-core (no serious or critical
violations) at phone and desktop width."""

from django.urls import reverse

import pytest

from home.models import BookingStatus, FacilityBooking, UnitMembership
from tests.e2e.helpers import axe_violations, log_in, log_out, screenshot
from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
)
from tests.home.factories import FacilityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_request_approve_and_see_the_booking(live_server, page):
    base = live_server.url
    unit = UnitFactory(name="贵阳市第一中学", kind="institution")
    facility = FacilityFactory(unit=unit, name="田径运动场", capacity=50)
    editor = UserFactory(email="editor@example.cn", display_name="王编辑")
    UnitMembershipFactory(unit=unit, user=editor, role=UnitMembership.Role.EDITOR)
    resident = UserFactory(email="resident@example.cn", display_name="小李")

    log_in(page, base, resident.email)
    page.goto(base + reverse("home:facility_list"))
    page.get_by_role("link", name="田径运动场").click()
    page.wait_for_load_state()
    page.locator(".slot:not(.slot--taken) input[type=radio]").first.check()
    page.locator("input[name=people]").fill("8")
    page.locator("input[name=purpose]").fill("社区亲子运动会")
    page.locator("form.facility-booking [type=submit]").click()
    page.wait_for_load_state()
    assert "/me/" in page.url
    titles = page.locator("#my-bookings .signup-item__title a", has_text="田径运动场")
    assert titles.count() == 1
    booking = FacilityBooking.objects.get()
    assert booking.user == resident and booking.people == 8
    log_out(page, base)

    log_in(page, base, editor.email)
    page.goto(base + reverse("home:unit_bookings", kwargs={"slug": unit.slug}))
    page.locator(f"#booking-{booking.pk} form button[type=submit]").first.click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED
    log_out(page, base)

    log_in(page, base, resident.email)
    page.goto(base + reverse("home:participation"))
    screenshot(page, "facility-booking-approved")
    assert page.locator("#my-bookings .badge--verified").count() == 1
    assert facility.pk == booking.facility_id


def test_facility_pages_are_accessible(live_server, a11y_page):
    base = live_server.url
    unit = UnitFactory(name="贵阳市图书馆", kind="institution")
    facility = FacilityFactory(unit=unit, name="少儿绘本阅览室", kind="reading_room")
    admin = UnitMembershipFactory(unit=unit, user=UserFactory()).user
    resident = UserFactory()
    from home.facilities import services
    from tests.home.factories import tomorrow_at

    services.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=3,
        purpose="亲子共读",
    )
    services.booking_calendar_token_reset(user=resident)
    problems = {}

    def check(path, name):
        a11y_page.goto(base + path)
        violations = axe_violations(a11y_page)
        if violations:
            screenshot(a11y_page, f"axe-facility-{name}")
            problems[path] = violations

    check(reverse("home:facility_list"), "list")
    check(facility.get_absolute_url(), "detail-anonymous")
    check(unit.get_absolute_url(), "unit")
    log_in(a11y_page, base, resident.email)
    check(facility.get_absolute_url(), "detail")
    check(reverse("home:dashboard"), "dashboard")
    check(reverse("home:participation"), "participation")
    log_out(a11y_page, base)
    log_in(a11y_page, base, admin.email)
    slug = unit.slug
    check(reverse("home:unit_facilities", kwargs={"slug": slug}), "manage")
    check(reverse("home:unit_facility_create", kwargs={"slug": slug}), "create")
    check(
        reverse("home:unit_facility_edit", kwargs={"slug": slug, "pk": facility.pk}),
        "edit",
    )
    check(reverse("home:unit_bookings", kwargs={"slug": slug}), "bookings")
    assert problems == {}
