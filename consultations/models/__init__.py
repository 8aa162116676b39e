from .comments import (
    COMMENT_MAX_LENGTH,
    COMMENT_MIN_LENGTH,
    Comment,
    CommentFlag,
    CommentingBan,
    CommentSupport,
    ConsultationFollow,
    ModerationDecision,
    OfficialReply,
    Outcome,
    ReplyTemplate,
)
from .evaluations import EvaluationPeriod, UnitRating
from .index_page import ConsultationIndexPage
from .pages import ConsultationPage, Phase, Topic
from .surveys import SurveyAnswer, SurveyQuestion, SurveyResponse

__all__ = [
    "COMMENT_MAX_LENGTH",
    "COMMENT_MIN_LENGTH",
    "Comment",
    "CommentFlag",
    "CommentSupport",
    "CommentingBan",
    "ConsultationFollow",
    "ConsultationIndexPage",
    "ConsultationPage",
    "EvaluationPeriod",
    "ModerationDecision",
    "OfficialReply",
    "Outcome",
    "Phase",
    "ReplyTemplate",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "Topic",
    "UnitRating",
]
