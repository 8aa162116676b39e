"""Consultations' public endpoints: consultations with their clauses, published
comments with official replies, results, answer rates and evaluations. Only what
the pages show to anyone: live pages without view restrictions, published
comments, scorecards once published (consultations.selectors)."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from consultations.api import serializers as api
from consultations.api.filters import ConsultationFilter, public_consultations
from consultations.models import Comment, ConsultationPage, EvaluationPeriod
from consultations.selectors import evaluations as evaluation_selectors
from consultations.selectors.answer_rates import (
    monthly_answer_rates,
    unit_answer_rates,
)
from consultations.selectors.comments import published_comments
from consultations.selectors.results import consultation_results
from home.api.views import PublicDetailView, PublicListView, PublicView
from home.models import Unit


class ConsultationList(PublicListView):
    """Live, public consultations, newest first, filtered as on the index page,
    each with its comment figures and answer rate."""

    serializer_class = api.ConsultationSerializer
    filterset_class = ConsultationFilter
    ordering = ("-pk",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, no request
            return ConsultationPage.objects.none()
        return public_consultations()


class ConsultationDetail(PublicDetailView):
    """One consultation with its clauses."""

    serializer_class = api.ConsultationDetailSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, no request
            return ConsultationPage.objects.none()
        return public_consultations()


def _consultation(pk):
    return get_object_or_404(public_consultations(), pk=pk)


@extend_schema(parameters=[OpenApiParameter("clause", str, description="A clause id")])
class CommentList(PublicListView):
    """A consultation's published comments, newest first, with the official
    replies and their outcomes; authors by the name the site shows."""

    serializer_class = api.CommentSerializer
    ordering = ("-created_at", "-pk")
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        self.consultation = _consultation(self.kwargs["pk"])
        return published_comments(
            consultation=self.consultation,
            clause_id=self.request.query_params.get("clause", "")[:64],
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["consultation"] = getattr(self, "consultation", None)
        return context


class ConsultationResults(PublicView):
    """A consultation's results once its comment period has closed (404 before):
    comments per clause, outcomes, answer rate, median time to answer."""

    serializer_class = api.ResultsSerializer
    queryset = ConsultationPage.objects.none()

    def answer(self, request, pk):
        results = consultation_results(consultation=_consultation(pk))
        if results is None:
            raise Http404
        return Response(self.get_serializer(results).data)


@extend_schema(responses=api.UnitAnswerRateSerializer(many=True))
class UnitAnswerRates(PublicView):
    """The city-wide table: each unit's comments owed an answer, answered,
    overdue, its answer rate and median time to answer (the best rates first)."""

    serializer_class = api.UnitAnswerRateSerializer
    queryset = Unit.objects.none()  # for the schema; the selector answers

    def answer(self, request):
        return Response(self.get_serializer(unit_answer_rates(), many=True).data)


@extend_schema(
    parameters=[OpenApiParameter("unit", str, description="A unit's slug")],
    responses=api.MonthlyAnswerRateSerializer(many=True),
)
class MonthlyAnswerRates(PublicView):
    """Comments owed an answer and answered per month, city-wide or one unit's."""

    serializer_class = api.MonthlyAnswerRateSerializer
    queryset = Unit.objects.none()

    def answer(self, request):
        unit = None
        if slug := request.query_params.get("unit", ""):
            unit = get_object_or_404(Unit, slug=slug[:100])
        rows = monthly_answer_rates(unit=unit)
        return Response(self.get_serializer(rows, many=True).data)


def _periods():
    groups = evaluation_selectors.evaluation_periods()
    periods = []
    for status, members in groups.items():
        for period in members:
            period.status = status
            periods.append(period)
    return periods


@extend_schema(responses=api.EvaluationPeriodSerializer(many=True))
class EvaluationList(PublicView):
    """Evaluation periods: current, upcoming, then past, newest first in each."""

    serializer_class = api.EvaluationPeriodSerializer
    queryset = EvaluationPeriod.objects.none()

    def answer(self, request):
        return Response(self.get_serializer(_periods(), many=True).data)


class EvaluationDetail(PublicView):
    """One period with its units; average scores once the scorecards are
    published."""

    serializer_class = api.EvaluationPeriodDetailSerializer
    queryset = EvaluationPeriod.objects.none()

    def answer(self, request, pk):
        period = next((p for p in _periods() if p.pk == pk), None)
        if period is None:
            raise Http404
        period.units_rated = evaluation_selectors.period_units(
            period=period, user=AnonymousUser()
        )
        data = self.get_serializer(period).data
        return Response(data)
