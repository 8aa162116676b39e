"""Optional survey questions on a consultation, and residents' responses."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey


class SurveyQuestion(Orderable):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "rating", _("Rating 1–5")
        TEXT = "text", _("Free text")

    consultation = ParentalKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="survey_questions",
    )
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    prompt = models.CharField(_("Question"), max_length=300)
    choices = models.TextField(
        _("Choices"), blank=True, help_text=_("One choice per line (choice questions).")
    )
    required = models.BooleanField(_("Required"), default=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("prompt"),
        FieldPanel("choices"),
        FieldPanel("required"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Survey question")
        verbose_name_plural = _("Survey questions")

    def __str__(self):
        return self.prompt

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyResponse(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Survey response")
        verbose_name_plural = _("Survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="survey_one_response_per_resident"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.consultation_id}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    choices = models.JSONField(_("Chosen"), default=list, blank=True)
    rating = models.PositiveSmallIntegerField(_("Rating"), null=True, blank=True)
    text = models.TextField(_("Answer"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("Survey answer")
        verbose_name_plural = _("Survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=1, rating__lte=5),
                name="survey_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.response_id}"
