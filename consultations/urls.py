"""The URL map of consultations' own views, under /consultations/ (and /en/…).

The consultation pages themselves are served by Wagtail, and their residents'
forms post to the page's routes (``ConsultationPage``: ``comment/``,
``comments/<id>/support/``, ``comments/<id>/flag/``, ``follow/``, ``unfollow/``,
``survey/``). The admin screens are registered in wagtail_hooks.py."""

from django.urls import path

from consultations.views import (
    answer_rates,
    appeals,
    comments,
    evaluations,
    exports,
    participation,
    pledge_feedback,
    responders,
)

app_name = "consultations"

urlpatterns = [
    # The consultation page's older form addresses, served by the page's routes so
    # that links and bookmarks keep working.
    path(
        "<int:page_id>/comment/",
        comments.consultation_route,
        {"route": "comment"},
        name="comment_create",
    ),
    path(
        "<int:page_id>/follow/",
        comments.consultation_route,
        {"route": "follow"},
        name="follow",
    ),
    path(
        "<int:page_id>/unfollow/",
        comments.consultation_route,
        {"route": "unfollow"},
        name="unfollow",
    ),
    path(
        "<int:page_id>/survey/",
        comments.consultation_route,
        {"route": "survey"},
        name="survey_submit",
    ),
    # Any comment by its number: the pledge pages' feedback, and older links.
    path(
        "comments/<int:comment_id>/support/",
        comments.comment_support,
        name="comment_support",
    ),
    path("comments/<int:comment_id>/flag/", comments.comment_flag, name="comment_flag"),
    # The signed-in person's own comments and pledge feedback, with the answers.
    path("my-comments/", participation.my_comments, name="my_comments"),
    # The author's appeal against a moderation decision on their comment.
    path(
        "comments/<int:comment_id>/appeal/",
        appeals.comment_appeal,
        name="comment_appeal",
    ),
    # A closed consultation's published comments, without personal data.
    path("<int:page_id>/comments.csv", exports.comments_csv, name="comments_csv"),
    path("<int:page_id>/comments.xlsx", exports.comments_xlsx, name="comments_xlsx"),
    # Residents' feedback on a pledge (the pledge page lives in home).
    path(
        "pledges/<int:page_id>/feedback/",
        pledge_feedback.pledge_feedback_create_view,
        name="pledge_feedback_create",
    ),
    # The units' responders.
    path("respond/", responders.dashboard, name="respond_dashboard"),
    path(
        "respond/comments/<int:comment_id>/",
        responders.answer,
        name="respond_comment",
    ),
    path("respond/templates/", responders.template_list, name="reply_templates"),
    path(
        "respond/templates/add/",
        responders.template_edit,
        name="reply_template_add",
    ),
    path(
        "respond/templates/<int:template_id>/",
        responders.template_edit,
        name="reply_template_edit",
    ),
    path(
        "respond/templates/<int:template_id>/delete/",
        responders.template_delete,
        name="reply_template_delete",
    ),
    # Public evaluation of the units.
    path("evaluations/", evaluations.evaluation_list, name="evaluation_list"),
    path(
        "evaluations/<int:period_id>/",
        evaluations.evaluation_period,
        name="evaluation_period",
    ),
    path(
        "evaluations/<int:period_id>/units/<int:unit_id>/rate/",
        evaluations.evaluation_rate,
        name="evaluation_rate",
    ),
    path(
        "evaluations/<int:period_id>/units/<str:unit_slug>/",
        evaluations.evaluation_scorecard,
        name="evaluation_scorecard",
    ),
    # The city-wide table of units by answer rate.
    path("answer-rates/", answer_rates.answer_rates, name="answer_rates"),
]
