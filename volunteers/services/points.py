"""The incentive points ledger (积分). Owned by the points work; see issue 5."""

from volunteers.models import ServiceRecord


def points_sync_for_record(*, record: ServiceRecord) -> None:
    """Make the ledger agree with ``record``: an approved record has exactly one
    live credit for its current minutes; a corrected or rejected one has its old
    credit reversed. Idempotent: calling it again posts nothing new. Called inside
    the transaction that changed the record."""
