"""Volunteering's public endpoints: activities with their shifts and places
left, and the leaderboards (volunteers.selectors)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from home.api.views import PublicDetailView, PublicListView, PublicView
from volunteers.api.filters import ActivityFilter, public_activities
from volunteers.api.serializers import (
    ActivityDetailSerializer,
    ActivitySerializer,
    LeaderboardRowSerializer,
)
from volunteers.models import ActivityPage
from volunteers.selectors import leaderboards


class ActivityList(PublicListView):
    """Live, public activities, newest first, filtered as on the index page,
    each with its shifts and the places left in each."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering = ("-pk",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ActivityPage.objects.none()
        return public_activities()


class ActivityDetail(PublicDetailView):
    """One activity with its description and shifts."""

    serializer_class = ActivityDetailSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ActivityPage.objects.none()
        return public_activities()


def _choice(params, name, options):
    value = params.get(name, "")
    if not value:
        return next(iter(options))
    if value not in options:
        raise ValidationError({name: f"One of: {', '.join(options)}"})
    return value


@extend_schema(
    parameters=[
        OpenApiParameter("scope", str, enum=list(leaderboards.SCOPES)),
        OpenApiParameter("period", str, enum=list(leaderboards.PERIODS)),
        OpenApiParameter("metric", str, enum=list(leaderboards.METRICS)),
    ],
    responses=LeaderboardRowSerializer(many=True),
)
class Leaderboard(PublicView):
    """One leaderboard (the top 50): volunteers, teams, units or districts by
    hours or points, this month, this year or all time. Volunteers who have not
    opted in are ranked but not named."""

    serializer_class = LeaderboardRowSerializer
    queryset = ActivityPage.objects.none()

    def answer(self, request):
        params = request.query_params
        rows = leaderboards.leaderboard(
            scope=_choice(params, "scope", leaderboards.SCOPES),
            period=_choice(params, "period", leaderboards.PERIODS),
            metric=_choice(params, "metric", leaderboards.METRICS),
        )
        return Response(self.get_serializer(rows, many=True).data)
