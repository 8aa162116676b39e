"""Closing an account: the consultations part (called by
home.account_closure.services.account_anonymise).

Comments, replies, supports, flags, survey answers and unit ratings stay: they
are part of the public record and of the units' figures, and the account they
point at is anonymised (shown as "Closed account"). What only served the
person goes: follows, and the notes written with flags."""

from consultations.models import (
    Comment,
    CommentFlag,
    ConsultationFollow,
    ModerationAppeal,
    SurveyAnswer,
    UnitRating,
)
from home.account_closure.redaction import redact_rows


def anonymise(*, user, needles: list[str]) -> None:
    """What stays loses the person's name, email and phone where the person
    wrote them (a comment signed with a phone number)."""
    ConsultationFollow.objects.filter(user=user).delete()
    CommentFlag.objects.filter(user=user).update(note="")
    redact_rows(Comment.objects.filter(author=user), ["body"], needles)
    redact_rows(SurveyAnswer.objects.filter(response__user=user), ["text"], needles)
    redact_rows(UnitRating.objects.filter(user=user), ["comment"], needles)
    redact_rows(ModerationAppeal.objects.filter(author=user), ["reason"], needles)
