"""Background jobs of volunteering. Thin: each calls a service. Every task is
idempotent, because a task can run twice (late acks, a broker redelivering)."""

from celery import shared_task

from volunteers.services import attendance, roster


@shared_task
def shift_reminders() -> int:
    """Remind volunteers of their shifts starting within 24 hours, once each."""
    return roster.shift_reminders_send()


@shared_task
def close_forgotten_checkouts() -> int:
    """Close the records of volunteers who forgot to check out, at their shift's
    end (flagged); a second run closes nothing more."""
    return attendance.close_forgotten_checkouts()


@shared_task
def certificate_render(certificate_id: int) -> bool:
    """Make a requested certificate's PDF (skipped if it exists already)."""
    from volunteers.services.certificates import certificate_render as render

    return render(certificate_id=certificate_id)


@shared_task
def certificates_render_missing() -> int:
    """Make the PDFs of certificates whose job was lost (a broker restart)."""
    from volunteers.services.certificates import certificates_render_missing as run

    return run()


@shared_task
def team_totals_refresh(team_ids: list[int] | None = None) -> int:
    """Recompute the team leaderboard's rollup of these teams (every team when
    None) from the members' totals; running it twice writes the same rows."""
    from volunteers.services.team_totals import team_totals_refresh as refresh

    return refresh(team_ids=team_ids)
