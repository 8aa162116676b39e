"""Every URL of ``home`` (namespace ``home``), in one place.

The pages of the page tree (home, standard pages, the pledge directory, each
unit's pledges and each pledge with its ``pdf/`` and ``report/`` routes) are
served by Wagtail and are not listed here; neither is residents' feedback on a
pledge, which the consultations app routes. Open facilities are listed here
rather than included from their package so that the whole map reads top to
bottom, and so that ``units/<slug>/…`` routes of both parts sit together."""

from django.urls import include, path

from home import views
from home.account_closure import views as closure_views
from home.consent import views as consent_views
from home.data_export import views as data_export_views
from home.display_mode import views as display_mode_views
from home.facilities import manage_views
from home.facilities import views as facility_views

app_name = "home"

urlpatterns = [
    # The account page.
    path("me/", views.dashboard, name="dashboard"),
    path("me/participation/", views.participation, name="participation"),
    path("me/account/", views.account_settings, name="account_settings"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/access-log/", views.my_access_log, name="my_access_log"),
    # Download my data: ask, watch the progress, download (the owner only).
    path("me/data-export/", data_export_views.data_export, name="data_export"),
    path(
        "me/data-export/request/",
        data_export_views.data_export_request,
        name="data_export_request",
    ),
    path(
        "me/data-export/<int:export_id>/download/",
        data_export_views.data_export_download,
        name="data_export_download",
    ),
    # The site inbox (站内信) and the channels chosen per kind of notice.
    path("me/inbox/", include("home.inbox.urls")),
    path("me/consent/", consent_views.consent_review, name="consent"),
    path("me/close-account/", closure_views.close_account, name="close_account"),
    path(
        "me/close-account/cancel/",
        closure_views.close_account_cancel,
        name="close_account_cancel",
    ),
    # Units: the public directory and profiles, and members (for the unit's admins).
    path("open-data/", views.open_data, name="open_data"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<str:slug>/", views.unit_detail, name="unit_detail"),
    path("units/<str:slug>/members/", views.unit_members, name="unit_members"),
    path(
        "units/<str:slug>/members/<int:membership_id>/remove/",
        views.unit_member_remove,
        name="unit_member_remove",
    ),
    path("search/", views.search, name="search"),
    # Elder mode on or off (a cookie), back to the page the visitor was on.
    path("display-mode/", display_mode_views.display_mode_set, name="display_mode"),
    # Open facilities: residents browse, book, cancel and subscribe.
    path("facilities/", facility_views.facility_list, name="facility_list"),
    path(
        "facilities/<int:pk>/", facility_views.facility_detail, name="facility_detail"
    ),
    path(
        "facilities/bookings/<int:pk>/cancel/",
        facility_views.booking_cancel,
        name="facility_booking_cancel",
    ),
    path(
        "facilities/bookings/<int:pk>/booking.ics",
        facility_views.booking_ics,
        name="facility_booking_ics",
    ),
    path(
        "facilities/calendar/<str:token>.ics",
        facility_views.booking_calendar_feed,
        name="facility_booking_calendar",
    ),
    path(
        "facilities/calendar/new-link/",
        facility_views.booking_calendar_reset,
        name="facility_booking_calendar_reset",
    ),
    path(
        "facilities/calendar/turn-off/",
        facility_views.booking_calendar_revoke,
        name="facility_booking_calendar_revoke",
    ),
    # Open facilities: the unit's managers edit facilities and decide bookings.
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
