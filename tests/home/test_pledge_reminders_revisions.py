"""Pledge report reminders are not page content (issue 11): a draft of the pledge
saved before a reminder went out, published after it (workflow approval and
"revert" publish a revision; so does the scheduler), does not make the reminder
go out again."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from home.models import PledgePage
from home.pledges.services import pledge_report_reminders_send
from tests.factories import make_unit_editor
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db

THIRTY_DAYS_BEFORE = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def pledge(unit, unit_admin):
    make_unit_editor(unit)
    return make_pledge(unit, year=2025)  # report due 2026-01-31


def _remind(capture, moment=THIRTY_DAYS_BEFORE) -> int:
    with capture(execute=True):
        return pledge_report_reminders_send(now=moment)


def _draft(pledge):
    page = PledgePage.objects.get(pk=pledge.pk)
    page.signatory = "草稿中的新签署人"
    return page.save_revision()


def test_publishing_an_older_draft_does_not_send_the_reminder_again(
    pledge, django_capture_on_commit_callbacks
):
    revision = _draft(pledge)
    assert _remind(django_capture_on_commit_callbacks) == 1
    revision.publish()  # what a workflow approval and "revert" do
    assert PledgePage.objects.get(pk=pledge.pk).signatory == "草稿中的新签署人"
    assert _remind(django_capture_on_commit_callbacks) == 0
    later = THIRTY_DAYS_BEFORE + datetime.timedelta(days=1)
    assert _remind(django_capture_on_commit_callbacks, later) == 0
    assert len(mail.outbox) == 1


def test_scheduled_publishing_does_not_send_the_reminder_again(
    pledge, django_capture_on_commit_callbacks
):
    revision = _draft(pledge)
    assert _remind(django_capture_on_commit_callbacks) == 1
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled")
    assert PledgePage.objects.get(pk=pledge.pk).signatory == "草稿中的新签署人"
    assert _remind(django_capture_on_commit_callbacks) == 0
    # The 7-day reminder still goes out, once.
    week_before = datetime.datetime(2026, 1, 25, 9, tzinfo=datetime.UTC)
    assert _remind(django_capture_on_commit_callbacks, week_before) == 1
    assert _remind(django_capture_on_commit_callbacks, week_before) == 0
    assert len(mail.outbox) == 2
