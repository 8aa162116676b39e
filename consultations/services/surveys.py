"""Answering a consultation's survey."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consultations.models import (
    ConsultationPage,
    Phase,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from home.exceptions import ServiceError
from home.models import User
from home.permissions import has_verified_contact

SURVEY_TEXT_MAX_LENGTH = 2000
RATING_RANGE = range(1, 6)


def _already_answered_message() -> str:
    return _("You have already answered this survey. Each resident answers once.")


def _require_verified_resident(user: User) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to answer the survey."))
    if not has_verified_contact(user):
        raise ServiceError(_("Verify your email address before answering the survey."))


def _as_index(value, question: SurveyQuestion) -> int:
    try:
        index = int(value)
    except (TypeError, ValueError):
        index = -1
    if not 0 <= index < len(question.choice_list):
        raise ServiceError(
            _("“%(question)s”: choose one of the listed options.")
            % {"question": question.prompt}
        )
    return index


def _clean_answer(question: SurveyQuestion, value) -> dict:
    """The answer's fields for a SurveyAnswer row, or ServiceError."""
    kind = question.kind
    if kind == SurveyQuestion.Kind.SINGLE:
        return {"choices": [_as_index(value, question)]}
    if kind == SurveyQuestion.Kind.MULTIPLE:
        values = value if isinstance(value, (list, tuple)) else [value]
        indexes = sorted({_as_index(item, question) for item in values})
        return {"choices": indexes}
    if kind == SurveyQuestion.Kind.RATING:
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = 0
        if rating not in RATING_RANGE:
            raise ServiceError(
                _("“%(question)s”: give a rating from 1 to 5.")
                % {"question": question.prompt}
            )
        return {"rating": rating}
    text = str(value).strip()
    if len(text) > SURVEY_TEXT_MAX_LENGTH:
        raise ServiceError(
            _("“%(question)s”: keep your answer under %(count)s characters.")
            % {"question": question.prompt, "count": SURVEY_TEXT_MAX_LENGTH}
        )
    return {"text": text}


def _is_blank(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == ()


@transaction.atomic
def survey_submit(
    *, user: User, consultation: ConsultationPage, answers: dict
) -> SurveyResponse:
    """Record a resident's answers to a consultation's survey.

    Rules: only while the consultation is open; only a signed-in resident with a
    verified email; once per resident and consultation (a database constraint backs
    this, so two parallel submissions store one). ``answers`` maps question ids to a
    choice index (single choice), a list of indexes (multiple choice), 1–5 (rating)
    or text. Required questions must be answered; nothing is saved unless every
    answer is valid."""
    _require_verified_resident(user)
    phase = consultation.phase
    if phase == Phase.UPCOMING:
        raise ServiceError(_("The survey opens with the consultation."))
    if phase != Phase.OPEN:
        raise ServiceError(_("The survey has closed with the consultation."))
    questions = list(consultation.survey_questions.all())
    if not questions:
        raise ServiceError(_("This consultation has no survey."))
    known = {question.pk for question in questions}
    changed = _("The survey has changed. Reload the page and try again.")
    try:
        given = {int(key): value for key, value in answers.items()}
    except (TypeError, ValueError) as error:
        raise ServiceError(changed) from error
    if set(given) - known:
        raise ServiceError(changed)

    rows = []
    for question in questions:
        value = given.get(question.pk)
        if _is_blank(value):
            if question.required:
                raise ServiceError(
                    _("Answer the question “%(question)s”.")
                    % {"question": question.prompt}
                )
            continue
        fields = _clean_answer(question, value)
        if fields.get("text") == "" or fields.get("choices") == []:
            continue
        rows.append(SurveyAnswer(question=question, **fields))
    if not rows:
        raise ServiceError(_("Answer at least one question."))

    if SurveyResponse.objects.filter(consultation=consultation, user=user).exists():
        raise ServiceError(_already_answered_message())
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                consultation=consultation, user=user
            )
    except IntegrityError as error:  # a parallel submission won the race
        raise ServiceError(_already_answered_message()) from error
    for row in rows:
        row.response = response
    SurveyAnswer.objects.bulk_create(rows)
    return response
