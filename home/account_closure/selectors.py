"""Reads of account closure."""

from home.models import AccountClosure


def pending_closure(*, user) -> AccountClosure | None:
    """The person's closure waiting for its grace period to end, if any."""
    return AccountClosure.objects.filter(
        user=user, status=AccountClosure.Status.PENDING
    ).first()


def volunteer_summary(*, user) -> dict:
    """Whether the person has a volunteer profile, asked of the volunteers app
    without importing it here (home never imports the other apps)."""
    volunteer = getattr(user, "volunteer", None)
    return {"has_profile": volunteer is not None}
