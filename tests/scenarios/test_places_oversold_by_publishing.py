"""Issue 11, "Places oversold by publishing": "A shift with 2 places; an editor
saves a draft of the activity; two volunteers sign up; the editor publishes the
draft. [...] 4 confirmed for 2 places. [...] Pledge reminder timestamps are
revision data too (duplicate reminders)." """

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from home.models import PledgePage
from home.pledges.services import pledge_report_reminders_send
from tests.factories import UserFactory
from tests.home.factories import make_pledge
from tests.volunteers.factories import VolunteerFactory, make_activity, route_url
from volunteers.models import ActivityPage, Signup

pytestmark = pytest.mark.django_db


def _with_totp(user):
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _edit_form(page, **extra):
    shift = page.shifts.get()
    return {
        "title": page.title,
        "slug": page.slug,
        "team": "",
        "category": page.category,
        "district": page.district_id,
        "place": page.place,
        "summary": "草稿：集合地点改到广场东门。",
        "description": rich_text("<p>请按时到达。</p>"),
        "image": "",
        "signup_opens_at": _local(page.signup_opens_at),
        "signup_closes_at": _local(page.signup_closes_at),
        "cancellation_deadline_hours": page.cancellation_deadline_hours,
        "required_skills": page.required_skills,
        "minimum_age": page.minimum_age,
        "points_multiplier": str(page.points_multiplier),
        "shifts-TOTAL_FORMS": 1,
        "shifts-INITIAL_FORMS": 1,
        "shifts-MIN_NUM_FORMS": 1,
        "shifts-MAX_NUM_FORMS": 1000,
        "shifts-0-id": shift.pk,
        "shifts-0-role": shift.role,
        "shifts-0-starts_at": _local(shift.starts_at),
        "shifts-0-ends_at": _local(shift.ends_at),
        "shifts-0-capacity": shift.capacity,
        "shifts-0-ORDER": 1,
        "shifts-0-DELETE": "",
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
        **extra,
    }


def _sign_up_two(client, activity, shift):
    for _ in range(2):
        client.force_login(VolunteerFactory().user)
        assert (
            client.post(route_url(activity, "shift_signup", shift.pk)).status_code
            == 302
        )


def test_publishing_a_draft_never_oversells_places_nor_repeats_reminders(
    client, activity_index, unit, unit_admin, django_capture_on_commit_callbacks
):
    """The places part over HTTP (the admin's edit form), then the pledge part
    (``revision.publish()`` is what a workflow approval and "revert" run)."""
    activity = make_activity(activity_index, unit=unit, shifts=((3, 2, 2),))
    shift = activity.shifts.get()
    editor = _with_totp(UserFactory(is_staff=True, is_superuser=True))
    edit_url = reverse("wagtailadmin_pages:edit", args=[activity.pk])

    client.force_login(editor)
    assert client.post(edit_url, _edit_form(activity)).status_code == 302  # draft
    _sign_up_two(client, activity, shift)
    client.force_login(editor)
    draft = ActivityPage.objects.get(pk=activity.pk).get_latest_revision_as_object()
    publish = _edit_form(draft, **{"action-publish": "action-publish"})
    assert client.post(edit_url, publish).status_code == 302
    assert ActivityPage.objects.get(pk=activity.pk).summary.startswith("草稿")
    _sign_up_two(client, activity, shift)

    confirmed = Signup.objects.filter(shift=shift, status="confirmed").count()
    assert confirmed == 2, f"{confirmed} confirmed for 2 places after publishing"

    # Pledge reminders: a draft saved before the reminder, published after it.
    make_pledge(unit, year=2025)  # report due 2026-01-31
    pledge = PledgePage.objects.get()
    pledge.signatory = "草稿中的新签署人"
    revision = pledge.save_revision()
    month_before = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        first = pledge_report_reminders_send(now=month_before)
    revision.publish()
    with django_capture_on_commit_callbacks(execute=True):
        again = pledge_report_reminders_send(now=month_before)
    assert PledgePage.objects.get().signatory == "草稿中的新签署人"
    assert (first, again) == (1, 0), (
        f"the 30-day reminder went out again after publishing the draft "
        f"({len(mail.outbox)} emails)"
    )
