"""Surveys on a consultation: one response per resident, validation with clear
messages, and results (as SVG charts) whose figures match the database."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.utils import translation

import pytest

from consultations.models import SurveyAnswer, SurveyQuestion, SurveyResponse
from consultations.selectors.surveys import survey_results
from consultations.services.surveys import survey_submit
from home.exceptions import ServiceError
from tests.consultations.factories import make_consultation
from tests.factories import UserFactory


def add_questions(consultation):
    questions = [
        SurveyQuestion(
            consultation=consultation,
            kind="single",
            prompt="您家是否已经开始垃圾分类？",
            choices="每天都分类\n偶尔分类\n还没有开始",
            sort_order=0,
        ),
        SurveyQuestion(
            consultation=consultation,
            kind="multiple",
            prompt="推行垃圾分类最大的困难是什么？",
            choices="标准记不住\n垃圾桶不够\n投放时间不方便",
            sort_order=1,
        ),
        SurveyQuestion(
            consultation=consultation,
            kind="rating",
            prompt="您对垃圾收运服务打几分？",
            sort_order=2,
        ),
        SurveyQuestion(
            consultation=consultation,
            kind="text",
            prompt="您还有什么建议？",
            required=False,
            sort_order=3,
        ),
    ]
    SurveyQuestion.objects.bulk_create(questions)
    return list(consultation.survey_questions.order_by("sort_order"))


@pytest.fixture
def questions(consultation):
    return add_questions(consultation)


def post_data(questions, *, single="0", multiple=("1", "2"), rating="4", text=""):
    single_q, multiple_q, rating_q, text_q = questions
    return {
        f"survey-q{single_q.pk}": single,
        f"survey-q{multiple_q.pk}": list(multiple),
        f"survey-q{rating_q.pk}": rating,
        f"survey-q{text_q.pk}": text,
    }


def survey_url(consultation):
    return f"/en/consultations/{consultation.pk}/survey/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def page_url(consultation):
    with translation.override("en"):
        return consultation.get_url()


def test_resident_answers_the_survey_once_and_a_second_answer_is_refused(
    resident_client, consultation, questions
):
    first = resident_client.post(
        survey_url(consultation), post_data(questions, text="多设几个回收点")
    )

    assert first.status_code == 302
    assert first["Location"].endswith("#survey")
    assert messages_of(first) == ["Thank you: your answers have been recorded."]
    response = SurveyResponse.objects.get(consultation=consultation)
    answers = {a.question_id: a for a in response.answers.all()}
    single_q, multiple_q, rating_q, text_q = questions
    assert answers[single_q.pk].choices == [0]
    assert answers[multiple_q.pk].choices == [1, 2]
    assert answers[rating_q.pk].rating == 4
    assert answers[text_q.pk].text == "多设几个回收点"

    second = resident_client.post(survey_url(consultation), post_data(questions))

    assert second.status_code == 302
    assert messages_of(second)[-1] == (
        "You have already answered this survey. Each resident answers once."
    )
    assert SurveyResponse.objects.filter(consultation=consultation).count() == 1
    assert SurveyAnswer.objects.count() == 4


def test_missing_required_answer_keeps_the_answers_and_shows_the_message(
    resident_client, consultation, questions
):
    data = post_data(questions, rating="")

    response = resident_client.post(survey_url(consultation), data)

    assert response.status_code == 302
    assert messages_of(response) == [
        "Your answers were not saved. Check the questions marked below."
    ]
    assert not SurveyResponse.objects.exists()
    page = resident_client.get(page_url(consultation))
    html = page.content.decode()
    assert "There is a problem" in html
    assert "This field is required." in html
    single_q = questions[0]
    # The resident's earlier choice is still selected.
    name = f"survey-q{single_q.pk}"
    assert f'name="{name}" value="0" required id="id_{name}_0" checked' in html


SINGLE = "“您家是否已经开始垃圾分类？”"
MULTIPLE = "“推行垃圾分类最大的困难是什么？”"
RATING = "“您对垃圾收运服务打几分？”"
TEXT = "“您还有什么建议？”"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"single": 7}, f"{SINGLE}: choose one of the listed options."),
        ({"multiple": [0, 9]}, f"{MULTIPLE}: choose one of the listed options."),
        ({"rating": 6}, f"{RATING}: give a rating from 1 to 5."),
        ({"rating": 0}, f"{RATING}: give a rating from 1 to 5."),
        ({"text": "长" * 2001}, f"{TEXT}: keep your answer under 2000 characters."),
        ({"single": None}, f"Answer the question {SINGLE}."),
    ],
)
def test_invalid_answers_are_refused_with_a_clear_message_and_nothing_saved(
    resident, consultation, questions, answers, message
):
    single_q, multiple_q, rating_q, text_q = questions
    given = {"single": 1, "multiple": [0], "rating": 3, "text": "", **answers}
    payload = {
        single_q.pk: given["single"],
        multiple_q.pk: given["multiple"],
        rating_q.pk: given["rating"],
        text_q.pk: given["text"],
    }

    with pytest.raises(ServiceError) as error:
        survey_submit(user=resident, consultation=consultation, answers=payload)

    assert str(error.value) == message
    assert not SurveyResponse.objects.exists()
    assert not SurveyAnswer.objects.exists()


def test_survey_is_refused_when_closed_unverified_or_signed_out(
    client, consultation_index, issuing_unit, resident
):
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    closed_questions = add_questions(closed)
    answers = {closed_questions[0].pk: 0, closed_questions[1].pk: [0]}
    answers[closed_questions[2].pk] = 5
    with pytest.raises(ServiceError, match="closed with the consultation"):
        survey_submit(user=resident, consultation=closed, answers=answers)

    upcoming = make_consultation(
        consultation_index, unit=issuing_unit, phase="upcoming"
    )
    add_questions(upcoming)
    with pytest.raises(ServiceError, match="opens with the consultation"):
        survey_submit(user=resident, consultation=upcoming, answers=answers)

    open_consultation = make_consultation(consultation_index, unit=issuing_unit)
    open_questions = add_questions(open_consultation)
    answers = {q.pk: a for q, a in zip(open_questions, (0, [0], 5, ""), strict=True)}
    unverified = UserFactory(verified=False)
    with pytest.raises(ServiceError, match="Verify your email address"):
        survey_submit(user=unverified, consultation=open_consultation, answers=answers)

    with pytest.raises(PermissionDenied):
        survey_submit(
            user=AnonymousUser(), consultation=open_consultation, answers=answers
        )
    response = client.post(
        survey_url(open_consultation), post_data(open_questions), follow=False
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not SurveyResponse.objects.exists()


def test_results_figures_match_a_direct_count_in_the_database(
    consultation, questions, django_assert_num_queries
):
    single_q, multiple_q, rating_q, text_q = questions
    given = [
        (0, [0, 1], 5, "多设回收点"),
        (0, [1], 4, ""),
        (1, [1, 2], 4, "希望晚上也有督导员"),
        (2, [0], 2, ""),
        (0, [2], 3, "垃圾桶要经常清洗"),
    ]
    for single, multiple, rating, text in given:
        survey_submit(
            user=UserFactory(),
            consultation=consultation,
            answers={
                single_q.pk: single,
                multiple_q.pk: multiple,
                rating_q.pk: rating,
                text_q.pk: text,
            },
        )

    with django_assert_num_queries(2):
        results = survey_results(consultation=consultation, questions=questions)

    assert results["respondents"] == SurveyResponse.objects.count() == 5
    by_question = {item["question"].pk: item for item in results["questions"]}
    for question in (single_q, multiple_q):
        rows = list(SurveyAnswer.objects.filter(question=question))
        figures = by_question[question.pk]
        assert figures["answered"] == len(rows)
        for index, bar in enumerate(figures["bars"]):
            direct = sum(1 for row in rows if index in row.choices)
            assert bar["count"] == direct
            assert bar["percent"] == round(direct * 100 / len(rows), 1)
    ratings = by_question[rating_q.pk]
    for rating, bar in zip(range(1, 6), ratings["bars"], strict=True):
        assert (
            bar["count"]
            == SurveyAnswer.objects.filter(question=rating_q, rating=rating).count()
        )
    assert ratings["average"] == 3.6
    texts = by_question[text_q.pk]
    assert texts["answered"] == 3
    assert texts["texts"] == ["垃圾桶要经常清洗", "希望晚上也有督导员", "多设回收点"]


def test_results_appear_as_accessible_charts_once_answered_and_without_names(
    resident_client, resident, consultation, questions
):
    before = resident_client.get(page_url(consultation)).content.decode()
    assert 'id="survey"' in before
    assert "Submit answers" in before
    assert "Survey results" not in before

    resident_client.post(survey_url(consultation), post_data(questions, text="加油"))
    html = resident_client.get(page_url(consultation)).content.decode()

    assert "You have answered this survey. Thank you." in html
    assert "Survey results" in html
    assert "1 resident has answered." in html
    assert 'role="img"' in html
    assert '<title id="survey-chart-' in html
    assert '<th scope="row">每天都分类</th>' in html
    assert "Average rating: <strong>4</strong> out of 5" in html
    assert "加油" in html
    results = html.split('id="survey-results-heading"')[1]
    assert resident.display_name not in results


def test_results_are_public_once_the_consultation_has_closed(
    client, consultation_index, issuing_unit
):
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    add_questions(closed)

    html = client.get(page_url(closed)).content.decode()

    assert "The survey has closed with the consultation." in html
    assert "Survey results" in html
    assert "0 residents have answered." in html


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
