"""The core's endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from home.api import public

urlpatterns = [
    path("units/", public.UnitList.as_view(), name="unit_list"),
    path("units/<str:slug>/", public.UnitDetail.as_view(), name="unit_detail"),
    path("pledges/", public.PledgeList.as_view(), name="pledge_list"),
    path("pledges/<int:pk>/", public.PledgeDetail.as_view(), name="pledge_detail"),
    path("facilities/", public.FacilityList.as_view(), name="facility_list"),
    path("open-data/", public.OpenDataFiles.as_view(), name="open_data_files"),
    path(
        "facilities/<int:pk>/",
        public.FacilityDetail.as_view(),
        name="facility_detail",
    ),
]
