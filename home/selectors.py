"""Reads shared by views, pages and other apps."""

from django.db.models import Count, Prefetch, QuerySet

from home.models import Unit, UnitMembership, User
from home.permissions import is_staff_or_has_unit_role


def user_can_manage_unit_members(*, user: User, unit: Unit) -> bool:
    """Staff, and the unit's own admins, manage a unit's members."""
    return is_staff_or_has_unit_role(user, unit, roles=[UnitMembership.Role.ADMIN])


def user_memberships(*, user: User) -> QuerySet[UnitMembership]:
    """A user's roles, with their units, for the account page."""
    return (
        UnitMembership.objects.filter(user=user)
        .select_related("unit", "unit__district")
        .order_by("unit__name", "role")
    )


def unit_members(*, unit: Unit) -> QuerySet[UnitMembership]:
    return (
        UnitMembership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__email")
    )


def units_directory(
    *, kind: str = "", district_code: str = "", query: str = ""
) -> QuerySet[Unit]:
    """Units for the public directory, filtered, with their member counts."""
    units = Unit.objects.select_related("district").annotate(
        member_count=Count("memberships__user", distinct=True)
    )
    if kind:
        units = units.filter(kind=kind)
    if district_code:
        units = units.filter(district__code=district_code)
    if query:
        units = units.filter(name__icontains=query.strip())
    return units.order_by("district__sort_order", "name")


def unit_detail(*, slug: str) -> QuerySet[Unit]:
    return (
        Unit.objects.select_related("district")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=UnitMembership.objects.select_related("user")
            )
        )
        .filter(slug=slug)
    )


def unit_participation_figures(*, unit: Unit) -> dict:
    """What the feature apps know about a unit, for its public profile: the
    consultation answer rate, the latest public evaluation score and its
    volunteering activities (upcoming and recent) and the approved volunteer
    hours of its own people. ``home`` does not import the
    feature apps at module level; it asks them here, one selector each."""
    from django.apps import apps

    figures = {}
    if apps.is_installed("volunteers"):
        from volunteers.selectors.activities import unit_activities_summary
        from volunteers.selectors.hours import unit_staff_approved_hours

        figures["activities"] = unit_activities_summary(unit=unit)
        figures["staff_hours"] = unit_staff_approved_hours(unit)
    if apps.is_installed("consultations"):
        from consultations.selectors.answer_rates import unit_answer_rate
        from consultations.selectors.evaluations import unit_evaluation_score

        answer = unit_answer_rate(unit=unit)
        figures["answer_rate"] = answer if answer.published else None
        figures["evaluation"] = unit_evaluation_score(unit=unit)
    return figures
