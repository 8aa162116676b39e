"""The 12319 line's endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from consultations.hotline.api import public

urlpatterns = [
    path("requests/", public.RequestList.as_view(), name="hotline_request_list"),
    path(
        "requests/units/",
        public.UnitYearFigures.as_view(),
        name="hotline_unit_figures",
    ),
]
