"""What the public API shows of volunteering: activities with their shifts and
places left, and the leaderboards — volunteers named only when they opted in
(``Volunteer.show_on_leaderboards``, as on the site)."""

from rest_framework import serializers

from home.api.serializers import UnitRefSerializer
from volunteers.models import ActivityPage, Shift
from volunteers.selectors.activities import attach_shifts


class ShiftSerializer(serializers.ModelSerializer):
    places_left = serializers.IntegerField()
    confirmed_count = serializers.IntegerField()
    waitlist_count = serializers.IntegerField()

    class Meta:
        model = Shift
        fields = [
            "id",
            "role",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed_count",
            "places_left",
            "waitlist_count",
        ]


class ActivitySerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()
    district = serializers.SerializerMethodField()
    category_display = serializers.CharField(source="get_category_display")
    phase = serializers.SerializerMethodField()
    shifts = ShiftSerializer(many=True, source="prefetched_shifts")
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityPage
        fields = [
            "id",
            "title",
            "url",
            "unit",
            "category",
            "category_display",
            "summary",
            "district",
            "place",
            "signup_opens_at",
            "signup_closes_at",
            "required_skills",
            "minimum_age",
            "phase",
            "shifts",
        ]

    def get_district(self, activity) -> str | None:
        return activity.district.code if activity.district_id else None

    def get_phase(self, activity) -> str:
        attach_shifts([activity])
        return activity.phase

    def get_url(self, activity) -> str:
        return activity.get_url() or ""


class ActivityDetailSerializer(ActivitySerializer):
    description = serializers.CharField(help_text="HTML")

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "description"]


class LeaderboardRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    name = serializers.CharField(
        help_text="A volunteer's name only if they opted in; else 'A volunteer'"
    )
    named = serializers.BooleanField()
    hours = serializers.DecimalField(max_digits=10, decimal_places=1)
    points = serializers.IntegerField()
