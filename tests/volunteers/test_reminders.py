"""The reminder the day before a shift: sent once per sign-up, even when the
scheduled job runs twice."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from tests.volunteers.factories import VolunteerFactory, make_activity, sign_up
from volunteers import tasks
from volunteers.models import Shift, Signup

pytestmark = pytest.mark.django_db


def run(capture):
    with capture(execute=True):
        return tasks.shift_reminders.delay().get()


def starting_in(activity, delta):
    shift = activity.shifts.get()
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() + delta,
        ends_at=timezone.now() + delta + timedelta(hours=2),
    )
    return shift


def test_reminder_sent_once_when_run_twice(
    activity, volunteer, django_capture_on_commit_callbacks
):
    shift = starting_in(activity, timedelta(hours=20))
    signup = sign_up(shift, volunteer)
    sign_up(shift, VolunteerFactory(real_name="李候补"), Signup.Status.WAITLISTED)
    Signup.objects.create(
        shift=shift, volunteer=VolunteerFactory(), status=Signup.Status.CANCELLED
    )

    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [volunteer.user.email]
    assert activity.title in message.subject
    assert activity.place in message.body
    signup.refresh_from_db()
    assert signup.reminder_sent_at is not None
    shift.refresh_from_db()
    assert (
        timezone.localtime(shift.starts_at).strftime("%Y-%m-%d %H:%M") in message.body
    )


def test_no_reminder_for_shifts_further_away_or_past(
    activity_index, organising_unit, volunteer, django_capture_on_commit_callbacks
):
    later = make_activity(activity_index, unit=organising_unit, title="两天后")
    past = make_activity(activity_index, unit=organising_unit, title="已开始")
    sign_up(starting_in(later, timedelta(hours=30)), volunteer)
    sign_up(starting_in(past, timedelta(hours=-1)), VolunteerFactory())
    assert run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert not Signup.objects.filter(reminder_sent_at__isnull=False).exists()
