"""A volunteer's own data through the API (/api/v1/me/volunteer/…): sign-ups,
sign up and cancel, check in and out with a scanned code, hours, points, star
level and certificates. The same services, selectors, rate limits and refusals
as the site's pages (volunteers/models/activities.py, views/checkin.py,
views/points.py)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from home.access_log import AccessRecord, access_record
from home.api_tokens.endpoints import PersonalEndpoint
from home.limits import enforce
from volunteers.api import me_serializers as shapes
from volunteers.models import (
    Certificate,
    PointsEntry,
    ServiceRecord,
    Shift,
    Signup,
)
from volunteers.selectors import hours as hour_selectors
from volunteers.selectors import points as point_selectors
from volunteers.selectors.profiles import volunteer_for_user
from volunteers.selectors.signups import my_signups, waitlist_position
from volunteers.service_hours import hours_from_minutes
from volunteers.services import attendance
from volunteers.services import certificates as certificate_services
from volunteers.services import signups as signup_services

TAGS = ["me: volunteer"]


def _volunteer(request):
    volunteer = volunteer_for_user(user=request.user)
    if volunteer is None:
        raise PermissionDenied(_("Register as a Green Ribbon volunteer first."))
    return volunteer


def _scanned_token(code: str) -> str:
    """The token of a scanned code: the code itself, or the last part of the
    check-in URL the QR code holds (…/volunteers/checkin/<token>/)."""
    code = code.strip()
    if "/checkin/" in code:
        code = code.split("/checkin/", 1)[1].split("/", 1)[0]
    return code


class VolunteerSummary(PersonalEndpoint):
    @extend_schema(tags=TAGS, responses={200: shapes.VolunteerSummarySerializer})
    def get(self, request):
        """My volunteer summary: approved hours, points and star level."""
        volunteer = _volunteer(request)
        summary = point_selectors.points_summary(volunteer=volunteer)
        account, stars = summary["account"], summary["stars"]
        data = {
            "status": volunteer.status,
            "green_ribbon_number": volunteer.green_ribbon_number or "",
            "approved_minutes": account.approved_minutes,
            "approved_hours": str(hours_from_minutes(account.approved_minutes)),
            "points_balance": account.balance,
            "points_earned": account.earned_points,
            "star_level": stars["level"],
            "next_star_level": stars["next_level"],
            "hours_to_next_star": None
            if stars["hours_to_go"] is None
            else str(stars["hours_to_go"]),
        }
        return Response(shapes.VolunteerSummarySerializer(data).data)


class MySignups(PersonalEndpoint):
    @extend_schema(tags=TAGS, responses={200: shapes.MySignupsSerializer})
    def get(self, request):
        """My sign-ups: upcoming places, waitlist entries and past shifts."""
        signups = my_signups(volunteer=_volunteer(request), now=timezone.now())
        return Response(shapes.MySignupsSerializer(signups).data)

    @extend_schema(
        tags=TAGS,
        request=shapes.SignupCreateSerializer,
        responses={201: shapes.SignupSerializer},
    )
    def post(self, request):
        """Sign up for a shift: a place, or the waitlist when it is full."""
        body = shapes.SignupCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        volunteer = _volunteer(request)
        shift = get_object_or_404(
            Shift.objects.select_related("activity").filter(activity__live=True),
            pk=body.validated_data["shift"],
        )
        enforce("shift_signup", request=request)
        signup = signup_services.signup_create(volunteer=volunteer, shift=shift)
        signup.waitlist_position = waitlist_position(signup)
        return Response(
            shapes.SignupSerializer(signup).data, status=status.HTTP_201_CREATED
        )


class SignupCancel(PersonalEndpoint):
    @extend_schema(tags=TAGS, request=None, responses={200: shapes.SignupSerializer})
    def post(self, request, signup_id):
        """Cancel one of my sign-ups (before the shift's cancellation deadline)."""
        volunteer = _volunteer(request)
        # Someone else's sign-up is not found.
        signup = get_object_or_404(
            Signup.objects.select_related("shift__activity"),
            pk=signup_id,
            volunteer=volunteer,
        )
        enforce("shift_signup", request=request)
        signup_services.signup_cancel(volunteer=volunteer, signup=signup)
        signup.refresh_from_db()
        return Response(shapes.SignupSerializer(signup).data)


class Checkin(PersonalEndpoint):
    @extend_schema(
        tags=TAGS,
        request=shapes.CheckinSerializer,
        responses={200: shapes.CheckinResultSerializer},
    )
    def post(self, request):
        """Check in or out of a shift with the code scanned at the activity."""
        body = shapes.CheckinSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        shift_id = attendance.checkin_token_shift_id(
            token=_scanned_token(body.validated_data["code"])
        )
        shift = get_object_or_404(
            Shift.objects.select_related("activity", "activity__unit"), pk=shift_id
        )
        volunteer = _volunteer(request)
        if body.validated_data["action"] == "checkin":
            record, created = attendance.checkin(volunteer=volunteer, shift=shift)
        else:
            record, created = (
                attendance.checkout(volunteer=volunteer, shift=shift),
                False,
            )
        record = hour_selectors.volunteer_record(
            volunteer=volunteer, record_id=record.pk
        )
        return Response(
            shapes.CheckinResultSerializer({"created": created, "record": record}).data
        )


class MyServiceRecords(PersonalEndpoint, ListAPIView):
    serializer_class = shapes.ServiceRecordSerializer

    @extend_schema(tags=TAGS)
    def get(self, request, *args, **kwargs):
        """My service records (hours), newest first, with their status."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's own look
            return ServiceRecord.objects.none()
        return hour_selectors.volunteer_records(
            volunteer=_volunteer(self.request)
        ).select_related("shift__activity", "unit")


class MyPoints(PersonalEndpoint, ListAPIView):
    serializer_class = shapes.PointsEntrySerializer

    @extend_schema(tags=TAGS)
    def get(self, request, *args, **kwargs):
        """My points ledger, newest first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PointsEntry.objects.none()
        return point_selectors.points_history(volunteer=_volunteer(self.request))


class MyCertificates(PersonalEndpoint, ListAPIView):
    serializer_class = shapes.CertificateSerializer

    @extend_schema(tags=TAGS)
    def get(self, request, *args, **kwargs):
        """My certificates of service; ``ready`` once the PDF is made."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return point_selectors.my_certificates(volunteer=_volunteer(self.request))

    @extend_schema(
        tags=TAGS,
        request=shapes.CertificateRequestSerializer,
        responses={201: shapes.CertificateSerializer},
    )
    def post(self, request):
        """Ask for a certificate of my approved hours in a date range (the PDF
        is made in the background)."""
        body = shapes.CertificateRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        volunteer = _volunteer(request)
        unit = None
        if body.validated_data.get("unit"):
            unit = get_object_or_404(
                point_selectors.certificate_units(volunteer=volunteer),
                pk=body.validated_data["unit"],
            )
        certificate = certificate_services.certificate_request(
            volunteer=volunteer,
            date_from=body.validated_data["date_from"],
            date_to=body.validated_data["date_to"],
            unit=unit,
        )
        certificate.refresh_from_db()
        return Response(
            shapes.CertificateSerializer(certificate).data,
            status=status.HTTP_201_CREATED,
        )


class CertificatePdf(PersonalEndpoint):
    @extend_schema(
        tags=TAGS,
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    def get(self, request, certificate_id):
        """Download one of my certificates as PDF (404 until it is ready)."""
        certificate = point_selectors.certificate_for_download(
            user=request.user, certificate_id=certificate_id
        )
        if certificate is None or not certificate.file:
            raise Http404
        access_record(
            viewer=request.user,
            subjects=[certificate.volunteer.user_id],
            what=AccessRecord.What.CERTIFICATE,
            detail=certificate.number,
            request=request,
        )
        return FileResponse(
            certificate.file.open("rb"),
            as_attachment=True,
            filename=f"{certificate.number}.pdf",
            content_type="application/pdf",
        )
