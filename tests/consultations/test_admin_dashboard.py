"""The moderator's admin dashboard shows their queue (issue 14): how many
comments wait in each tab of the moderation queue, each linking to it."""

from django.contrib.auth.models import Permission

import pytest

from consultations.models import Comment
from tests.consultations.factories import make_comment
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db


def test_moderator_dashboard_counts_the_queue_and_links_each_tab(
    client, moderator, consultation, resident
):
    make_comment(consultation, resident, status=Comment.Status.PENDING)
    make_comment(consultation, resident, status=Comment.Status.PENDING)
    make_comment(consultation, resident, status=Comment.Status.HIDDEN)
    client.force_login(moderator)

    page = client.get("/admin/").content.decode()

    assert "评论审核" in page
    assert "有 3 条评论需要您审核。" in page
    assert 'href="/admin/moderation/?tab=pending">待审核的评论</a>' in page
    assert 'href="/admin/moderation/?tab=hidden">已隐藏的评论</a>' in page


def test_the_moderation_panel_is_only_for_moderators(client, consultation, resident):
    make_comment(consultation, resident, status=Comment.Status.PENDING)
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    give_totp(staff)
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "评论审核" not in response.content.decode()
