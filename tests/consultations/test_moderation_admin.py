"""The moderation screens in the Wagtail admin: who reaches them, the queue, the
decision form, bulk approval, the log and its export, bans."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

import pytest

from consultations.models import (
    Comment,
    CommentFlag,
    CommentingBan,
    ModerationDecision,
)
from consultations.services.moderation import comment_moderate
from tests.factories import UserFactory

Status = Comment.Status


def make_comment(consultation, author, status=Status.PUBLISHED, **extra):
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        body=extra.pop("body", "建议增加社区回收点的数量。"),
        status=status,
        due_at=timezone.now(),
        **extra,
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


ADMIN_PAGES = [
    "/admin/moderation/",
    "/admin/moderation/results/?tab=pending",
    "/admin/moderation-log/",
    "/admin/commenting-bans/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_a_moderator_who_is_not_staff_reaches_the_moderation_screens(
    moderator_client, moderator, url
):
    assert not moderator.is_staff
    assert moderator_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_a_resident_is_sent_to_sign_in(resident_client, url):
    response = resident_client.get(url)
    assert response.status_code == 302
    assert (
        "/accounts/login/" in response["Location"]
        or "/admin/login/" in (response["Location"])
    )


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_an_admin_user_without_the_moderation_permission_is_turned_away(
    db, client, url
):
    editor = UserFactory(two_factor=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_moderation_menu_shows_for_moderators_only(client, moderator):
    editor = UserFactory(two_factor=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(moderator)
    assert "/admin/moderation/" in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert "/admin/moderation/" not in client.get("/admin/").content.decode()


def test_the_queue_lists_pending_hidden_and_reported_comments_with_reasons(
    moderator_client, consultation, resident, other_resident
):
    make_comment(consultation, resident, status=Status.PENDING, body="等待审核的意见")
    hidden = make_comment(
        consultation, resident, status=Status.HIDDEN, flag_count=1, body="被隐藏的意见"
    )
    CommentFlag.objects.create(comment=hidden, user=other_resident, reason="spam")
    make_comment(consultation, resident, body="普通已发布的意见")
    make_comment(consultation, resident, status=Status.REJECTED, body="已被拒绝的意见")

    page = moderator_client.get("/admin/moderation/").content.decode()

    assert "等待审核的意见" in page
    assert "被隐藏的意见" in page
    assert str(CommentFlag.Reason.SPAM.label) in page
    assert "普通已发布的意见" not in page
    assert "已被拒绝的意见" not in page
    assert consultation.title in page

    pending_only = moderator_client.get("/admin/moderation/?tab=pending")
    assert "等待审核的意见" in pending_only.content.decode()
    assert "被隐藏的意见" not in pending_only.content.decode()


def test_the_queue_is_paginated_with_a_fixed_number_of_queries(
    moderator_client, consultation, resident, django_assert_max_num_queries
):
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            author=resident,
            body=f"待审核意见第{number}条",
            status=Status.PENDING,
            due_at=timezone.now(),
        )
        for number in range(120)
    )
    moderator_client.get("/admin/moderation/")  # warm caches (menu, site)
    with django_assert_max_num_queries(30):
        response = moderator_client.get("/admin/moderation/?p=2")
    assert response.status_code == 200
    assert response.content.decode().count('name="comments"') == 50


def test_a_moderator_decides_from_the_comment_page(
    moderator_client,
    moderator,
    consultation,
    resident,
    django_capture_on_commit_callbacks,
):
    comment = make_comment(consultation, resident, status=Status.PENDING)
    url = f"/admin/moderation/comments/{comment.pk}/"
    page = moderator_client.get(url).content.decode()
    assert 'value="approve"' in page and 'value="hide"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            url, {"action": "approve", "reason": "内容正常"}
        )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    decision = ModerationDecision.objects.get()
    assert (decision.moderator, decision.reason) == (moderator, "内容正常")
    assert [message.to for message in mail.outbox] == [[resident.email]]


def test_the_comment_page_refuses_a_decision_without_reason(
    moderator_client, consultation, resident
):
    comment = make_comment(consultation, resident, status=Status.PENDING)
    response = moderator_client.post(
        f"/admin/moderation/comments/{comment.pk}/", {"action": "approve", "reason": ""}
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert not ModerationDecision.objects.exists()


def test_bulk_approve_from_the_queue(moderator_client, consultation, resident):
    first = make_comment(consultation, resident, status=Status.PENDING)
    second = make_comment(consultation, resident, status=Status.PENDING)
    untouched = make_comment(consultation, resident, status=Status.PENDING)

    response = moderator_client.post(
        "/admin/moderation/bulk-approve/",
        {"comments": [first.pk, second.pk], "reason": "批量审核通过"},
    )

    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: Status.PUBLISHED,
        second.pk: Status.PUBLISHED,
        untouched.pk: Status.PENDING,
    }
    assert ModerationDecision.objects.filter(reason="批量审核通过").count() == 2


def test_the_log_lists_decisions_and_filters_by_action(
    moderator_client, moderator, consultation, resident
):
    hide = make_comment(consultation, resident)
    approve = make_comment(consultation, resident, status=Status.PENDING)
    comment_moderate(
        moderator=moderator, comment=hide, action="hide", reason="隐藏理由"
    )
    comment_moderate(
        moderator=moderator, comment=approve, action="approve", reason="通过理由"
    )

    page = moderator_client.get("/admin/moderation-log/").content.decode()
    assert "隐藏理由" in page and "通过理由" in page
    assert moderator.display_name in page

    hidden_only = moderator_client.get("/admin/moderation-log/?action=hide")
    assert "隐藏理由" in hidden_only.content.decode()
    assert "通过理由" not in hidden_only.content.decode()


def test_the_log_exports_as_csv_without_personal_data(
    moderator_client, moderator, consultation, resident
):
    comment = make_comment(consultation, resident)
    comment_moderate(moderator=moderator, comment=comment, action="hide", reason="广告")

    response = moderator_client.get("/admin/moderation-log/?export=csv")

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert len(rows) == 2
    assert rows[1][2:6] == [
        moderator.display_name,
        "广告",
        str(comment.pk),
        consultation.title,
    ]
    for private in (moderator.email, resident.email, resident.display_name):
        assert private not in content


def test_the_log_exports_as_xlsx(moderator_client, moderator, consultation, resident):
    from openpyxl import load_workbook

    comment = make_comment(consultation, resident)
    comment_moderate(moderator=moderator, comment=comment, action="hide", reason="广告")
    response = moderator_client.get("/admin/moderation-log/?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert len(rows) == 2
    assert "广告" in rows[1]


def test_a_moderator_bans_a_user_and_lifts_the_ban(
    moderator_client, moderator, resident
):
    response = moderator_client.post(
        f"/admin/moderation/users/{resident.pk}/ban/",
        {"reason": "反复发布广告", "until": ""},
    )
    assert response.status_code == 302
    ban = CommentingBan.objects.get(user=resident)
    assert (ban.moderator, ban.reason, ban.until) == (moderator, "反复发布广告", None)
    assert (
        "反复发布广告"
        in moderator_client.get("/admin/commenting-bans/").content.decode()
    )

    response = moderator_client.post(f"/admin/commenting-bans/{resident.pk}/lift/")
    assert response.status_code == 302
    assert not CommentingBan.objects.exists()


def test_a_resident_cannot_post_to_the_moderation_actions(
    resident_client, consultation, other_resident
):
    comment = make_comment(consultation, other_resident, status=Status.PENDING)
    resident_client.post(
        f"/admin/moderation/comments/{comment.pk}/",
        {"action": "approve", "reason": "x"},
    )
    resident_client.post(
        "/admin/moderation/bulk-approve/", {"comments": [comment.pk], "reason": "x"}
    )
    resident_client.post(
        f"/admin/moderation/users/{other_resident.pk}/ban/", {"reason": "x"}
    )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert not ModerationDecision.objects.exists()
    assert not CommentingBan.objects.exists()


def test_the_log_filters_by_moderator_and_date(
    moderator_client, moderator, consultation, resident
):
    other_moderator = UserFactory(display_name="另一位审核员", two_factor=True)
    other_moderator.groups.add(*moderator.groups.all())
    mine = make_comment(consultation, resident)
    theirs = make_comment(consultation, resident)
    comment_moderate(
        moderator=moderator, comment=mine, action="hide", reason="我的决定"
    )
    comment_moderate(
        moderator=other_moderator, comment=theirs, action="hide", reason="他的决定"
    )
    ModerationDecision.objects.filter(reason="他的决定").update(
        created_at=timezone.now() - timedelta(days=40)
    )

    by_moderator = moderator_client.get(
        f"/admin/moderation-log/?moderator={moderator.pk}"
    ).content.decode()
    assert "我的决定" in by_moderator and "他的决定" not in by_moderator

    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    recent = moderator_client.get(
        f"/admin/moderation-log/?created_at_from={since}"
    ).content.decode()
    assert "我的决定" in recent and "他的决定" not in recent


def test_the_queue_filters_by_consultation(
    moderator_client, consultation_index, consultation, issuing_unit, resident
):
    from tests.consultations.factories import make_consultation

    other = make_consultation(consultation_index, unit=issuing_unit, title="另一份草案")
    make_comment(consultation, resident, status=Status.PENDING, body="第一份草案的意见")
    make_comment(other, resident, status=Status.PENDING, body="另一份草案的意见")

    page = moderator_client.get(
        f"/admin/moderation/?consultation={other.pk}"
    ).content.decode()
    assert "另一份草案的意见" in page and "第一份草案的意见" not in page


def test_a_reported_comment_leaves_the_queue_once_kept(
    moderator_client, consultation, resident, other_resident
):
    comment = make_comment(consultation, resident, flag_count=1, body="被举报但无问题")
    CommentFlag.objects.create(comment=comment, user=other_resident, reason="other")
    assert (
        "被举报但无问题" in moderator_client.get("/admin/moderation/").content.decode()
    )
    page = moderator_client.get(f"/admin/moderation/comments/{comment.pk}/")
    assert 'value="restore"' in page.content.decode()

    moderator_client.post(
        f"/admin/moderation/comments/{comment.pk}/",
        {"action": "restore", "reason": "举报不成立"},
    )

    assert (
        "被举报但无问题"
        not in moderator_client.get("/admin/moderation/").content.decode()
    )
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
