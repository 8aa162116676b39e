"""Reads about who follows a consultation."""

from consultations.models import ConsultationFollow, ConsultationPage


def follow_context(*, consultation: ConsultationPage, viewer) -> dict:
    """What includes/follow.html needs besides ``consultation`` and ``user``:
    whether the viewer follows the consultation (one query for a signed-in
    viewer, none for a visitor)."""
    return {
        "is_following": viewer is not None
        and viewer.is_authenticated
        and ConsultationFollow.objects.filter(
            consultation=consultation, user=viewer
        ).exists()
    }
