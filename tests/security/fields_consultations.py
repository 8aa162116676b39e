"""The consultations' free-text fields under hostile input (see
tests/security/fields.py): comments, replies, display names, survey answers,
unit ratings and reports on pledges."""

from django.urls import reverse

from consultations.models import Comment, SurveyAnswer, UnitRating
from tests.security import world as worlds
from tests.security.people import anonymous, as_user, new_resident, page_of


def submit_comment(world, payload, number):
    before = Comment.objects.count()
    # A new account each time: residents may comment only so often.
    response = new_resident(world, number).post(
        reverse("consultations:comment_create", args=[world.consultation.pk]),
        {"body": payload.text, "clause": world.clause_id},
    )
    return response, Comment.objects.count() > before


def consultation_pages(world):
    return [
        ("consultation page", *page_of(world, world.consultation)),
        (
            "responders' dashboard",
            as_user(world, world.responder),
            reverse("consultations:respond_dashboard") + "?status=all",
        ),
    ]


def comment_exports(world):
    worlds.close_consultation(world)
    pk = world.consultation.pk
    return [
        ("comments CSV", "csv", anonymous(), f"/consultations/{pk}/comments.csv"),
        ("comments XLSX", "xlsx", anonymous(), f"/consultations/{pk}/comments.xlsx"),
    ]


def prepare_replies(world):
    worlds.add_consultation(world)


def submit_reply(which):
    def submit(world, payload, number):
        # A new comment each time: the page shows the newest first.
        comment = worlds.add_comment(world, body=f"第{number}条意见：建议增设垃圾桶。")
        text = {"body": "感谢您的意见。", "reason": "与上位法不一致。"}
        text[which] = payload.text
        response = as_user(world, world.responder).post(
            reverse("consultations:respond_comment", args=[comment.pk]),
            {"outcome": "not_adopted", **text},
        )
        return response, hasattr(Comment.objects.get(pk=comment.pk), "reply")

    return submit


def answer_pages(world):
    return [("consultation page (answered)", *page_of(world, world.consultation))]


def prepare_display_name(world):
    worlds.add_consultation(world)
    worlds.add_comment(world, author=world.resident)


def submit_display_name(world, payload, number):
    response = as_user(world, world.resident).post(
        reverse("home:profile_edit"), {"display_name": payload.text, "phone": ""}
    )
    world.resident.refresh_from_db()
    return response, world.resident.display_name == payload.text.strip()


def display_name_pages(world):
    return [
        ("consultation page", *page_of(world, world.consultation)),
        ("own dashboard", as_user(world, world.resident), reverse("home:dashboard")),
    ]


def submit_survey(world, payload, number):
    before = SurveyAnswer.objects.count()
    client = new_resident(world, number)
    response = client.post(
        world.consultation.url + world.consultation.reverse_subpage("survey_submit"),
        {f"survey-q{world.question.pk}": payload.text},
    )
    return response, SurveyAnswer.objects.count() > before


def survey_pages(world):
    return [("survey results", as_user(world, world.last_user), world.consultation.url)]


def prepare_rating(world):
    worlds.add_evaluation(world)
    world.period.scorecards_published = True
    world.period.save()


def submit_rating(world, payload, number):
    before = UnitRating.objects.count()
    prefix = f"unit-{world.unit.pk}"
    response = new_resident(world, number).post(
        reverse("consultations:evaluation_rate", args=[world.period.pk, world.unit.pk]),
        {f"{prefix}-score": "3", f"{prefix}-comment": payload.text},
    )
    return response, UnitRating.objects.count() > before


def rating_pages(world):
    url = reverse(
        "consultations:evaluation_scorecard", args=[world.period.pk, world.unit.slug]
    )
    return [("scorecard", anonymous(), url)]


def rating_exports(world):
    staff = as_user(world, world.staff)
    return [
        ("ratings CSV (admin)", "csv", staff, "/admin/unitrating/?export=csv"),
        ("ratings XLSX (admin)", "xlsx", staff, "/admin/unitrating/?export=xlsx"),
    ]


def submit_pledge_feedback(world, payload, number):
    before = Comment.objects.count()
    response = new_resident(world, number).post(
        reverse("consultations:pledge_feedback_create", args=[world.pledge.pk]),
        {"item": world.pledge_item.pk, "kind": "not_kept", "body": payload.text},
    )
    return response, Comment.objects.count() > before


def pledge_pages(world):
    return [("pledge page", *page_of(world, world.pledge))]
