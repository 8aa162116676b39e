"""What the public API shows of consultations: what their pages show. Comment
authors appear by the name the site shows (``Comment.author_label``: a display
name, masked if the author asked, "Resident" without one) — never an e-mail
address or an account id."""

from rest_framework import serializers

from consultations.models import (
    Comment,
    ConsultationPage,
    EvaluationPeriod,
    OfficialReply,
)
from consultations.selectors.answer_rates import answer_rate
from home.api.serializers import UnitRefSerializer


class NamedRefSerializer(serializers.Serializer):
    """A topic (slug, name) or a district (code, name)."""

    key = serializers.CharField()
    name = serializers.CharField()


def _named(value, key: str):
    return {"key": getattr(value, key), "name": value.name} if value else None


class ClauseSerializer(serializers.Serializer):
    id = serializers.CharField()
    number = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()


class ConsultationSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()
    topic = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()
    phase = serializers.CharField()
    phase_display = serializers.CharField(source="get_phase_display")
    published_comment_count = serializers.IntegerField()
    answered_comment_count = serializers.IntegerField()
    answer_rate = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = ConsultationPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "unit",
            "topic",
            "district",
            "summary",
            "phase",
            "phase_display",
            "opens_at",
            "closes_at",
            "reply_deadline",
            "results_published_at",
            "published_comment_count",
            "answered_comment_count",
            "answer_rate",
        ]

    def get_answer_rate(self, page) -> float | None:
        return answer_rate(
            published=page.published_comment_count,
            answered=page.answered_comment_count,
        )

    def get_url(self, page) -> str:
        return page.get_url() or ""

    def get_topic(self, page) -> NamedRefSerializer(allow_null=True):
        return _named(page.topic, "slug")

    def get_district(self, page) -> NamedRefSerializer(allow_null=True):
        return _named(page.district, "code")


class ConsultationDetailSerializer(ConsultationSerializer):
    clauses = ClauseSerializer(many=True, source="clause_list")

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "clauses"]


class ReplySerializer(serializers.ModelSerializer):
    outcome_display = serializers.CharField(source="get_outcome_display")

    class Meta:
        model = OfficialReply
        fields = ["outcome", "outcome_display", "body", "reason", "created_at"]


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author_label")
    clause_number = serializers.SerializerMethodField()
    reply = ReplySerializer(allow_null=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "clause_id",
            "clause_number",
            "author",
            "body",
            "support_count",
            "created_at",
            "reply",
        ]

    def get_clause_number(self, comment) -> str:
        return self.context["consultation"].clause_label(comment.clause_id)


class ClauseFigureSerializer(serializers.Serializer):
    clause_id = serializers.CharField()
    number = serializers.CharField()
    heading = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)


class OutcomeFigureSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)


class ResultsSerializer(serializers.Serializer):
    """consultations.selectors.results.ConsultationResults"""

    published_count = serializers.IntegerField()
    answered_count = serializers.IntegerField()
    answer_rate = serializers.FloatField(allow_null=True)
    median_answer_seconds = serializers.SerializerMethodField()
    clauses = ClauseFigureSerializer(many=True)
    outcomes = OutcomeFigureSerializer(many=True)
    is_published = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    summary = serializers.CharField(help_text="HTML")
    final_decision_url = serializers.SerializerMethodField()

    def get_median_answer_seconds(self, results) -> int | None:
        median = results.median_answer_time
        return int(median.total_seconds()) if median is not None else None

    def get_final_decision_url(self, results) -> str | None:
        document = results.final_decision
        return document.url if document is not None else None


class UnitAnswerRateSerializer(serializers.Serializer):
    """consultations.selectors.answer_rates.UnitAnswerRow"""

    unit = UnitRefSerializer()
    consultations = serializers.IntegerField()
    published = serializers.IntegerField()
    answered = serializers.IntegerField()
    overdue = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    median_answer_seconds = serializers.SerializerMethodField()

    def get_median_answer_seconds(self, row) -> int | None:
        return int(row.median.total_seconds()) if row.median is not None else None


class MonthlyAnswerRateSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM, Asia/Shanghai")
    published = serializers.IntegerField()
    answered = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class EvaluationUnitSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    average = serializers.FloatField(
        allow_null=True, help_text="Once the scorecards are published"
    )
    rating_count = serializers.IntegerField()


class EvaluationPeriodSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text="current, upcoming or past")
    unit_count = serializers.IntegerField()

    class Meta:
        model = EvaluationPeriod
        fields = [
            "id",
            "title",
            "starts_at",
            "ends_at",
            "status",
            "scorecards_published",
            "unit_count",
        ]


class EvaluationPeriodDetailSerializer(EvaluationPeriodSerializer):
    units = EvaluationUnitSerializer(many=True, source="units_rated")

    class Meta(EvaluationPeriodSerializer.Meta):
        fields = [*EvaluationPeriodSerializer.Meta.fields, "units"]
