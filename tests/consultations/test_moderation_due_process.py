"""Moderation with due process (issue 11, part 4): flag limits, unit members'
flags, confirmed violations and the answer rate, removals by rule on the public
page, appeals decided by another moderator, sensitive words."""

from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from consultations.models import (
    Comment,
    ModerationAppeal,
    ModerationDecision,
    ModerationSettings,
)
from consultations.selectors.answer_rates import removed_comments
from consultations.services.comments import comment_flag
from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.factories import UnitMembershipFactory, UserFactory, give_totp
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db
REPORT = "这项承诺没有落实，活动中心周末根本不开放。"
Action = ModerationDecision.Action


@pytest.fixture(autouse=True)
def _english_and_fresh_limits():
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def shows(response, english, chinese):
    """The public pages speak the visitor's language."""
    html = response.content.decode()
    assert english in html or chinese in html


def _moderator(name):
    user = UserFactory(display_name=name)
    user.groups.add(Group.objects.get(name="Moderators"))
    give_totp(user)  # two-factor may be required for moderating (part 3)
    return user


@pytest.fixture
def pledge(unit):
    return make_pledge(unit, year=timezone.localdate().year)


@pytest.fixture
def report(pledge, resident):
    item = pledge.items.order_by("sort_order").first()
    return Comment.objects.create(
        pledge=pledge,
        clause_id=str(item.pk),
        kind=Comment.Kind.NOT_KEPT,
        author=resident,
        body=REPORT,
        due_at=timezone.now(),
    )


def test_flags_from_the_units_own_members_do_not_count(client, unit, report):
    for _number in range(3):
        member = UserFactory()
        UnitMembershipFactory(unit=unit, user=member, role=UnitMembership.Role.EDITOR)
        client.force_login(member)
        client.post(
            reverse("consultations:comment_flag", args=[report.pk]), {"reason": "spam"}
        )
    report.refresh_from_db()
    assert report.flag_count == 0
    assert report.review_requested_at is None
    assert report.flags.filter(counted=False).count() == 3
    client.force_login(_moderator("审核员"))
    page = client.get(f"/admin/moderation/comments/{report.pk}/").content.decode()
    assert page.count("否：被评价单位的成员") == 3  # the admin speaks Chinese


def test_the_21st_flag_of_the_day_is_refused_with_a_clear_message(
    client, pledge, report
):
    comments = [report]
    for number in range(20):
        comments.append(
            Comment.objects.create(
                pledge=pledge,
                clause_id=report.clause_id,
                author=UserFactory(),
                body=f"第{number}条意见：活动中心没有开放。",
                due_at=timezone.now(),
            )
        )
    flagger = UserFactory()
    client.force_login(flagger)
    for comment in comments[:20]:
        client.post(
            reverse("consultations:comment_flag", args=[comment.pk]),
            {"reason": "spam"},
        )
    assert Comment.objects.filter(flags__user=flagger).count() == 20
    response = client.post(
        reverse("consultations:comment_flag", args=[comments[20].pk]),
        {"reason": "spam"},
        follow=True,
    )
    shows(
        response,
        "You can report at most 20 comments a day.",
        "每天最多可以举报 20 条留言",
    )
    assert not comments[20].flags.exists()


def test_a_confirmed_violation_leaves_the_rate_and_the_page_says_why(
    client, unit, pledge, report
):
    moderator = _moderator("审核员")
    client.force_login(moderator)
    url = f"/admin/moderation/comments/{report.pk}/"
    refused = client.post(url, {"action": "reject", "reason": "广告"})
    assert "请选择这条留言违反的规则。" in refused.content.decode()
    # Hiding alone keeps it owed an answer.
    client.post(url, {"action": "hide", "reason": "待核实"})
    report.refresh_from_db()
    assert report.status == Comment.Status.HIDDEN
    assert Comment.objects.filter(pk=report.pk, **{"violation": ""}).exists()
    response = client.post(
        url, {"action": "reject", "reason": "广告内容", "violation": "spam"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.violation) == (Comment.Status.REJECTED, "spam")
    decision = report.moderation_decisions.first()
    assert (decision.moderator, decision.violation) == (moderator, "spam")

    removed = removed_comments(pledge=pledge)
    assert removed.total == sum(count for _label, count in removed.by_reason) == 1
    client.logout()
    page = client.get(pledge.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("zh-hans"):
        shown = removed_comments(pledge=pledge).display
    assert shown in page or "1 removed: Advertising or spam" in page
    assert 'data-removed-total="1"' in page
    assert 'data-removed-count="1"' in page
    assert REPORT not in page


def test_appeal_once_to_another_moderator_and_the_log_keeps_both(
    client, resident, report, django_capture_on_commit_callbacks
):
    first, second = _moderator("甲审核"), _moderator("乙审核")
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/moderation/comments/{report.pk}/",
            {"action": "reject", "reason": "广告内容", "violation": "spam"},
        )
    appeal_url = reverse("consultations:comment_appeal", args=[report.pk])
    assert appeal_url in mail.outbox[-1].body

    client.force_login(UserFactory())
    assert client.get(appeal_url).status_code == 404
    client.force_login(resident)
    shows(
        client.get(appeal_url), "Why is the decision wrong?", "您认为该决定哪里有误？"
    )
    response = client.post(appeal_url, {"reason": "这是真实的投诉，不是广告。"})
    assert response.status_code == 302
    again = client.post(appeal_url, {"reason": "再申诉一次。"})
    shows(again, "an appeal is possible once", "每个决定只能申诉一次")
    appeal = ModerationAppeal.objects.get()

    client.force_login(first)
    decide_url = f"/admin/moderation/appeals/{appeal.pk}/"
    refused = client.post(decide_url, {"grant": "grant", "reason": "改判"})
    assert "须由另一位审核员处理申诉" in refused.content.decode()
    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url, {"grant": "grant", "reason": "确属投诉"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.violation) == (Comment.Status.PUBLISHED, "")
    appeal.refresh_from_db()
    assert appeal.outcome.moderator == second
    assert "申诉成立" in mail.outbox[-1].subject  # emails speak the site's language
    log = client.get("/admin/moderation-log/").content.decode()
    assert "申诉成立" in log and "已移除：违反规则" in log
    client.force_login(resident)
    with pytest.raises(ServiceError):
        from consultations.services.appeals import appeal_create

        appeal_create(user=resident, comment=report, reason="第三次")


def test_a_sensitive_word_holds_the_comment_and_the_moderator_sees_it(
    client, resident, consultation
):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    settings_url = reverse(
        "wagtailsettings:edit", args=["consultations", "moderationsettings"]
    )
    response = client.get(settings_url, follow=True)
    assert response.status_code == 200
    settings_url = (
        response.redirect_chain[-1][0] if response.redirect_chain else settings_url
    )
    client.post(settings_url, {"sensitive_words": "代开发票\n刷单"})
    assert ModerationSettings.load().word_list() == ["代开发票", "刷单"]

    client.force_login(resident)
    response = client.post(
        consultation.url + "comment/",
        {"body": "本店可代开发票，价格优惠。", "clause": ""},
        follow=True,
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_words == ["代开发票"]
    assert "needs review" in response.content.decode() or (
        "您的留言包含需要审核的内容" in response.content.decode()
    )
    assert comment.moderation_decisions.get().action == Action.HOLD
    client.force_login(_moderator("审核员"))
    page = client.get(f"/admin/moderation/comments/{comment.pk}/").content.decode()
    assert 'id="held-words"' in page and "代开发票" in page


def test_flag_service_counts_the_limit_per_account(report, settings):
    settings.CANYU_RATE_LIMITS = {
        **settings.CANYU_RATE_LIMITS,
        "comment_flag": {"user": "1/d"},
    }
    other = Comment.objects.create(
        pledge=report.pledge,
        clause_id=report.clause_id,
        author=UserFactory(),
        body="另一条意见：没有落实。",
        due_at=timezone.now(),
    )
    flagger = UserFactory()
    comment_flag(user=flagger, comment=report, reason="spam")
    with pytest.raises(ServiceError, match="at most 1 comments a day"):
        comment_flag(user=flagger, comment=other, reason="spam")
