"""Teams (志愿服务队): asking to join, the leaders' decision, and leaving.

Only active volunteers ask to join; only the team's approved leaders (and staff)
decide. A volunteer has one membership row per team (a database constraint), which
moves between pending, approved, rejected and left."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from home.models import User
from volunteers.models import Team, TeamMembership, Volunteer
from volunteers.selectors.teams import user_leads_team

Status = TeamMembership.Status


def _notify_leaders(*, membership: TeamMembership) -> None:
    """Tell the team's leaders that someone asks to join (one email each), at
    most once per person and team a day (Asia/Shanghai): asking again after
    leaving the same day puts the request in the leaders' list without a new
    email, so that a join/leave loop cannot flood their inboxes."""
    now = timezone.now()
    last = membership.leaders_notified_at
    if last is not None and timezone.localdate(last) == timezone.localdate(now):
        return
    membership.leaders_notified_at = now
    membership.save(update_fields=["leaders_notified_at"])
    team = membership.team
    leaders = (
        TeamMembership.objects.filter(
            team=team, role=TeamMembership.Role.LEADER, status=Status.APPROVED
        )
        .filter(volunteer__user__is_active=True)
        .select_related("volunteer__user")
    )
    link = settings.CANYU_BASE_URL + reverse(
        "volunteers:team_requests", kwargs={"slug": team.slug}
    )
    for leader in leaders:
        context = {
            "leader": leader.volunteer,
            "applicant": membership.volunteer,
            "team": team,
            "link": link,
        }
        with email_language():
            subject = _("%(name)s asks to join %(team)s") % {
                "name": membership.volunteer.real_name,
                "team": team.name,
            }
        notify(
            user=leader.volunteer.user,
            kind="team_join_request",
            title=subject,
            url=link,
            email={
                "subject": subject,
                "template": "volunteers/emails/team_join_request.txt",
                "context": context,
            },
        )


def require_leader(*, user: User, team: Team) -> None:
    if not user_leads_team(user=user, team=team):
        raise PermissionDenied(
            _("Only the leaders of %(team)s can decide on requests to join it.")
            % {"team": team.name}
        )


@transaction.atomic
def team_join_request(*, volunteer: Volunteer, team: Team) -> TeamMembership:
    """An active volunteer asks to join a team; the membership waits for a
    leader (PENDING). Asking again after being declined or after leaving is
    allowed; asking twice is not."""
    if not volunteer.is_active:
        raise ServiceError(
            _("Only approved (active) volunteers can ask to join a team.")
        )
    membership = (
        TeamMembership.objects.select_for_update()
        .filter(team=team, volunteer=volunteer)
        .first()
    )
    if membership is None:
        try:
            with transaction.atomic():
                membership = TeamMembership.objects.create(
                    team=team, volunteer=volunteer
                )
        except IntegrityError as error:
            raise ServiceError(
                _("You have already asked to join this team.")
            ) from error
        _notify_leaders(membership=membership)
        return membership
    if membership.status == Status.APPROVED:
        raise ServiceError(_("You are already a member of this team."))
    if membership.status == Status.PENDING:
        raise ServiceError(_("You have already asked to join this team."))
    membership.status = Status.PENDING
    membership.role = TeamMembership.Role.MEMBER
    membership.decided_by = None
    membership.decided_at = None
    membership.save(update_fields=["status", "role", "decided_by", "decided_at"])
    _notify_leaders(membership=membership)
    return membership


@transaction.atomic
def team_request_decide(
    *, actor: User, membership: TeamMembership, approve: bool
) -> TeamMembership:
    """A leader of the team (or staff) approves or declines a pending request —
    never their own."""
    if membership.volunteer.user_id == actor.pk:
        raise PermissionDenied(
            _("You cannot decide on your own request: another leader must.")
        )
    require_leader(user=actor, team=membership.team)
    membership = TeamMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Status.PENDING:
        raise ServiceError(_("This request has already been decided."))
    membership.status = Status.APPROVED if approve else Status.REJECTED
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    return membership


@transaction.atomic
def team_leave(*, volunteer: Volunteer, team: Team) -> TeamMembership:
    """A volunteer leaves a team (or withdraws a request). The last leader stays
    until staff name another, so that requests can still be decided."""
    membership = (
        TeamMembership.objects.select_for_update()
        .filter(team=team, volunteer=volunteer)
        .first()
    )
    if membership is None or membership.status not in (Status.PENDING, Status.APPROVED):
        raise ServiceError(_("You are not a member of this team."))
    if (
        membership.role == TeamMembership.Role.LEADER
        and membership.status == Status.APPROVED
    ):
        leaders = (
            TeamMembership.objects.select_for_update()
            .filter(team=team, role=TeamMembership.Role.LEADER, status=Status.APPROVED)
            .count()
        )
        if leaders <= 1:
            raise ServiceError(
                _(
                    "You are the team's only leader. Ask the platform staff to name "
                    "another leader before you leave."
                )
            )
    membership.status = Status.LEFT
    membership.save(update_fields=["status"])
    return membership
