"""What the consultations app holds about one person, for "download my data"
(home/data_export/): comments (with the unit's official reply), supports,
flags, follows, survey answers, unit ratings, and moderation of their comments.

Only the person's own data: the comments they supported or flagged are named
by number and consultation, not by their (other residents') text, and
moderators are not named."""

from __future__ import annotations

from django.utils.translation import gettext as _

from consultations.models import (
    Comment,
    CommentFlag,
    CommentingBan,
    CommentSupport,
    ConsultationFollow,
    ModerationAppeal,
    ModerationDecision,
    SurveyAnswer,
    UnitRating,
)
from home.data_export.sections import Section, row


def export_sections(user) -> list[Section]:
    return [
        _comments(user),
        _moderation(user),
        _supports(user),
        _flags(user),
        _follows(user),
        _survey_answers(user),
        _unit_ratings(user),
    ]


def _target_title(comment) -> str:
    target = comment.consultation if comment.consultation_id else comment.pledge
    return target.title if target is not None else ""


def _comments(user) -> Section:
    comments = (
        Comment.objects.filter(author=user)
        .select_related("consultation", "pledge", "reply")
        .order_by("created_at", "pk")
    )
    rows = []
    for comment in comments:
        reply = getattr(comment, "reply", None)
        rows.append(
            row(
                comment_id=comment.pk,
                on=_target_title(comment),
                kind=comment.get_kind_display(),
                clause=comment.clause_id,
                body=comment.body,
                show_masked_name=comment.show_masked_name,
                status=comment.get_status_display(),
                supports=comment.support_count,
                rule_broken=comment.get_violation_display()
                if comment.violation
                else "",
                created_at=comment.created_at,
                reply_outcome=reply.get_outcome_display() if reply else "",
                reply=reply.body if reply else "",
                reply_reason=reply.reason if reply else "",
                replied_at=reply.created_at if reply else None,
            )
        )
    return Section(
        name="comments",
        title=_("Comments and feedback"),
        description=_(
            "Your comments on consultations and feedback on units' pledges, with "
            "the unit's official reply to each."
        ),
        rows=rows,
    )


def _moderation(user) -> Section:
    decisions = ModerationDecision.objects.filter(comment__author=user).order_by(
        "created_at", "pk"
    )
    appeals = {
        appeal.decision_id: appeal
        for appeal in ModerationAppeal.objects.filter(author=user)
    }
    rows = [
        row(
            comment_id=decision.comment_id,
            action=decision.get_action_display(),
            reason=decision.reason,
            created_at=decision.created_at,
            appeal=appeals[decision.pk].reason if decision.pk in appeals else "",
            appealed_at=appeals[decision.pk].created_at
            if decision.pk in appeals
            else None,
        )
        for decision in decisions
    ]
    ban = CommentingBan.objects.filter(user=user).first()
    if ban is not None:
        rows.append(
            row(
                comment_id=None,
                action=_("Commenting ban"),
                reason=ban.reason,
                created_at=ban.created_at,
                until=ban.until,
            )
        )
    return Section(
        name="moderation",
        title=_("Moderation of your comments"),
        description=_(
            "Moderators' decisions on your comments, your appeals, and any "
            "commenting ban."
        ),
        rows=rows,
    )


def _supports(user) -> Section:
    supports = CommentSupport.objects.filter(user=user).select_related(
        "comment__consultation", "comment__pledge"
    )
    return Section(
        name="supports",
        title=_("Comments you supported"),
        description=_(
            "The comments you supported (附议), by number and consultation; "
            "their text is another resident's and is not included."
        ),
        rows=[
            row(
                comment_id=support.comment_id,
                on=_target_title(support.comment),
                created_at=support.created_at,
            )
            for support in supports.order_by("created_at", "pk")
        ],
    )


def _flags(user) -> Section:
    flags = CommentFlag.objects.filter(user=user).select_related(
        "comment__consultation", "comment__pledge"
    )
    return Section(
        name="flags",
        title=_("Comments you reported"),
        description=_("The comments you reported to moderators, and why."),
        rows=[
            row(
                comment_id=flag.comment_id,
                on=_target_title(flag.comment),
                reason=flag.get_reason_display(),
                note=flag.note,
                created_at=flag.created_at,
            )
            for flag in flags.order_by("created_at", "pk")
        ],
    )


def _follows(user) -> Section:
    follows = ConsultationFollow.objects.filter(user=user).select_related(
        "consultation"
    )
    return Section(
        name="follows",
        title=_("Consultations you follow"),
        description=_("The consultations you follow for news of their results."),
        rows=[
            row(consultation=follow.consultation.title, created_at=follow.created_at)
            for follow in follows.order_by("created_at", "pk")
        ],
    )


def _survey_answers(user) -> Section:
    answers = SurveyAnswer.objects.filter(response__user=user).select_related(
        "response__consultation", "question"
    )
    return Section(
        name="survey_answers",
        title=_("Survey answers"),
        description=_("Your answers to consultations' surveys."),
        rows=[
            row(
                consultation=answer.response.consultation.title,
                question=answer.question.prompt,
                choices=answer.choices,
                rating=answer.rating,
                text=answer.text,
                answered_at=answer.response.created_at,
            )
            for answer in answers.order_by("response__created_at", "pk")
        ],
    )


def _unit_ratings(user) -> Section:
    ratings = UnitRating.objects.filter(user=user).select_related("period", "unit")
    return Section(
        name="unit_ratings",
        title=_("Unit ratings"),
        description=_("The scores and comments you gave units in evaluation periods."),
        rows=[
            row(
                period=rating.period.title,
                unit=rating.unit.name,
                score=rating.score,
                comment=rating.comment,
                created_at=rating.created_at,
            )
            for rating in ratings.order_by("created_at", "pk")
        ],
    )
