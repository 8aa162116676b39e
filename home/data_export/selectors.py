"""Reads of "download my data"."""

from home.models import DataExport


def data_export_latest(*, user) -> DataExport | None:
    """The person's latest export (any status), or None."""
    if not user.is_authenticated:
        return None
    return DataExport.objects.filter(user=user).order_by("-created_at", "-pk").first()


def data_export_for_download(*, user, export_id: int) -> DataExport | None:
    """The export ``export_id`` if it is ``user``'s own and ready; None for
    anyone else's, and once deleted."""
    if not user.is_authenticated:
        return None
    return (
        DataExport.objects.filter(
            pk=export_id, user=user, status=DataExport.Status.READY
        )
        .exclude(file="")
        .first()
    )
