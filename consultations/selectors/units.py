"""What consultations add to a unit's public profile (registered with
``home.extensions`` in ``ConsultationsConfig.ready``: home asks the registry,
never this app)."""

from consultations.selectors.answer_rates import removed_comments, unit_answer_rate
from consultations.selectors.evaluations import unit_evaluation_score
from home.models import Unit


def unit_profile_figures(*, unit: Unit) -> dict:
    """The unit's answer rate (None until at least one comment on its closed
    consultations counts) and its latest published evaluation score (or None)."""
    answer = unit_answer_rate(unit=unit)
    return {
        "answer_rate": answer if answer.published else None,
        "evaluation": unit_evaluation_score(unit=unit),
        "removed_comments": removed_comments(unit=unit),
    }
