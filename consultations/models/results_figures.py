"""The figures of a consultation's results, computed once when the results are
published (consultations/services/results.py) instead of on every view of the
page: the counts per clause and per outcome and the median time to answer.

Operational state, not content: a plain row beside the page, never in its
revisions (docs: "revisions restore everything"). A change to what they count
(a comment or reply saved or deleted) deletes the row; the next reader computes
and stores it again."""

from django.db import models


class ConsultationResultsFigures(models.Model):
    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="results_figures",
    )
    # {"clause_counts": {clause_id: n}, "outcome_counts": {outcome: n},
    #  "median_seconds": float | None}
    figures = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = "consultation results figures"

    def __str__(self):
        return f"results figures of {self.consultation_id}"
