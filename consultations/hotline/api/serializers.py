"""What the public API shows of the 12319 line: the anonymised board (never
a name, phone, account or lookup code; the resident's own words stay on the
site) and each unit's yearly figures. Photos only as on the board: links to
the photo view, for public requests whose resident agreed."""

from django.urls import reverse

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consultations.hotline.models import Reply, Request


def _photo_urls(kind, photos) -> list[str]:
    return [
        reverse("hotline:photo", kwargs={"kind": kind, "pk": photo.pk})
        for photo in photos
    ]


class HotlineReplySerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name")
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Reply
        fields = ["round", "unit", "body", "created_at", "on_time", "photos"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_photos(self, reply) -> list[str]:
        if not self.context.get("photos_public"):
            return []
        return _photo_urls("reply", reply.photos.all())


class HotlineRequestSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")
    district = serializers.SerializerMethodField()
    handling_unit = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display")
    photos = serializers.SerializerMethodField()
    replies = serializers.SerializerMethodField()

    class Meta:
        model = Request
        fields = [
            "reference",
            "category",
            "district",
            "handling_unit",
            "status",
            "status_display",
            "created_at",
            "replied_at",
            "closed_at",
            "photos",
            "replies",
        ]

    def get_district(self, request) -> str:
        return request.district.name if request.district_id else ""

    def get_handling_unit(self, request) -> str:
        return request.handling_unit.name if request.handling_unit_id else ""

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_photos(self, request) -> list[str]:
        if not request.photos_public:
            return []
        return _photo_urls("request", request.photos.all())

    @extend_schema_field(HotlineReplySerializer(many=True))
    def get_replies(self, request):
        context = {**self.context, "photos_public": request.photos_public}
        return HotlineReplySerializer(
            request.replies.all(), many=True, context=context
        ).data


class HotlineUnitYearSerializer(serializers.Serializer):
    """consultations.hotline.selectors.annual_table: one unit's year."""

    unit = serializers.SerializerMethodField()
    received = serializers.IntegerField(
        help_text="Requests the unit handles, or replied to before they went on "
        "to another unit (a dissatisfied rating reopens to the district platform)."
    )
    replied = serializers.IntegerField(
        help_text="Requests among `received` the unit replied to."
    )
    on_time = serializers.IntegerField(
        help_text="Requests among `replied` answered within their time limit."
    )
    closed = serializers.IntegerField(
        help_text="Closed requests among those the unit handles now."
    )
    rated = serializers.IntegerField(help_text="Ratings of the unit's replies.")
    satisfied = serializers.IntegerField(
        help_text="Ratings among `rated` that are 满意 or 基本满意."
    )
    on_time_rate = serializers.FloatField(
        allow_null=True, help_text="on_time / replied, in per cent; null without data."
    )
    satisfaction_rate = serializers.FloatField(
        allow_null=True, help_text="satisfied / rated, in per cent; null without data."
    )

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
        }
    )
    def get_unit(self, row) -> dict:
        return {"slug": row["unit"].slug, "name": row["unit"].name}
