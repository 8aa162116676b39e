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


def open_data_files() -> list:
    """The open-data files, by dataset then format, each with ``title_zh`` and
    ``title_en`` from its dataset's declaration (the data dictionary has none)."""
    from home.models import OpenDataFile
    from home.open_data import datasets

    titles = {dataset.slug: dataset for dataset in datasets()}
    files = list(OpenDataFile.objects.order_by("dataset", "format"))
    for file in files:
        dataset = titles.get(file.dataset)
        file.title_zh = dataset.title_zh if dataset else "数据字典"
        file.title_en = dataset.title_en if dataset else "Data dictionary"
    return files
