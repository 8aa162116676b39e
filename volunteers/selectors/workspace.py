"""Reads for the organisers' tools: the volunteering panels of a person's
workspace (/me/, registered with ``home.extensions`` from ``VolunteersConfig``)
and the organisers' panel of an activity page.

Every count is the count of the list its link opens, through that list's own
selector (``pending_records``, ``open_corrections``, ``volunteers_to_review``).
A fixed number of queries whatever the number of units, activities or shifts."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from home.extensions import WorkspaceLink, WorkspacePanel
from home.models import UnitMembership, User
from home.permissions import is_platform_staff
from home.twofactor import has_two_factor
from home.workspace_panels import role_panel, units_with_role
from volunteers.models import ActivityPage, Shift, Volunteer
from volunteers.selectors.hours import open_corrections, pending_records
from volunteers.selectors.profiles import volunteers_to_review
from volunteers.selectors.roster import user_can_see_roster

Role = UnitMembership.Role
# The organisers' panel lists today's shifts and the next ones, up to this many.
WORKSPACE_SHIFTS = 12


@dataclass
class OrganiserShift:
    shift: Shift
    is_today: bool


def _start_of_today(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def organiser_shifts(*, unit_ids, now: datetime) -> list[OrganiserShift]:
    """Today's shifts (also those already over, whose attendance is still to
    record) and the coming ones of the live activities of ``unit_ids``, soonest
    first, at most ``WORKSPACE_SHIFTS``. One query."""
    today = _start_of_today(now)
    tomorrow = today + timedelta(days=1)
    shifts = (
        Shift.objects.filter(
            activity__unit_id__in=unit_ids,
            activity__live=True,
            ends_at__gte=today,
        )
        .select_related("activity", "activity__unit")
        .order_by("starts_at", "pk")[:WORKSPACE_SHIFTS]
    )
    return [
        OrganiserShift(shift=shift, is_today=shift.starts_at < tomorrow)
        for shift in shifts
    ]


def pending_approval_count(*, user: User) -> int:
    """The number of records on the organiser's pending approvals page."""
    return pending_records(user=user).count()


def open_correction_count(*, user: User) -> int:
    return open_corrections(user=user).count()


def registrations_to_review_count(*, user: User) -> int:
    """The number of registrations the review list shows by default (pending)."""
    return volunteers_to_review(user=user, status=Volunteer.Status.PENDING).count()


def _organiser_panel(user: User, organiser_units, now) -> WorkspacePanel:
    pending_url = reverse("volunteers:pending_approvals")
    links = [
        WorkspaceLink(
            label=_("Service records to approve"),
            url=pending_url,
            count=pending_approval_count(user=user),
            tone="warning",
        ),
        WorkspaceLink(
            label=_("Correction requests"),
            url=pending_url + "#corrections-heading",
            count=open_correction_count(user=user),
            tone="warning",
        ),
    ]
    return role_panel(
        "organiser",
        pgettext("workspace", "Organiser"),
        links,
        template="volunteers/includes/workspace_shifts.html",
        context={
            "shifts": organiser_shifts(
                unit_ids=[unit.pk for unit in organiser_units], now=now
            )
        },
    )


def volunteers_workspace_panels(*, user: User, memberships) -> list[WorkspacePanel]:
    """The organisers' shifts and approvals; the registrations to review (unit
    admins, organisers, staff); each administered unit's export of approved
    records."""
    if not has_two_factor(user):
        return []
    now = timezone.now()
    organiser_units = units_with_role(memberships, Role.ORGANISER)
    admin_units = units_with_role(memberships, Role.ADMIN)
    panels = []
    if organiser_units:
        panels.append(_organiser_panel(user, organiser_units, now))
    if admin_units or organiser_units or is_platform_staff(user):
        key = "admin" if admin_units else "organiser" if organiser_units else "staff"
        titles = {
            "admin": pgettext("workspace", "Unit administrator"),
            "organiser": pgettext("workspace", "Organiser"),
            "staff": pgettext("workspace", "Platform staff"),
        }
        review = WorkspaceLink(
            label=_("Volunteer registrations to review"),
            url=reverse("volunteers:review_list"),
            count=registrations_to_review_count(user=user),
            tone="warning",
        )
        panels.append(role_panel(key, titles[key], [review]))
    if admin_units:
        panels.append(
            role_panel(
                "admin",
                pgettext("workspace", "Unit administrator"),
                [
                    WorkspaceLink(
                        label=_("Export approved service records"),
                        url=reverse(
                            "volunteers:service_records_xlsx",
                            kwargs={"slug": unit.slug},
                        ),
                        unit=unit,
                        note=_("Excel"),
                    )
                    for unit in admin_units
                ],
            )
        )
    return panels


# The activity page ---------------------------------------------------------------


def activity_organiser_tools(*, user: User, activity: ActivityPage) -> dict:
    """What the activity page shows its unit's organisers (and staff) besides
    the shifts: the roster and the approvals. Empty for everyone else."""
    if not user.is_authenticated or not user_can_see_roster(
        user=user, activity=activity
    ):
        return {}
    return {
        "roster_url": reverse("volunteers:roster", kwargs={"page_id": activity.pk}),
        "pending_url": reverse("volunteers:pending_approvals"),
    }
