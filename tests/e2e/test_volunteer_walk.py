"""A resident, on a phone-sized window, registers as a Green Ribbon volunteer, is
approved by staff, signs up for a shift, cancels, and the volunteer on the
waitlist is promoted and emailed (through the real background worker)."""

import time

from django.core import mail

import pytest

from home.models import District
from tests.e2e.helpers import log_in, log_out, screenshot
from tests.factories import UnitFactory, UserFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    make_activity,
)
from volunteers.identity import id_check_character
from volunteers.models import Signup, Volunteer
from volunteers.services.signups import signup_create

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def wait_for_email(address, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = [m for m in mail.outbox if address in m.to]
        if messages:
            return messages[-1]
        time.sleep(0.2)
    raise AssertionError(f"no email for {address}")


def test_register_approve_sign_up_cancel_and_promote(live_server, page, real_worker):
    base = live_server.url
    index = ActivityIndexPageFactory()
    unit = UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    activity = make_activity(index, unit=unit, shifts=((3, 3, 1),))
    shift = activity.shift_list[0]
    resident = UserFactory(
        email="xiaochen@example.cn", display_name="小陈", phone="+8613812345678"
    )
    UserFactory(email="staff@example.cn", is_staff=True, is_superuser=True)
    waiting = VolunteerFactory(real_name="候补者", user__email="waiting@example.cn")

    # 1. The resident registers.
    log_in(page, base, resident.email)
    page.goto(base + "/volunteers/register/")
    first_17 = "52010219900307" + "123"
    page.locator("input[name=real_name]").fill("陈小明")
    # The account's verified number, shown and not editable here.
    phone = page.locator("input[name=phone]")
    assert phone.is_disabled() and phone.input_value() in (
        "13812345678",
        "+8613812345678",
    )
    page.locator("input[name=id_number]").fill(first_17 + id_check_character(first_17))
    page.locator("input[name=gender][value=male]").check()
    page.locator("input[name=birth_year]").fill("1990")
    page.locator("select[name=district]").select_option(
        str(District.objects.get(code="520102").pk)
    )
    page.locator("input[name=community]").fill("花果园社区")
    page.locator("input[name=categories][value=resident]").check()
    page.locator("input[name=sensitive_data_consent]").check()
    page.locator("input[name=code_of_conduct]").check()
    screenshot(page, "volunteer-register")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    volunteer = Volunteer.objects.get(user=resident)
    assert volunteer.status == Volunteer.Status.PENDING
    assert volunteer.id_number_masked.startswith("5201")
    assert volunteer.phone == "+8613812345678"
    log_out(page, base)

    # 2. Staff approve it on the review page.
    log_in(page, base, "staff@example.cn")
    page.goto(f"{base}/volunteers/review/{volunteer.pk}/")
    page.locator("input[name=action][value=approve]").check()
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert volunteer.green_ribbon_number
    wait_for_email(resident.email)  # the outcome of the review
    log_out(page, base)

    # 3. The volunteer takes the only place; the other one waits.
    log_in(page, base, resident.email)
    page.goto(base + activity.url)
    page.locator(f"form[action$='/shifts/{shift.pk}/signup/'] [type=submit]").click()
    page.wait_for_load_state()
    assert Signup.objects.get(volunteer=volunteer).status == Signup.Status.CONFIRMED
    waiting_signup = signup_create(volunteer=waiting, shift=shift)
    assert waiting_signup.status == Signup.Status.WAITLISTED
    page.goto(base + activity.url)
    screenshot(page, "volunteer-activity-signed-up")

    # 4. The volunteer cancels; the waitlisted volunteer gets the place and an email.
    page.locator("form[action*='/signups/'] [type=submit]").first.click()
    page.wait_for_load_state()
    waiting_signup.refresh_from_db()
    assert waiting_signup.status == Signup.Status.CONFIRMED
    assert Signup.objects.get(volunteer=volunteer).status == Signup.Status.CANCELLED
    message = wait_for_email("waiting@example.cn")
    assert activity.title in message.body or activity.title in message.subject
    page.goto(base + "/volunteers/me/")
    screenshot(page, "volunteer-own-page")
    assert volunteer.green_ribbon_number in page.content()
