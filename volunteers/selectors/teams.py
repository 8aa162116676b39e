"""Reads about teams (志愿服务队): the public list and page, and the leaders'
page of requests. Fixed numbers of queries, whatever the number of teams or
members."""

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from home.models import User
from home.permissions import is_platform_staff, is_signed_in
from volunteers.models import ActivityPage, Team, TeamMembership, Volunteer

APPROVED = TeamMembership.Status.APPROVED
LEADER = TeamMembership.Role.LEADER


def team_list(*, district_code: str = "") -> QuerySet[Team]:
    """Teams with their unit, district and number of members."""
    teams = Team.objects.select_related("unit", "district").annotate(
        member_count=Count("memberships", filter=Q(memberships__status=APPROVED))
    )
    if district_code:
        teams = teams.filter(district__code=district_code)
    return teams.order_by("district__sort_order", "name")


def team_by_slug(*, slug: str) -> Team | None:
    return Team.objects.select_related("unit", "district").filter(slug=slug).first()


def team_members(*, team: Team) -> dict:
    """The team page's people: leaders (named), members who opted in to be shown
    (named), and the count of all approved members."""
    memberships = list(
        TeamMembership.objects.filter(team=team, status=APPROVED)
        .select_related("volunteer")
        .order_by("role", "volunteer__real_name")
    )
    return {
        "leaders": [m.volunteer for m in memberships if m.role == LEADER],
        "shown_members": [
            m.volunteer
            for m in memberships
            if m.role != LEADER and m.volunteer.show_on_leaderboards
        ],
        "member_count": len(memberships),
    }


def membership_of(*, team: Team, volunteer: Volunteer | None) -> TeamMembership | None:
    if volunteer is None:
        return None
    return TeamMembership.objects.filter(team=team, volunteer=volunteer).first()


def user_leads_team(*, user: User, team: Team) -> bool:
    """Approved leaders of the team, and staff, decide on join requests."""
    if not is_signed_in(user):
        return False
    if is_platform_staff(user):
        return True
    return TeamMembership.objects.filter(
        team=team,
        volunteer__user=user,
        role=LEADER,
        status=APPROVED,
    ).exists()


def teams_led_by(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(
        memberships__volunteer__user=user,
        memberships__role=LEADER,
        memberships__status=APPROVED,
    ).annotate(
        pending_count=Count(
            "memberships",
            filter=Q(memberships__status=TeamMembership.Status.PENDING),
            distinct=True,
        )
    )


def team_pending_requests(*, team: Team) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.filter(team=team, status=TeamMembership.Status.PENDING)
        .select_related("volunteer", "volunteer__district")
        .order_by("created_at", "pk")
    )


def teams_for_registration() -> QuerySet[Team]:
    return Team.objects.select_related("district").order_by("name")


def team_activities(*, team: Team, limit: int = 20) -> list:
    """The team's live activities, upcoming first (soonest first), then the most
    recent past ones; one query."""
    now = timezone.now()
    activities = list(
        ActivityPage.objects.live()
        .public()
        .filter(team=team)
        .annotate(first_start=Min("shifts__starts_at"), last_end=Max("shifts__ends_at"))
        .order_by("-first_start")[: limit * 2]
    )
    upcoming = sorted(
        (a for a in activities if a.last_end and a.last_end > now),
        key=lambda activity: activity.first_start,
    )
    past = [a for a in activities if not (a.last_end and a.last_end > now)]
    return (upcoming + past)[:limit]
