"""The shapes of a volunteer's own data and an organiser's screens in the API
(volunteers/api/me.py, volunteers/api/organiser.py): output only, built from
what the selectors return. Never an ID number or a full phone number."""

from rest_framework import serializers

from volunteers.models import Certificate, ServiceRecord, Signup
from volunteers.service_hours import hours_from_minutes


class ShiftBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity_id = serializers.IntegerField()
    activity_title = serializers.CharField(source="activity.title")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class SignupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Signup.Status.choices)
    shift = ShiftBriefSerializer()
    created_at = serializers.DateTimeField()
    waitlist_position = serializers.IntegerField(allow_null=True, default=None)
    can_cancel = serializers.BooleanField(allow_null=True, default=None)


class MySignupsSerializer(serializers.Serializer):
    upcoming = SignupSerializer(many=True)
    waitlisted = SignupSerializer(many=True)
    past = SignupSerializer(many=True)


class SignupCreateSerializer(serializers.Serializer):
    shift = serializers.IntegerField(min_value=1)


class CheckinSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=200, help_text="The code from the shift's QR code (or its URL)."
    )
    action = serializers.ChoiceField(choices=["checkin", "checkout"])


class ServiceRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ServiceRecord.Status.choices)
    shift = ShiftBriefSerializer()
    unit_name = serializers.CharField(source="unit.name")
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    minutes = serializers.IntegerField()
    hours = serializers.SerializerMethodField()

    def get_hours(self, record) -> str:
        return str(hours_from_minutes(record.minutes))


class CheckinResultSerializer(serializers.Serializer):
    created = serializers.BooleanField()
    record = ServiceRecordSerializer()


class VolunteerSummarySerializer(serializers.Serializer):
    status = serializers.CharField()
    green_ribbon_number = serializers.CharField(allow_blank=True)
    approved_minutes = serializers.IntegerField()
    approved_hours = serializers.CharField()
    points_balance = serializers.IntegerField()
    points_earned = serializers.IntegerField()
    star_level = serializers.IntegerField()
    next_star_level = serializers.IntegerField(allow_null=True)
    hours_to_next_star = serializers.CharField(allow_null=True)


class PointsEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    points = serializers.IntegerField()
    reason = serializers.CharField(source="get_kind_display")


class CertificateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=Certificate.Status.choices)
    issuer_name = serializers.CharField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    total_minutes = serializers.IntegerField()
    issued_on = serializers.DateField()
    ready = serializers.SerializerMethodField()

    def get_ready(self, certificate) -> bool:
        return bool(certificate.file)


class CertificateRequestSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    unit = serializers.IntegerField(required=False, allow_null=True, min_value=1)


# Organisers ---------------------------------------------------------------------


class RosterSignupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Signup.Status.choices)
    volunteer_id = serializers.IntegerField()
    name = serializers.CharField(source="volunteer.real_name")
    phone = serializers.CharField(source="volunteer.masked_phone", allow_blank=True)


class ShiftRosterSerializer(serializers.Serializer):
    shift = ShiftBriefSerializer()
    confirmed = RosterSignupSerializer(many=True)
    waitlisted = RosterSignupSerializer(many=True)
    no_show = RosterSignupSerializer(many=True)


class PendingRecordSerializer(ServiceRecordSerializer):
    volunteer_name = serializers.CharField(source="volunteer.real_name")
    longer_than_shift = serializers.BooleanField()
    needs_second_approval = serializers.SerializerMethodField()

    def get_needs_second_approval(self, record) -> bool:
        return bool(record.first_approved_by_id)


class ApproveSerializer(serializers.Serializer):
    records = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=200
    )


class ApprovedSerializer(serializers.Serializer):
    approved = serializers.ListField(child=serializers.IntegerField())
    awaiting_second_approval = serializers.ListField(child=serializers.IntegerField())
