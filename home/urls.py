from django.urls import path

from home import views
from home.facilities.urls import urlpatterns as facility_urlpatterns

app_name = "home"

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<str:slug>/", views.unit_detail, name="unit_detail"),
    path("units/<str:slug>/members/", views.unit_members, name="unit_members"),
    path(
        "units/<str:slug>/members/<int:membership_id>/remove/",
        views.unit_member_remove,
        name="unit_member_remove",
    ),
    path("search/", views.search, name="search"),
    *facility_urlpatterns,
]
