"""Reads of the personal data access log."""

from django.db.models import QuerySet

from home.models import AccessRecord, User


def my_data_accesses(*, user: User) -> QuerySet[AccessRecord]:
    """The accesses to ``user``'s own data, newest first; only the columns the
    person's page shows (never the viewer's name or anyone else's data)."""
    return (
        AccessRecord.objects.filter(subject=user)
        .only("what", "acted_as", "acting_for", "detail", "accessed_at")
        .order_by("-accessed_at", "-pk")
    )


def staff_access_log() -> QuerySet[AccessRecord]:
    """Every access, newest first, with the viewer, person and unit joined."""
    return AccessRecord.objects.select_related("viewer", "subject", "unit").order_by(
        "-accessed_at", "-pk"
    )
