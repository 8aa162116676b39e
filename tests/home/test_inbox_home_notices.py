"""The shared core's notices in the inbox (booking decisions, data copy ready,
account closure), the inbox in "download my data", its deletion at closure,
and its retention."""

from datetime import timedelta

from django.utils import timezone

import pytest

from home.account_closure.services import account_anonymise, account_closure_request
from home.data_export.collector import home_sections
from home.facilities import services as facilities
from home.inbox import notify
from home.models import InboxMessage, NotificationPreference, OutboundEmail
from home.retention import inbox_messages_delete_old
from tests.factories import UserFactory
from tests.home.factories import tomorrow_at

pytestmark = pytest.mark.django_db


def emails_to(user):
    return OutboundEmail.objects.filter(to__icontains=user.email).count()


def test_a_booking_decision_is_in_the_inbox_and_email_can_be_off(
    facility, resident, unit_admin
):
    NotificationPreference.objects.create(
        user=resident, kind="booking_decision", email=False
    )
    booking = facilities.booking_request(
        user=resident,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=6,
        purpose="社区篮球友谊赛",
    )
    facilities.booking_approve(actor=unit_admin, booking=booking)
    message = InboxMessage.objects.get(recipient=resident)
    assert message.kind == "booking_decision"
    assert message.url == facility.get_absolute_url()
    assert emails_to(resident) == 0


def test_closure_request_is_in_the_inbox_and_always_emailed(resident):
    NotificationPreference.objects.create(
        user=resident, kind="account_closure", email=False
    )
    account_closure_request(user=resident, requested_by=resident)
    assert InboxMessage.objects.get(recipient=resident).kind == "account_closure"
    assert emails_to(resident) == 1


def test_download_my_data_includes_the_inbox_and_the_settings(resident):
    notify(user=resident, kind="star_level", title="您已成为三星志愿者", url="/me/")
    NotificationPreference.objects.create(user=resident, kind="star_level", sms=False)
    sections = {section.name: section for section in home_sections(resident)}
    assert [row["title"] for row in sections["inbox"].rows] == ["您已成为三星志愿者"]
    assert len(sections["notification_preferences"].rows) == 1


def test_closing_an_account_deletes_its_inbox_and_redacts_its_name_elsewhere():
    closing = UserFactory(display_name="张三丰")
    leader = UserFactory()
    notify(user=closing, kind="star_level", title="星级")
    NotificationPreference.objects.create(user=closing, kind="star_level")
    notify(user=leader, kind="team_join_request", title="张三丰 申请加入队伍")
    account_anonymise(user=closing)
    assert not InboxMessage.objects.filter(recipient=closing).exists()
    assert not NotificationPreference.objects.filter(user=closing).exists()
    assert InboxMessage.objects.get(recipient=leader).title == "*** 申请加入队伍"


def test_messages_older_than_a_year_are_deleted(resident):
    old = notify(user=resident, kind="star_level", title="旧")
    new = notify(user=resident, kind="star_level", title="新")
    InboxMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=366)
    )
    assert inbox_messages_delete_old() == 1
    assert list(InboxMessage.objects.values_list("pk", flat=True)) == [new.pk]
