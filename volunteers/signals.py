"""Signal receivers of the volunteers app: publishing an activity turns the
points multiplier typed on the page into a proposal for staff; a change of a
team's members recomputes the team's leaderboard rollup."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from volunteers.models import ActivityPage, TeamMembership
from volunteers.services.multipliers import multiplier_propose


@receiver(page_published, sender=ActivityPage, dispatch_uid="activity_multiplier")
def propose_multiplier_on_publish(sender, instance, revision=None, **kwargs):
    multiplier_propose(
        activity=instance,
        value=instance.points_multiplier,
        user=getattr(revision, "user", None),
    )


@receiver(post_save, sender=TeamMembership, dispatch_uid="team_totals_member_saved")
def team_totals_on_member_saved(sender, instance, raw=False, **kwargs):
    """A member approved, leaving or removed changes the team's sums: recompute
    that team in the same transaction (a few rows: one team's members)."""
    if raw:
        return
    from volunteers.services.team_totals import team_totals_refresh

    team_totals_refresh(team_ids=[instance.team_id])


@receiver(post_delete, sender=TeamMembership, dispatch_uid="team_totals_member_deleted")
def team_totals_on_member_deleted(sender, instance, **kwargs):
    """A membership deleted (with its volunteer, or its team): recompute the team
    once that is committed, when a team being deleted is gone with its rows."""
    from volunteers.tasks import team_totals_refresh

    team_totals_refresh.delay_on_commit(team_ids=[instance.team_id])
