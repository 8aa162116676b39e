"""The volunteers' notices land in the person's site inbox with a link to the
thing, and turning a kind's email off stops its email (issue 15, item 4)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from home.models import InboxMessage, NotificationPreference, OutboundEmail
from tests.volunteers.factories import (
    VolunteerFactory,
    add_shifts,
    make_activity,
    record,
    service_record,
    shift_at,
    sign_up,
)
from volunteers import tasks
from volunteers.models import Shift
from volunteers.services import records
from volunteers.services.certificates import certificate_request
from volunteers.services.signups import signup_cancel, signup_create

pytestmark = pytest.mark.django_db


def emails_to(user):
    return OutboundEmail.objects.filter(to__icontains=user.email).count()


def email_off(user, kind):
    NotificationPreference.objects.create(user=user, kind=kind, email=False)


def only_message(user):
    return InboxMessage.objects.get(recipient=user)


def test_a_place_from_the_waitlist_is_in_the_inbox(
    client, activity_index, organising_unit
):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 1),))
    shift = activity.shifts.get()
    first, second, third = VolunteerFactory.create_batch(3)
    place = signup_create(volunteer=first, shift=shift)
    signup_create(volunteer=second, shift=shift)
    signup_create(volunteer=third, shift=shift)
    email_off(second.user, "waitlist_promotion")
    signup_cancel(volunteer=first, signup=place)
    message = only_message(second.user)
    assert message.kind == "waitlist_promotion"
    assert message.url == activity.url
    assert activity.title in message.title
    assert emails_to(second.user) == 0
    client.force_login(second.user)
    page = client.get(reverse("home:inbox")).content.decode()
    assert activity.title in page
    assert 'class="count-badge">1<' in page


def test_the_reminder_before_a_shift_is_in_the_inbox(
    activity, volunteer, django_capture_on_commit_callbacks
):
    shift = activity.shifts.get()
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=22),
    )
    sign_up(shift, volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.shift_reminders.delay().get() == 1
    message = only_message(volunteer.user)
    assert message.kind == "signup_reminder"
    assert message.url == activity.url
    assert emails_to(volunteer.user) == 1


def test_approved_hours_come_to_the_inbox_only(
    activity_index, organising_unit, organiser, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))
    pending = record(shift, volunteer)
    records.records_approve(actor=organiser, record_ids=[pending.pk])
    message = only_message(volunteer.user)
    assert message.kind == "hours_approved"
    assert message.url == reverse(
        "volunteers:my_service_record", kwargs={"record_id": pending.pk}
    )
    assert emails_to(volunteer.user) == 0


def test_rejected_hours_reach_the_inbox_and_email_can_be_turned_off(
    activity_index, organising_unit, organiser
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))
    emailed, quiet = VolunteerFactory.create_batch(2)
    email_off(quiet.user, "hours_approved")
    rejected = [record(shift, emailed), record(shift, quiet)]
    records.records_reject(
        actor=organiser, record_ids=[r.pk for r in rejected], reason="未签到"
    )
    for person, row in zip((emailed, quiet), rejected, strict=True):
        message = only_message(person.user)
        assert message.kind == "hours_approved"
        assert message.url.endswith(f"/{row.pk}/")
    assert emails_to(emailed.user) == 1
    assert emails_to(quiet.user) == 0


def test_a_ready_certificate_is_announced_in_the_inbox(
    volunteer, activity, django_capture_on_commit_callbacks
):
    for shift in add_shifts(activity, 2, start=timezone.now() - timedelta(days=5)):
        service_record(volunteer, shift, minutes=60)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_request(
            volunteer=volunteer, date_from=today - timedelta(days=30), date_to=today
        )
    certificate.refresh_from_db()
    message = only_message(volunteer.user)
    assert message.kind == "certificate_ready"
    assert certificate.number in message.title
    assert message.url == reverse("volunteers:certificates")
