"""The core's endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from home.api import public

urlpatterns = [
    path("units/", public.UnitList.as_view(), name="unit_list"),
    path("units/<str:slug>/", public.UnitDetail.as_view(), name="unit_detail"),
]
