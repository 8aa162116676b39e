"""A resident's endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from consultations.api import me

urlpatterns = [
    path(
        "me/consultations/<int:consultation_id>/comments/",
        me.CommentCreate.as_view(),
        name="me_comment_create",
    ),
    path(
        "me/consultations/<int:consultation_id>/follow/",
        me.Follow.as_view(),
        name="me_follow",
    ),
    path(
        "me/comments/<int:comment_id>/support/",
        me.CommentSupport.as_view(),
        name="me_comment_support",
    ),
    path("me/follows/", me.MyFollows.as_view(), name="me_follows"),
]
