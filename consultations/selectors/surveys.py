"""Survey reads: what the consultation page shows about its survey, and the results
as figures for server-rendered SVG bar charts."""

from collections import Counter, defaultdict

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from consultations.forms.surveys import RATING_LABELS
from consultations.models import (
    ConsultationPage,
    Phase,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from home.charts import bar_chart
from home.permissions import has_verified_contact

TEXT_ANSWERS_SHOWN = 20


def survey_draft_key(consultation: ConsultationPage) -> str:
    """Where the survey route keeps refused answers for the page to show again."""
    return f"survey-draft-{consultation.pk}"


def _percent(count: int, total: int) -> float:
    return round(count * 100 / total, 1) if total else 0.0


def survey_results(*, consultation: ConsultationPage, questions=None) -> dict:
    """Per-question figures of a consultation's survey, in two queries: counts per
    choice (of the residents who answered that question; a multiple-choice
    question's percentages can add up to more than 100), the rating distribution
    and average, and the newest free-text answers (without names)."""
    if questions is None:
        questions = list(consultation.survey_questions.all())
    answers = (
        SurveyAnswer.objects.filter(response__consultation=consultation)
        .order_by()
        .values_list("question_id", "response_id", "choices", "rating")
    )
    answered = Counter()
    chosen = defaultdict(Counter)
    respondents = set()
    for question_id, response_id, choices, rating in answers:
        answered[question_id] += 1
        respondents.add(response_id)
        for index in choices or []:
            chosen[question_id][index] += 1
        if rating is not None:
            chosen[question_id][rating] += 1

    texts = defaultdict(list)
    text_questions = [q.pk for q in questions if q.kind == SurveyQuestion.Kind.TEXT]
    if text_questions:
        newest = (
            SurveyAnswer.objects.filter(question_id__in=text_questions)
            .exclude(text="")
            .annotate(
                position=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    order_by=F("pk").desc(),
                )
            )
            .filter(position__lte=TEXT_ANSWERS_SHOWN)
            .order_by("question_id", "-pk")
            .values_list("question_id", "text")
        )
        for question_id, text in newest:
            texts[question_id].append(text)

    results = []
    for question in questions:
        total = answered[question.pk]
        item = {"question": question, "answered": total}
        if question.kind == SurveyQuestion.Kind.TEXT:
            item["texts"] = texts[question.pk]
            item["more_texts"] = max(total - len(texts[question.pk]), 0)
        else:
            counts = chosen[question.pk]
            label_heading = _("Option")
            if question.kind == SurveyQuestion.Kind.RATING:
                label_heading = _("Rating")
                labels = list(RATING_LABELS.items())
                ratings = sum(rating * counts[rating] for rating in RATING_LABELS)
                item["average"] = round(ratings / total, 2) if total else None
            else:
                labels = list(enumerate(question.choice_list))
            bars = [
                {
                    "label": label,
                    "count": counts[key],
                    "percent": _percent(counts[key], total),
                }
                for key, label in labels
            ]
            item["bars"] = bars
            item["chart"] = bar_chart(
                identifier=f"survey-chart-{question.pk}",
                title=question.prompt,
                bars=bars,
                label_heading=label_heading,
            )
        results.append(item)
    return {"respondents": len(respondents), "questions": results}


def _user_state(user, consultation: ConsultationPage) -> tuple[str, bool]:
    """What the resident can do with the survey, and whether they answered it."""
    if not user.is_authenticated:
        answered = False
    else:
        answered = SurveyResponse.objects.filter(
            consultation=consultation, user=user
        ).exists()
    phase = consultation.phase
    if answered:
        return "answered", True
    if phase == Phase.UPCOMING:
        return "upcoming", False
    if phase != Phase.OPEN:
        return "closed", False
    if not user.is_authenticated:
        return "sign_in", False
    if not has_verified_contact(user):
        return "verify", False
    return "answer", False


def survey_for_viewer(*, consultation: ConsultationPage, viewer) -> dict | None:
    """What the consultation page shows of its survey to this viewer (None when
    the consultation has no survey): the questions, what the viewer can do
    (``answered``, ``upcoming``, ``closed``, ``sign_in``, ``verify`` or
    ``answer``), and the results once the viewer has answered or the consultation
    has closed. The page adds the form and the addresses."""
    questions = list(consultation.survey_questions.all())
    if not questions:
        return None
    state, answered = _user_state(viewer, consultation)
    show_results = answered or consultation.phase in (Phase.CLOSED, Phase.CONCLUDED)
    return {
        "questions": questions,
        "state": state,
        "results": survey_results(consultation=consultation, questions=questions)
        if show_results
        else None,
    }
