"""Consultations' endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from consultations.api import public

urlpatterns = [
    path("consultations/", public.ConsultationList.as_view(), name="consultation_list"),
    path(
        "consultations/<int:pk>/",
        public.ConsultationDetail.as_view(),
        name="consultation_detail",
    ),
    path(
        "consultations/<int:pk>/comments/",
        public.CommentList.as_view(),
        name="consultation_comments",
    ),
    path(
        "consultations/<int:pk>/results/",
        public.ConsultationResults.as_view(),
        name="consultation_results",
    ),
    path(
        "answer-rates/units/",
        public.UnitAnswerRates.as_view(),
        name="answer_rates_units",
    ),
    path(
        "answer-rates/months/",
        public.MonthlyAnswerRates.as_view(),
        name="answer_rates_months",
    ),
    path("evaluations/", public.EvaluationList.as_view(), name="evaluation_list"),
    path(
        "evaluations/<int:pk>/",
        public.EvaluationDetail.as_view(),
        name="evaluation_detail",
    ),
]
