"""The signed-in person through the API: who I am, and my facility bookings
(the same selector as the account page, home/facilities/selectors.py)."""

from django.utils import timezone

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from home.api_tokens.endpoints import PersonalEndpoint
from home.facilities.selectors import user_bookings
from home.models import BookingStatus, PersonalAccessToken

TAGS = ["me"]


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(allow_blank=True)
    email = serializers.EmailField(allow_blank=True)
    token_scope = serializers.CharField(
        allow_null=True, help_text="read or write for a personal access token."
    )


class BookingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    facility_id = serializers.IntegerField()
    facility_name = serializers.CharField(source="facility.name")
    unit_name = serializers.CharField(source="facility.unit.name")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    people = serializers.IntegerField()
    purpose = serializers.CharField()
    status = serializers.ChoiceField(choices=BookingStatus.choices)


class MyBookingsSerializer(serializers.Serializer):
    upcoming = BookingSerializer(many=True)
    recent = BookingSerializer(many=True)


class Me(PersonalEndpoint):
    @extend_schema(tags=TAGS, responses={200: MeSerializer})
    def get(self, request):
        """The signed-in account."""
        token = request.auth if isinstance(request.auth, PersonalAccessToken) else None
        return Response(
            MeSerializer(
                {
                    "id": request.user.pk,
                    "display_name": request.user.display_name or "",
                    "email": request.user.email or "",
                    "token_scope": token.scope if token else None,
                }
            ).data
        )


class MyBookings(PersonalEndpoint):
    @extend_schema(tags=TAGS, responses={200: MyBookingsSerializer})
    def get(self, request):
        """My facility bookings: upcoming (requested or approved) and the last
        30 days' others."""
        bookings = user_bookings(user=request.user, now=timezone.now(), limit=50)
        return Response(MyBookingsSerializer(bookings).data)
