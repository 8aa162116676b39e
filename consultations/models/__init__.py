from .comments import (
    COMMENT_MAX_LENGTH,
    COMMENT_MIN_LENGTH,
    Comment,
    CommentFlag,
    CommentSupport,
    ConsultationFollow,
    OfficialReply,
    Outcome,
    ReplyTemplate,
    Violation,
    answer_rate_counted,
)
from .evaluations import EvaluationPeriod, UnitRating
from .index_page import ConsultationIndexPage
from .moderation import (
    APPEALABLE_ACTIONS,
    CommentingBan,
    ModerationAppeal,
    ModerationDecision,
    ModerationSettings,
)
from .pages import ConsultationPage, Phase, Topic
from .results_figures import ConsultationResultsFigures
from .surveys import SurveyAnswer, SurveyQuestion, SurveyResponse

__all__ = [
    "APPEALABLE_ACTIONS",
    "ModerationAppeal",
    "ModerationSettings",
    "Violation",
    "answer_rate_counted",
    "COMMENT_MAX_LENGTH",
    "COMMENT_MIN_LENGTH",
    "Comment",
    "CommentFlag",
    "CommentSupport",
    "CommentingBan",
    "ConsultationFollow",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationResultsFigures",
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
