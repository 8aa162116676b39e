"""The 12319 line's public endpoints: the anonymised board of public requests
and the yearly "民有所呼、我有所应" figures per unit (hotline selectors)."""

from django.utils import timezone

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from consultations.hotline import selectors
from consultations.hotline.api import serializers as api
from consultations.hotline.models import Request
from home.api.views import PublicListView, PublicView


@extend_schema(
    parameters=[OpenApiParameter("category", str, description="A category's slug")]
)
class RequestList(PublicListView):
    """The requests their residents marked public, newest first, as on the
    board: no name, phone or lookup code; merged duplicates left out; photos
    (links) only where the resident agreed; the unit's answer."""

    serializer_class = api.HotlineRequestSerializer
    ordering = ("-pk",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Request.objects.none()
        category = self.request.query_params.get("category", "").strip()
        return selectors.public_board(category_slug=category or None)


@extend_schema(
    parameters=[OpenApiParameter("year", int, description="Default: this year")],
    responses=api.HotlineUnitYearSerializer(many=True),
)
class UnitYearFigures(PublicView):
    """Each unit's requests made in a year: received, replied (on time),
    closed, rated (satisfied), on-time and satisfaction rates (percentages,
    null without data); the most requests first."""

    serializer_class = api.HotlineUnitYearSerializer
    queryset = Request.objects.none()  # for the schema; the selector answers

    def answer(self, request):
        this_year = timezone.localtime().year
        raw = request.query_params.get("year", "") or str(this_year)
        if not raw.isdigit() or not 2000 <= int(raw) <= this_year:
            raise ValidationError({"year": f"A year from 2000 to {this_year}."})
        rows = selectors.annual_table(year=int(raw))
        return Response(self.get_serializer(rows, many=True).data)
