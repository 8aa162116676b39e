"""The site inbox (站内信): the list, the unread count in the header, opening a
message, marking all read, the channel settings, and notify()'s channels."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from home.inbox import notify
from home.models import InboxMessage, NotificationPreference, OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("home:inbox")
SETTINGS = reverse("home:inbox_settings")


def subjects_sent():
    return list(OutboundEmail.objects.order_by("pk").values_list("subject", flat=True))


def email_kwargs(subject="您的评论收到了答复"):
    return {
        "subject": subject,
        "template": "home/emails/data_export_ready.txt",
        "context": {"page_url": "http://testserver/me/data-export/"},
    }


@pytest.fixture
def sms_sent(monkeypatch):
    """Every text handed to the SMS outbox (``home.sms.send_sms`` still runs:
    the row is written and queued as in production)."""
    import home.sms

    sent = []
    real = home.sms.send_sms

    def record(*, to, kind, params, erase_after_delivery=False):
        sent.append({"to": to, "kind": kind, "params": dict(params)})
        return real(
            to=to, kind=kind, params=params, erase_after_delivery=erase_after_delivery
        )

    monkeypatch.setattr(home.sms, "send_sms", record)
    return sent


def texting_user(**fields):
    user = UserFactory(phone="+8613812345678", **fields)
    if hasattr(user, "phone_verified"):
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])
    return user


def test_header_shows_unread_count_and_links_to_the_inbox(client, resident):
    notify(user=resident, kind="reply_to_comment", title="您的评论收到了答复")
    notify(user=resident, kind="star_level", title="您已成为三星志愿者")
    client.force_login(resident)
    page = client.get(reverse("home:participation")).content.decode()
    assert f'href="{INBOX}"' in page
    assert 'class="count-badge">2<' in page


def test_anonymous_visitors_see_no_inbox_link(client):
    page = client.get(reverse("home:unit_list")).content.decode()
    assert INBOX not in page


def test_the_unread_count_costs_one_query(client, resident):
    notify(user=resident, kind="star_level", title="您已成为三星志愿者")
    client.force_login(resident)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home:participation"))
    inbox_queries = [q for q in queries if "home_inboxmessage" in q["sql"]]
    assert len(inbox_queries) == 1


def test_inbox_lists_unread_first_and_pages(client, resident):
    old = notify(user=resident, kind="star_level", title="较早的未读")
    read = notify(user=resident, kind="star_level", title="已读的消息")
    InboxMessage.objects.filter(pk=read.pk).update(read_at=timezone.now())
    InboxMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    for number in range(20):
        notify(user=resident, kind="star_level", title=f"消息{number}")
    client.force_login(resident)
    first = client.get(INBOX).content.decode()
    assert "21 unread messages" in first or "21 条未读消息" in first
    assert "已读的消息" not in first  # unread ones fill the first page
    second = client.get(INBOX, {"page": 2}).content.decode()
    assert "已读的消息" in second
    assert second.index("较早的未读") < second.index("已读的消息")


def test_others_messages_are_not_listed_and_cannot_be_opened(client, resident):
    other = UserFactory()
    message = notify(user=other, kind="star_level", title="别人的消息", url="/me/")
    client.force_login(resident)
    assert "别人的消息" not in client.get(INBOX).content.decode()
    response = client.post(reverse("home:inbox_open", args=[message.pk]))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_opening_a_message_marks_it_read_and_goes_to_the_thing(client, resident):
    message = notify(
        user=resident,
        kind="reply_to_comment",
        title="您的评论收到了答复",
        url="http://testserver/consultations/x/?a=1#comment-5",
    )
    assert message.url == "/consultations/x/?a=1#comment-5"
    client.force_login(resident)
    response = client.post(reverse("home:inbox_open", args=[message.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/consultations/x/?a=1#comment-5"
    message.refresh_from_db()
    assert message.read_at is not None
    assert 'class="count-badge"' not in client.get(INBOX).content.decode()


def test_opening_is_post_only(client, resident):
    message = notify(user=resident, kind="star_level", title="星级", url="/me/")
    client.force_login(resident)
    assert client.get(reverse("home:inbox_open", args=[message.pk])).status_code == 405
    message.refresh_from_db()
    assert message.read_at is None


def test_a_link_keeps_only_its_path_on_this_site(client, resident):
    message = notify(
        user=resident, kind="star_level", title="星级", url="//evil.example/x"
    )
    assert message.url == "/x"
    client.force_login(resident)
    response = client.post(reverse("home:inbox_open", args=[message.pk]))
    assert response["Location"] == "/x"


def test_mark_all_as_read(client, resident):
    for number in range(3):
        notify(user=resident, kind="star_level", title=f"消息{number}")
    notify(user=UserFactory(), kind="star_level", title="别人的")
    client.force_login(resident)
    response = client.post(reverse("home:inbox_read_all"), follow=True)
    assert response.status_code == 200
    assert not InboxMessage.objects.filter(recipient=resident, read_at=None).exists()
    assert InboxMessage.objects.filter(read_at=None).count() == 1


def test_inbox_pages_need_sign_in(client):
    for url in (INBOX, SETTINGS):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_email_is_sent_by_default_and_stops_when_turned_off(client, resident):
    notify(user=resident, kind="star_level", title="星级", email=email_kwargs("一"))
    assert subjects_sent() == ["一"]
    client.force_login(resident)
    response = client.post(SETTINGS, {"email-reply_to_comment": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=resident, kind="star_level")
    assert preference.email is False
    notify(user=resident, kind="star_level", title="星级", email=email_kwargs("二"))
    notify(
        user=resident, kind="reply_to_comment", title="答复", email=email_kwargs("三")
    )
    assert subjects_sent() == ["一", "三"]
    assert InboxMessage.objects.filter(recipient=resident).count() == 3


def test_settings_page_shows_checkboxes_and_the_sms_hint(client):
    client.force_login(UserFactory(phone="", phone_verified=False))
    page = client.get(SETTINGS).content.decode()
    assert 'name="email-reply_to_comment"' in page
    assert 'name="sms-reply_to_comment"' in page
    assert "disabled" in page.split('name="sms-reply_to_comment"')[1].split(">")[0]
    assert reverse("account_change_phone") + "?next=" in page


def test_sms_cannot_be_chosen_without_a_verified_phone(client, sms_sent):
    resident = UserFactory(phone="+8613812345678", phone_verified=False)
    client.force_login(resident)
    client.post(SETTINGS, {"sms-star_level": "on", "email-star_level": "on"})
    preference = NotificationPreference.objects.get(user=resident, kind="star_level")
    assert preference.sms is False
    notify(user=resident, kind="star_level", title="星级")
    assert sms_sent == []


def test_locked_email_stays_on_and_unknown_kinds_are_ignored(client, resident):
    client.force_login(resident)
    response = client.post(SETTINGS, {"email-nonsense": "on", "sms-x": "1"})
    assert response.status_code == 302
    closure = NotificationPreference.objects.get(user=resident, kind="account_closure")
    assert closure.email is True
    assert not NotificationPreference.objects.filter(kind="nonsense").exists()


def test_unknown_kind_is_refused(resident):
    with pytest.raises(ValueError):
        notify(user=resident, kind="nonsense", title="x")


def test_sms_goes_to_a_verified_phone_when_chosen(client, sms_sent):
    user = texting_user()
    client.force_login(user)
    page = client.get(SETTINGS).content.decode()
    assert "disabled" not in page.split('name="sms-star_level"')[1].split(">")[0]
    client.post(SETTINGS, {"sms-star_level": "on"})
    notify(user=user, kind="star_level", title="您已成为三星志愿者")
    notify(user=user, kind="reply_to_comment", title="答复")
    assert sms_sent == [
        {
            "to": "+8613812345678",
            "kind": "notification",
            "params": {"title": "您的志愿者星级提升了"},
        }
    ]
    assert all(len(sms["params"]["title"]) <= 20 for sms in sms_sent)


def test_a_phone_only_person_still_gets_the_inbox_message(resident):
    resident.email = ""
    resident.save(update_fields=["email"])
    message = notify(
        user=resident, kind="star_level", title="星级", email=email_kwargs()
    )
    assert message.pk
    assert subjects_sent() == []
