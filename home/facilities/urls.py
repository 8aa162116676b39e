"""Routes of open facilities, included in home/urls.py (namespace ``home``)."""

from django.urls import path

from home.facilities import manage_views, views

urlpatterns = [
    path("facilities/", views.facility_list, name="facility_list"),
    path("facilities/<int:pk>/", views.facility_detail, name="facility_detail"),
    path(
        "facilities/bookings/<int:pk>/cancel/",
        views.booking_cancel,
        name="facility_booking_cancel",
    ),
    path(
        "facilities/bookings/<int:pk>/booking.ics",
        views.booking_ics,
        name="facility_booking_ics",
    ),
    path(
        "facilities/calendar/<str:token>.ics",
        views.booking_calendar_feed,
        name="facility_booking_calendar",
    ),
    path(
        "facilities/calendar/new-link/",
        views.booking_calendar_reset,
        name="facility_booking_calendar_reset",
    ),
    path(
        "facilities/calendar/turn-off/",
        views.booking_calendar_revoke,
        name="facility_booking_calendar_revoke",
    ),
    path(
        "units/<str:slug>/facilities/",
        manage_views.unit_facilities,
        name="unit_facilities",
    ),
    path(
        "units/<str:slug>/facilities/new/",
        manage_views.unit_facility_create,
        name="unit_facility_create",
    ),
    path(
        "units/<str:slug>/facilities/<int:pk>/edit/",
        manage_views.unit_facility_edit,
        name="unit_facility_edit",
    ),
    path(
        "units/<str:slug>/facilities/<int:pk>/active/",
        manage_views.unit_facility_set_active,
        name="unit_facility_set_active",
    ),
    path(
        "units/<str:slug>/bookings/",
        manage_views.unit_bookings,
        name="unit_bookings",
    ),
    path(
        "units/<str:slug>/bookings/<int:pk>/approve/",
        manage_views.unit_booking_approve,
        name="unit_booking_approve",
    ),
    path(
        "units/<str:slug>/bookings/<int:pk>/decline/",
        manage_views.unit_booking_decline,
        name="unit_booking_decline",
    ),
]
