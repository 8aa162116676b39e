"""What the public API shows of the core's data: never an email address or a
private person's name (units' contact e-mails and phones stay on the site)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from home.models import (
    District,
    Facility,
    FacilityOpeningHours,
    OpenDataFile,
    PledgeItem,
    PledgePage,
    PledgeReport,
    PledgeReportItem,
    Unit,
)
from home.pledges import selectors as pledge_selectors


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["code", "name"]


class UnitSerializer(serializers.ModelSerializer):
    district = DistrictSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "slug",
            "name",
            "kind",
            "kind_display",
            "district",
            "address",
            "website",
            "description",
            "is_verified",
            "member_count",
            "url",
        ]

    def get_url(self, unit) -> str:
        return unit.get_absolute_url()


class UnitRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PledgeItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PledgeItem
        fields = ["id", "category", "title", "target", "due_date"]


class PledgeSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()
    status = serializers.CharField(source="lifecycle")
    status_display = serializers.CharField(source="lifecycle_label")
    items = PledgeItemSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = PledgePage
        fields = [
            "id",
            "title",
            "url",
            "unit",
            "year",
            "signatory",
            "signed_on",
            "report_deadline",
            "status",
            "status_display",
            "items",
        ]

    def get_url(self, page) -> str:
        return page.get_url() or ""


class PledgeProgressSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField()

    class Meta:
        model = PledgeReportItem
        fields = ["item_id", "completion_percent", "achieved", "narrative"]


class PledgeReportSerializer(serializers.ModelSerializer):
    progress = PledgeProgressSerializer(many=True, source="item_progress")

    class Meta:
        model = PledgeReport
        fields = ["id", "title", "summary", "is_annual", "published_at", "progress"]


class PledgeDetailSerializer(PledgeSerializer):
    preamble = serializers.CharField(help_text="HTML")
    reports = serializers.SerializerMethodField()

    class Meta(PledgeSerializer.Meta):
        fields = [*PledgeSerializer.Meta.fields, "preamble", "reports"]

    @extend_schema_field(PledgeReportSerializer(many=True))
    def get_reports(self, page):
        reports = pledge_selectors.pledge_reports_timeline(pledge=page)
        return PledgeReportSerializer(reports, many=True).data


class OpeningHoursSerializer(serializers.ModelSerializer):
    # Local times of day (Asia/Shanghai), "HH:MM:SS": OpenAPI's "time" format
    # would need an offset.
    opens = serializers.CharField(help_text="HH:MM:SS, Asia/Shanghai")
    closes = serializers.CharField(help_text="HH:MM:SS, Asia/Shanghai")

    class Meta:
        model = FacilityOpeningHours
        fields = ["weekday", "opens", "closes"]


class FacilitySerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()
    district = DistrictSerializer()
    opening_hours = OpeningHoursSerializer(many=True, source="hours_list")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "kind",
            "url",
            "unit",
            "district",
            "address",
            "description",
            "rules",
            "capacity",
            "slot_minutes",
            "booking_horizon_days",
            "opening_hours",
        ]

    def get_url(self, facility) -> str:
        return facility.get_absolute_url()


class FreeSlotSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class FreeDaySerializer(serializers.Serializer):
    day = serializers.DateField()
    free_slots = FreeSlotSerializer(many=True)


class FacilityDetailSerializer(FacilitySerializer):
    schedule = FreeDaySerializer(many=True, help_text="Days with free slots")

    class Meta(FacilitySerializer.Meta):
        fields = [*FacilitySerializer.Meta.fields, "schedule"]


class OpenDataFileSerializer(serializers.ModelSerializer):
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = OpenDataFile
        fields = [
            "dataset",
            "title_zh",
            "title_en",
            "format",
            "url",
            "rows",
            "size",
            "sha256",
            "published_at",
        ]

    def get_url(self, file) -> str:
        return file.file.url
