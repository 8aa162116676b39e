"""Moderation's free-text fields under hostile input (see tests/security/
fields.py): a resident's note when reporting a comment, a moderator's reason
(emailed to the author and shown on the author's appeal page), the author's
appeal, another moderator's decision on it, and the responders' saved replies.

The moderators' pages are in Wagtail's admin; they are read as well, since
they show what residents typed. Each payload gets a comment of its own (a
comment is reported once per person and appealed once per decision); pages
read every comment since the last read (``world.recent``)."""

from django.contrib.auth.models import Group
from django.urls import reverse

from consultations.models import CommentFlag, ModerationAppeal, ReplyTemplate
from tests.factories import UserFactory, give_totp
from tests.security import world as worlds
from tests.security.people import as_user, new_resident


def _recent(world):
    recent, world.recent = world.recent, []
    return recent


def _moderator(name):
    user = UserFactory(display_name=name)
    user.groups.add(Group.objects.get(name="Moderators"))
    give_totp(user)
    return user


def prepare_moderation(world):
    worlds.add_consultation(world)
    world.moderator = _moderator("甲审核")
    world.second_moderator = _moderator("乙审核")
    world.recent = []


def _comment(world, number):
    return worlds.add_comment(world, body=f"第{number}条意见：建议增设垃圾桶。")


def _moderate(world, comment, reason="广告内容"):
    return as_user(world, world.moderator).post(
        f"/admin/moderation/comments/{comment.pk}/",
        {"action": "reject", "reason": reason, "violation": "spam"},
    )


def _appeal(world, comment, reason="这是真实的意见，不是广告。"):
    return as_user(world, world.resident).post(
        reverse("consultations:comment_appeal", args=[comment.pk]),
        {"reason": reason},
    )


def submit_flag_note(world, payload, number):
    comment = _comment(world, number)
    before = CommentFlag.objects.count()
    response = new_resident(world, number).post(
        reverse("consultations:comment_flag", args=[comment.pk]),
        {"reason": "spam", "note": payload.text},
    )
    stored = CommentFlag.objects.count() > before and bool(payload.text.strip())
    if stored:
        world.recent.append(comment)
    return response, stored


def submit_moderation_chain(world, payload, number):
    """The payload as the moderator's reason, then as the author's appeal, then
    as the other moderator's decision on it; where one step refuses it, the
    step is taken again with ordinary text so that the next one can be tried.
    The first response is the one checked by the runner; the others are
    checked here."""
    from tests.security import checks

    comment = _comment(world, number)
    first = _moderate(world, comment, payload.text)
    stored = comment.moderation_decisions.exists()
    if not stored:
        _moderate(world, comment)
    response = _appeal(world, comment, payload.text)
    appeal = ModerationAppeal.objects.filter(comment=comment).first()
    if appeal is None:
        checks.assert_page_safe(response.content.decode(), where=f"appeal × {payload}")
        _appeal(world, comment)
        appeal = ModerationAppeal.objects.get(comment=comment)
    else:
        stored = True
    decide_url = f"/admin/moderation/appeals/{appeal.pk}/"
    decision = {"grant": "deny", "reason": payload.text}
    response = as_user(world, world.second_moderator).post(decide_url, decision)
    assert response.status_code in (200, 302), f"appeal decision × {payload}"
    if response.status_code != 302:
        checks.assert_page_safe(
            response.content.decode(), where=f"decision × {payload}"
        )
        decision["reason"] = "决定维持。"
        as_user(world, world.second_moderator).post(decide_url, decision)
    else:
        stored = True
    world.recent.append(comment)
    return first, stored


def moderation_pages(world):
    """The moderator's page of each comment and, where the author may appeal,
    the author's appeal page."""
    moderator = as_user(world, world.second_moderator)
    author = as_user(world, world.resident)
    pages = []
    for comment in _recent(world):
        pages.append(
            (
                "moderator's comment page",
                moderator,
                f"/admin/moderation/comments/{comment.pk}/",
            )
        )
        if comment.moderation_decisions.exists():
            url = reverse("consultations:comment_appeal", args=[comment.pk])
            pages.append(("author's appeal page", author, url))
        appeal = ModerationAppeal.objects.filter(comment=comment).first()
        if appeal is not None:
            url = f"/admin/moderation/appeals/{appeal.pk}/"
            pages.append(("appeal page", moderator, url))
    return pages


# The responders' saved replies ---------------------------------------------------


def prepare_reply_templates(world):
    world.recent = []


def submit_reply_template(which):
    def submit(world, payload, number):
        text = {"title": f"常用答复{number}", "body": "感谢您的意见。", "reason": ""}
        text[which] = payload.text
        outcome = "not_adopted" if which == "reason" else "adopted"
        before = ReplyTemplate.objects.count()
        response = as_user(world, world.responder).post(
            reverse("consultations:reply_template_add"),
            {"unit": world.unit.pk, "outcome": outcome, **text},
        )
        stored = ReplyTemplate.objects.count() > before
        if stored:
            world.recent.append(ReplyTemplate.objects.latest("pk"))
        return response, stored

    return submit


def reply_template_pages(world):
    responder = as_user(world, world.responder)
    pages = [("saved replies", responder, reverse("consultations:reply_templates"))]
    for template in _recent(world):
        url = reverse("consultations:reply_template_edit", args=[template.pk])
        pages.append(("saved reply", responder, url))
    return pages
