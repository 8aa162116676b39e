"""Volunteering's endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from volunteers.api import public

urlpatterns = [
    path("activities/", public.ActivityList.as_view(), name="activity_list"),
    path(
        "activities/<int:pk>/",
        public.ActivityDetail.as_view(),
        name="activity_detail",
    ),
    path("leaderboards/", public.Leaderboard.as_view(), name="leaderboard"),
]
