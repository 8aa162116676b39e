"""Reads about volunteers: one's own profile, who may review a registration, and
the registrations a reviewer sees. Fixed numbers of queries, whatever the size."""

from django.db.models import Prefetch, Q, QuerySet

from home.models import UnitMembership, User
from home.permissions import is_platform_staff, is_signed_in, unit_ids_with_role
from volunteers.models import TeamMembership, Volunteer

REVIEWER_ROLES = (UnitMembership.Role.ADMIN, UnitMembership.Role.ORGANISER)
# A request to join a team makes the team's unit a reviewer until it is declined.
REVIEWABLE_MEMBERSHIP = (TeamMembership.Status.PENDING, TeamMembership.Status.APPROVED)


def volunteer_for_user(*, user) -> Volunteer | None:
    """The signed-in user's own volunteer profile, or None."""
    if not user.is_authenticated:
        return None
    return (
        Volunteer.objects.select_related("district", "user").filter(user=user).first()
    )


def volunteer_memberships(*, volunteer: Volunteer) -> QuerySet[TeamMembership]:
    """A volunteer's teams (requests, memberships, past ones), for their own page."""
    return (
        TeamMembership.objects.filter(volunteer=volunteer)
        .select_related("team", "team__unit", "team__district")
        .order_by("team__name")
    )


def reviewer_unit_ids(*, user: User) -> list[int]:
    return list(
        unit_ids_with_role(user, REVIEWER_ROLES)
        .values_list("unit_id", flat=True)
        .distinct()
    )


def is_own_profile(*, user: User, volunteer: Volunteer) -> bool:
    """Whether ``volunteer`` is ``user`` themself (one profile per person): the
    same person never reviews, approves or suspends it, whatever their roles."""
    return is_signed_in(user) and volunteer.user_id == user.pk


def user_can_review_volunteer(*, user: User, volunteer: Volunteer) -> bool:
    """Staff review every registration; the admins and organisers of a unit review
    those of volunteers who asked to join (or belong to) one of its teams. Nobody
    reviews their own."""
    if not is_signed_in(user) or is_own_profile(user=user, volunteer=volunteer):
        return False
    if is_platform_staff(user):
        return True
    return TeamMembership.objects.filter(
        volunteer=volunteer,
        status__in=REVIEWABLE_MEMBERSHIP,
        team__unit_id__in=unit_ids_with_role(user, REVIEWER_ROLES),
    ).exists()


def user_is_reviewer(*, user: User) -> bool:
    if not is_signed_in(user):
        return False
    return is_platform_staff(user) or bool(reviewer_unit_ids(user=user))


def volunteers_to_review(
    *, user: User, status: str = "", district_code: str = "", category: str = ""
) -> QuerySet[Volunteer]:
    """The volunteers ``user`` may review (never their own profile), filtered,
    with their teams prefetched (two queries whatever the number)."""
    volunteers = Volunteer.objects.select_related("district", "user").exclude(user=user)
    if not is_platform_staff(user):
        volunteers = volunteers.filter(
            team_memberships__status__in=REVIEWABLE_MEMBERSHIP,
            team_memberships__team__unit_id__in=reviewer_unit_ids(user=user),
        ).distinct()
    if status:
        volunteers = volunteers.filter(status=status)
    if district_code:
        volunteers = volunteers.filter(district__code=district_code)
    if category:
        # The JSON list as text holds each code in quotes, on SQLite and PostgreSQL.
        volunteers = volunteers.filter(categories__icontains=f'"{category}"')
    return volunteers.prefetch_related(
        Prefetch(
            "team_memberships",
            queryset=TeamMembership.objects.select_related("team").exclude(
                status=TeamMembership.Status.LEFT
            ),
            to_attr="current_memberships",
        )
    ).order_by("created_at", "pk")


def volunteer_to_review(*, user: User, volunteer_id: int) -> Volunteer | None:
    """One volunteer ``user`` may review, or None (the view answers 404, so that
    guessing ids reveals nothing)."""
    return volunteers_to_review(user=user).filter(Q(pk=volunteer_id)).first()
