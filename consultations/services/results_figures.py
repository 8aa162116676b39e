"""Keeping the stored results figures (``ConsultationResultsFigures``) true: they
are computed when the results are published, and forgotten whenever what they
count changes (a comment or reply saved or deleted, a moderation decision, an
appeal granted); the next reader computes and stores them again."""

from django.utils import timezone

from consultations.models import ConsultationPage, ConsultationResultsFigures
from consultations.selectors.results import results_figures_compute


def results_figures_forget(*, consultation_id: int | None) -> None:
    """Drop the stored figures of a consultation (one DELETE, none stored: none
    deleted)."""
    if consultation_id is not None:
        ConsultationResultsFigures.objects.filter(
            consultation_id=consultation_id
        ).delete()


def results_figures_store(*, consultation: ConsultationPage) -> dict:
    """Compute the figures now and store them (replacing any stored ones)."""
    figures = results_figures_compute(consultation=consultation)
    ConsultationResultsFigures.objects.update_or_create(
        consultation=consultation,
        defaults={"figures": figures, "computed_at": timezone.now()},
    )
    return figures
