"""What the public API shows of the core's data: never an email address or a
private person's name (units' contact e-mails and phones stay on the site)."""

from rest_framework import serializers

from home.models import District, Unit


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
