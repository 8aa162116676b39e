"""Public evaluation (公众评价): residents rate units' work in evaluation periods."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel


class EvaluationPeriod(ClusterableModel):
    title = models.CharField(_("Title"), max_length=100)
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    units = ParentalManyToManyField(
        "home.Unit", verbose_name=_("Units rated"), related_name="evaluation_periods"
    )
    scorecards_published = models.BooleanField(_("Scorecards published"), default=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("units"),
        FieldPanel("scorecards_published"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("Evaluation period")
        verbose_name_plural = _("Evaluation periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="evaluation_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.starts_at <= timezone.now() < self.ends_at


class UnitRating(models.Model):
    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="ratings"
    )
    unit = models.ForeignKey(
        "home.Unit", on_delete=models.CASCADE, related_name="ratings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("Score"))
    comment = models.TextField(_("Comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unit rating")
        verbose_name_plural = _("Unit ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "user"], name="unit_rating_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="unit_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.unit_id}: {self.score}"
