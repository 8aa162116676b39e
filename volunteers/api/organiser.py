"""Organisers' screens through the API (/api/v1/organiser/…): a shift's roster
and the pending approvals, and approving hours. The same selectors, services and
access log as volunteers/views/roster.py and views/service_records.py: only the
organising unit's organisers (and staff), with two-factor; an organiser never
approves their own hours nor times they typed by hand (``records_approve``)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from home.access_log import AccessRecord, access_record
from home.api_tokens.endpoints import OrganiserEndpoint
from volunteers.api import me_serializers as shapes
from volunteers.models import ServiceRecord
from volunteers.selectors import hours as hour_selectors
from volunteers.selectors import roster as roster_selectors
from volunteers.services import records as record_services

TAGS = ["organiser"]


def _require_organiser(user) -> None:
    if not hour_selectors.user_is_organiser(user=user):
        raise PermissionDenied(
            _(
                "Only the organisers of a unit that runs activities review service "
                "records."
            )
        )


class ShiftRoster(OrganiserEndpoint):
    @extend_schema(tags=TAGS, responses={200: shapes.ShiftRosterSerializer})
    def get(self, request, shift_id):
        """A shift's roster: confirmed, waitlisted and absent volunteers (names
        and masked phones). Each look is recorded in the volunteers' access log."""
        shift = roster_selectors.organiser_shift(user=request.user, shift_id=shift_id)
        rosters = roster_selectors.activity_roster(
            activity=shift.activity, now=timezone.now()
        )
        roster = next(r for r in rosters if r.shift.pk == shift.pk)
        access_record(
            viewer=request.user,
            subjects=(
                signup.volunteer.user_id
                for group in ("confirmed", "waitlisted", "no_show")
                for signup in getattr(roster, group)
            ),
            what=AccessRecord.What.ROSTER,
            unit=shift.activity.unit,
            detail=shift.activity.title,
            request=request,
        )
        return Response(shapes.ShiftRosterSerializer(roster).data)


class PendingApprovals(OrganiserEndpoint, ListAPIView):
    serializer_class = shapes.PendingRecordSerializer

    @extend_schema(tags=TAGS)
    def get(self, request, *args, **kwargs):
        """Service records awaiting my approval, in the units I organise."""
        _require_organiser(request.user)
        page = self.paginate_queryset(self.get_queryset())
        access_record(
            viewer=request.user,
            subjects=(record.volunteer.user_id for record in page),
            what=AccessRecord.What.SERVICE_RECORD,
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's own look
            return ServiceRecord.objects.none()
        return hour_selectors.pending_records(user=self.request.user)


class ApproveRecords(OrganiserEndpoint):
    @extend_schema(
        tags=TAGS,
        request=shapes.ApproveSerializer,
        responses={200: shapes.ApprovedSerializer},
    )
    def post(self, request):
        """Approve service records, all or none. A record longer than its shift
        needs two organisers: the first approval leaves it awaiting the second."""
        _require_organiser(request.user)
        body = shapes.ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        done = record_services.records_approve(
            actor=request.user, record_ids=body.validated_data["records"]
        )
        approved = [r.pk for r in done if r.status == ServiceRecord.Status.APPROVED]
        waiting = [r.pk for r in done if r.status == ServiceRecord.Status.PENDING]
        return Response(
            shapes.ApprovedSerializer(
                {"approved": approved, "awaiting_second_approval": waiting}
            ).data
        )
