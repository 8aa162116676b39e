"""A volunteer's and an organiser's endpoints under /api/v1/ (config/api.py)."""

from django.urls import path

from volunteers.api import me, organiser

urlpatterns = [
    path("me/volunteer/", me.VolunteerSummary.as_view(), name="me_volunteer"),
    path("me/signups/", me.MySignups.as_view(), name="me_signups"),
    path(
        "me/signups/<int:signup_id>/cancel/",
        me.SignupCancel.as_view(),
        name="me_signup_cancel",
    ),
    path("me/checkin/", me.Checkin.as_view(), name="me_checkin"),
    path(
        "me/service-records/", me.MyServiceRecords.as_view(), name="me_service_records"
    ),
    path("me/points/", me.MyPoints.as_view(), name="me_points"),
    path("me/certificates/", me.MyCertificates.as_view(), name="me_certificates"),
    path(
        "me/certificates/<int:certificate_id>/pdf/",
        me.CertificatePdf.as_view(),
        name="me_certificate_pdf",
    ),
    path(
        "organiser/shifts/<int:shift_id>/roster/",
        organiser.ShiftRoster.as_view(),
        name="organiser_shift_roster",
    ),
    path(
        "organiser/service-records/pending/",
        organiser.PendingApprovals.as_view(),
        name="organiser_pending_records",
    ),
    path(
        "organiser/service-records/approve/",
        organiser.ApproveRecords.as_view(),
        name="organiser_approve_records",
    ),
]
