"""The front-end URL map of Green Ribbon volunteering, under /volunteers/.

Activity pages are Wagtail pages: the index, a unit's activities and an activity
are served by the page tree, and signing up for a shift or cancelling a sign-up
posts to routes on the activity page itself (``ActivityPage.shift_signup`` and
``ActivityPage.signup_cancel``), not to URLs listed here."""

from django.urls import path

from volunteers.views import (
    attendance,
    calendars,
    checkin,
    points,
    registration,
    roster,
    service_records,
    teams,
    withdrawal,
)

app_name = "volunteers"

urlpatterns = [
    # Registration, one's own profile, and reviewers' screens
    path("register/", registration.register, name="register"),
    path("me/", registration.profile, name="profile"),
    path("me/edit/", registration.profile_edit, name="profile_edit"),
    path("me/withdraw/", withdrawal.consent_withdraw, name="consent_withdraw"),
    path("review/", registration.review_list, name="review_list"),
    path(
        "review/<int:volunteer_id>/",
        registration.review_detail,
        name="review_detail",
    ),
    # Teams
    path("teams/", teams.team_list, name="team_list"),
    path("teams/<str:slug>/", teams.team_detail, name="team_detail"),
    path("teams/<str:slug>/join/", teams.team_join, name="team_join"),
    path("teams/<str:slug>/leave/", teams.team_leave, name="team_leave"),
    path("teams/<str:slug>/requests/", teams.team_requests, name="team_requests"),
    # Organisers' roster of an activity
    path("activities/<int:page_id>/roster/", roster.roster, name="roster"),
    path("activities/<int:page_id>/roster.csv", roster.roster_csv, name="roster_csv"),
    path(
        "activities/<int:page_id>/roster.xlsx", roster.roster_xlsx, name="roster_xlsx"
    ),
    path(
        "activities/<int:page_id>/roster/message/",
        roster.roster_message,
        name="roster_message",
    ),
    path(
        "activities/<int:page_id>/roster/signups/<int:signup_id>/no-show/",
        roster.roster_no_show,
        name="roster_no_show",
    ),
    path(
        "activities/<int:page_id>/roster/signups/<int:signup_id>/undo-no-show/",
        roster.roster_undo_no_show,
        name="roster_undo_no_show",
    ),
    # Calendar feeds
    path(
        "activities/<int:page_id>/calendar.ics",
        calendars.activity_calendar,
        name="activity_calendar",
    ),
    path(
        "shifts/<int:shift_id>/calendar.ics",
        calendars.shift_calendar,
        name="shift_calendar",
    ),
    path(
        "calendar/<str:token>.ics",
        calendars.volunteer_calendar,
        name="volunteer_calendar",
    ),
    path(
        "calendar/new-link/",
        calendars.volunteer_calendar_reset,
        name="volunteer_calendar_reset",
    ),
    # Check-in by QR code
    path(
        "shifts/<int:shift_id>/checkin-code/",
        checkin.checkin_code,
        name="checkin_code",
    ),
    path(
        "shifts/<int:shift_id>/checkin-code/current/",
        checkin.checkin_code_current,
        name="checkin_code_current",
    ),
    path("checkin/<str:token>/", checkin.checkin_scan, name="checkin_scan"),
    # Organisers' attendance of a shift
    path(
        "shifts/<int:shift_id>/attendance/",
        attendance.shift_attendance,
        name="shift_attendance",
    ),
    path(
        "shifts/<int:shift_id>/attendance/<int:volunteer_id>/",
        attendance.attendance_entry,
        name="attendance_entry",
    ),
    path(
        "shifts/<int:shift_id>/attendance/whole-shift/",
        attendance.attendance_whole_shift,
        name="attendance_whole_shift",
    ),
    # Service records: approval, corrections, one's own, units' exports
    path(
        "service-records/pending/",
        service_records.pending_approvals,
        name="pending_approvals",
    ),
    path(
        "service-records/<int:record_id>/",
        service_records.review_record,
        name="review_service_record",
    ),
    path(
        "service-records/corrections/<int:correction_id>/",
        service_records.correction_decide,
        name="correction_decide",
    ),
    path(
        "me/service-records/",
        service_records.my_records,
        name="my_service_records",
    ),
    path(
        "me/service-records/<int:record_id>/",
        service_records.my_record,
        name="my_service_record",
    ),
    path(
        "units/<slug:slug>/service-records.csv",
        service_records.export_csv,
        name="service_records_csv",
    ),
    path(
        "units/<slug:slug>/service-records.xlsx",
        service_records.export_xlsx,
        name="service_records_xlsx",
    ),
    # Points, certificates, rewards and leaderboards
    path("me/points/", points.points, name="points"),
    path("me/hours-per-month/", points.hours, name="hours_chart"),
    path("me/certificates/", points.certificates, name="certificates"),
    path(
        "me/certificates/<int:certificate_id>/download/",
        points.certificate_download,
        name="certificate_download",
    ),
    path("rewards/", points.rewards, name="rewards"),
    path(
        "rewards/<int:reward_id>/redeem/",
        points.reward_redeem,
        name="reward_redeem",
    ),
    path(
        "certificates/<str:token>/",
        points.certificate_verify,
        name="certificate_verify",
    ),
    path("leaderboards/", points.leaderboard, name="leaderboards"),
]
