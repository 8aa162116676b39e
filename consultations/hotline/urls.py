"""The hotline's pages, under /requests/ (and /me/requests/), in both languages.
The admin screens are registered in wagtail_hooks.py."""

from django.urls import path

from .views import operators, photos, public, resident, units

app_name = "hotline"

urlpatterns = [
    path("me/requests/", resident.my_requests, name="my_requests"),
    # A resident's request, and a caller's lookup by reference and code.
    path("requests/new/", resident.request_new, name="request_new"),
    path("requests/lookup/", resident.request_lookup, name="lookup"),
    # Public: the board of public requests and the yearly table per unit.
    path("requests/board/", public.board, name="board"),
    path("requests/annual/", public.annual, name="annual"),
    # Staff: a unit's queue, the operators' calls, the dispatch desk, the city.
    path("requests/queue/", units.queue, name="queue"),
    path("requests/queue/<str:reference>/", units.queue_item, name="queue_item"),
    path(
        "requests/queue/<str:reference>/<slug:action>/",
        units.queue_action,
        name="queue_action",
    ),
    path("requests/operator/new/", operators.operator_new, name="operator_new"),
    path(
        "requests/operator/<str:reference>/follow-up/",
        operators.follow_up,
        name="follow_up",
    ),
    path("requests/dispatch/", operators.dispatch, name="dispatch"),
    path(
        "requests/dispatch/<str:reference>/<slug:action>/",
        operators.dispatch_action,
        name="dispatch_action",
    ),
    path("requests/dashboard/", public.dashboard, name="dashboard"),
    # Photos, through the access check (they have no public URL).
    path(
        "requests/photos/<slug:kind>/<int:pk>/",
        photos.photo,
        name="photo",
    ),
    # The resident's page of one request (last: the names above come first).
    path("requests/<str:reference>/", resident.request_detail, name="request_detail"),
    path("requests/<str:reference>/rate/", resident.request_rate, name="request_rate"),
]
