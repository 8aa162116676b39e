"""Reviewing volunteers, with separation of duties.

- Nobody reviews their own profile: the person is compared (the reviewer's
  account is the volunteer's own), whatever role they hold.
- The administrators and organisers of a unit (a role the unit or staff gave
  them) approve a pending registration that asked to join one of the unit's
  teams, and refuse or remove a volunteer from the unit's own teams — never more.
- Rejecting a registration, suspending a volunteer on the whole platform and
  reinstating them are staff decisions, with a reason the volunteer is emailed.

Every decision adds a ``VolunteerDecision`` row: who, when, what and why. A
refusal raises ``PermissionDenied`` or ``ServiceError``; nothing is half-saved,
and emails leave through the outbox once the transaction commits."""

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
from home.permissions import is_platform_staff
from volunteers.models import Team, TeamMembership, Volunteer, VolunteerDecision
from volunteers.selectors.profiles import (
    is_own_profile,
    reviewer_unit_ids,
    user_can_review_volunteer,
)
from volunteers.services.claims import require_no_identity_conflict

GREEN_RIBBON_PREFIX = "GY"
GREEN_RIBBON_DIGITS = 6
NUMBER_ATTEMPTS = 20
REASON_MAX_LENGTH = Volunteer._meta.get_field("status_reason").max_length
Action = VolunteerDecision.Action


# Emails -------------------------------------------------------------------------


def _send_decision(*, volunteer: Volunteer, reinstated: bool = False) -> None:
    """Tell the volunteer the outcome of the review."""
    user = volunteer.user
    if not user.is_active:
        return
    with email_language():
        subjects = {
            Volunteer.Status.ACTIVE: _(
                "Your Green Ribbon volunteer registration is approved"
            ),
            Volunteer.Status.REJECTED: _("Your Green Ribbon volunteer registration"),
            Volunteer.Status.SUSPENDED: _(
                "Your Green Ribbon volunteer status is suspended"
            ),
        }
        subject = str(subjects[volunteer.status])
        if reinstated:
            subject = _("Your Green Ribbon volunteer status is restored")
        context = {
            "volunteer": volunteer,
            "reinstated": reinstated,
            "link": settings.CANYU_BASE_URL + reverse("volunteers:profile"),
        }
    notify(
        user=user,
        kind="volunteer_review",
        title=subject,
        body=volunteer.status_reason,
        url=context["link"],
        email={
            "subject": subject,
            "template": "volunteers/emails/registration_decision.txt",
            "context": context,
        },
    )


def _send_team_refusal(*, volunteer: Volunteer, teams: list[Team], reason) -> None:
    user = volunteer.user
    if not user.is_active:
        return
    with email_language():
        subject = _("Your request to join a Green Ribbon team")
        context = {
            "volunteer": volunteer,
            "teams": "、".join(team.name for team in teams),
            "reason": reason,
            "link": settings.CANYU_BASE_URL + reverse("volunteers:profile"),
        }
    notify(
        user=user,
        kind="volunteer_review",
        title=str(subject),
        url=context["link"],
        email={
            "subject": str(subject),
            "template": "volunteers/emails/team_refused.txt",
            "context": context,
        },
    )


# Rules --------------------------------------------------------------------------


def refuse_own_profile(*, user: User, volunteer: Volunteer) -> None:
    if is_own_profile(user=user, volunteer=volunteer):
        raise PermissionDenied(
            _("You cannot review your own volunteer profile: another reviewer must.")
        )


def require_reviewer(*, user: User, volunteer: Volunteer) -> None:
    refuse_own_profile(user=user, volunteer=volunteer)
    if not user_can_review_volunteer(user=user, volunteer=volunteer):
        raise PermissionDenied(
            _(
                "Only staff, or the administrators and organisers of the unit whose "
                "team the volunteer asked to join, can review this registration."
            )
        )


def require_staff(*, user: User, volunteer: Volunteer) -> None:
    refuse_own_profile(user=user, volunteer=volunteer)
    if not is_platform_staff(user):
        raise PermissionDenied(
            _(
                "Only platform staff can reject a registration, suspend a volunteer "
                "or reinstate one. A unit can refuse or remove a volunteer from its "
                "own teams."
            )
        )


def _locked(volunteer: Volunteer) -> Volunteer:
    return (
        Volunteer.objects.select_for_update()
        .select_related("user")
        .get(pk=volunteer.pk)
    )


def clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the reason; the volunteer will be told."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ServiceError(
            _("The reason is too long: at most %(max)d characters.")
            % {"max": REASON_MAX_LENGTH}
        )
    return reason


def next_green_ribbon_number(*, year: int) -> str:
    """The next free number of the year: GY2026000001, GY2026000002 …"""
    prefix = f"{GREEN_RIBBON_PREFIX}{year}"
    last = (
        Volunteer.objects.filter(green_ribbon_number__startswith=prefix)
        .order_by("-green_ribbon_number")
        .values_list("green_ribbon_number", flat=True)
        .first()
    )
    sequence = 1
    if last and last[len(prefix) :].isdigit():
        sequence = int(last[len(prefix) :]) + 1
    return f"{prefix}{sequence:0{GREEN_RIBBON_DIGITS}d}"


def _give_number(volunteer: Volunteer) -> None:
    """Two approvals at once may pick the same number; the unique constraint
    refuses the second, which takes the next one."""
    if volunteer.green_ribbon_number:
        return
    year = timezone.localdate().year
    for _attempt in range(NUMBER_ATTEMPTS):
        number = next_green_ribbon_number(year=year)
        try:
            with transaction.atomic():
                Volunteer.objects.filter(pk=volunteer.pk).update(
                    green_ribbon_number=number
                )
        except IntegrityError:
            continue
        volunteer.green_ribbon_number = number
        return
    raise ServiceError(_("No Green Ribbon number could be given; please try again."))


def _record_decision(
    *, volunteer: Volunteer, reviewer: User, status: str, action: str, reason: str
) -> Volunteer:
    now = timezone.now()
    volunteer.status = status
    volunteer.status_reason = reason
    volunteer.reviewed_by = reviewer
    volunteer.reviewed_at = now
    try:
        with transaction.atomic():
            volunteer.save(
                update_fields=["status", "status_reason", "reviewed_by", "reviewed_at"]
            )
    except IntegrityError as error:
        # Two profiles with the same ID number approved at the same instant:
        # the database keeps one; the other reviewer is told, nothing changes.
        raise ServiceError(
            _(
                "Another registration gives the same ID number: platform staff "
                "decide whose it is first (Identity claims, in the admin)."
            )
        ) from error
    VolunteerDecision.objects.create(
        volunteer=volunteer,
        action=action,
        decided_by=reviewer,
        decided_at=now,
        reason=reason,
    )
    _send_decision(volunteer=volunteer, reinstated=action == Action.REINSTATE)
    return volunteer


# Decisions ----------------------------------------------------------------------


@transaction.atomic
def volunteer_approve(*, reviewer: User, volunteer: Volunteer) -> Volunteer:
    """Approve a pending registration: ACTIVE, with a unique Green Ribbon number
    ("GY" + year + 6-digit sequence) kept for life. Staff, or a reviewer of the
    unit whose team the volunteer asked to join — never the volunteer themself.
    A suspended or rejected volunteer comes back only through staff
    (``volunteer_reinstate``). The volunteer is emailed."""
    require_reviewer(user=reviewer, volunteer=volunteer)
    volunteer = _locked(volunteer)
    if volunteer.status == Volunteer.Status.ACTIVE:
        raise ServiceError(_("This volunteer is already active."))
    if volunteer.status != Volunteer.Status.PENDING:
        raise PermissionDenied(
            _(
                "This volunteer was suspended or rejected by a platform decision: "
                "only staff can reinstate them, with a reason."
            )
        )
    require_no_identity_conflict(volunteer=volunteer)
    _give_number(volunteer)
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.ACTIVE,
        action=Action.APPROVE,
        reason="",
    )


@transaction.atomic
def volunteer_reinstate(
    *, reviewer: User, volunteer: Volunteer, reason: str
) -> Volunteer:
    """Staff reinstate a suspended (or approve a rejected) volunteer, with a
    reason the volunteer is emailed. The Green Ribbon number is kept."""
    require_staff(user=reviewer, volunteer=volunteer)
    reason = clean_reason(reason)
    volunteer = _locked(volunteer)
    if volunteer.status not in (Volunteer.Status.SUSPENDED, Volunteer.Status.REJECTED):
        raise ServiceError(_("Only a suspended or rejected volunteer is reinstated."))
    _give_number(volunteer)
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.ACTIVE,
        action=Action.REINSTATE,
        reason=reason,
    )


@transaction.atomic
def volunteer_reject(*, reviewer: User, volunteer: Volunteer, reason: str) -> Volunteer:
    """Staff reject a pending registration, with a reason the volunteer is
    emailed."""
    require_staff(user=reviewer, volunteer=volunteer)
    reason = clean_reason(reason)
    volunteer = _locked(volunteer)
    if volunteer.status != Volunteer.Status.PENDING:
        raise ServiceError(_("Only a registration waiting for review can be rejected."))
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.REJECTED,
        action=Action.REJECT,
        reason=reason,
    )


@transaction.atomic
def volunteer_suspend(
    *, reviewer: User, volunteer: Volunteer, reason: str
) -> Volunteer:
    """Staff suspend an active volunteer on the whole platform, with a reason the
    volunteer is emailed. The Green Ribbon number is kept; staff may reinstate
    them."""
    require_staff(user=reviewer, volunteer=volunteer)
    reason = clean_reason(reason)
    volunteer = _locked(volunteer)
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ServiceError(_("Only an active volunteer can be suspended."))
    return _record_decision(
        volunteer=volunteer,
        reviewer=reviewer,
        status=Volunteer.Status.SUSPENDED,
        action=Action.SUSPEND,
        reason=reason,
    )


@transaction.atomic
def volunteer_refuse_from_teams(
    *, reviewer: User, volunteer: Volunteer, reason: str
) -> list[TeamMembership]:
    """A unit's reviewer refuses the volunteer's requests to join the unit's
    teams, and removes them from the unit's teams they belong to — and nothing
    else: the volunteer's platform status and other units' teams are untouched.
    One decision row per team; the volunteer is emailed the reason."""
    require_reviewer(user=reviewer, volunteer=volunteer)
    reason = clean_reason(reason)
    memberships = list(
        TeamMembership.objects.select_for_update()
        .filter(
            volunteer=volunteer,
            team__unit_id__in=reviewer_unit_ids(user=reviewer),
            status__in=(TeamMembership.Status.PENDING, TeamMembership.Status.APPROVED),
        )
        .select_related("team")
        .order_by("pk")
    )
    if not memberships:
        raise ServiceError(
            _("This volunteer has no request or place in your unit's teams.")
        )
    now = timezone.now()
    for membership in memberships:
        pending = membership.status == TeamMembership.Status.PENDING
        membership.status = (
            TeamMembership.Status.REJECTED if pending else TeamMembership.Status.REMOVED
        )
        membership.decided_by = reviewer
        membership.decided_at = now
        membership.save(update_fields=["status", "decided_by", "decided_at"])
        VolunteerDecision.objects.create(
            volunteer=volunteer,
            team=membership.team,
            action=Action.TEAM_REFUSE if pending else Action.TEAM_REMOVE,
            decided_by=reviewer,
            decided_at=now,
            reason=reason,
        )
    _send_team_refusal(
        volunteer=volunteer,
        teams=[membership.team for membership in memberships],
        reason=reason,
    )
    return memberships


def volunteer_review_decide(
    *, reviewer: User, volunteer: Volunteer, action: str, reason: str = ""
):
    """One entry for the review screens (public and admin): run the decision
    named by ``action`` (the ``ReviewForm`` choices)."""
    if action == "approve":
        return volunteer_approve(reviewer=reviewer, volunteer=volunteer)
    deciders = {
        "reject": volunteer_reject,
        "suspend": volunteer_suspend,
        "reinstate": volunteer_reinstate,
        "refuse": volunteer_refuse_from_teams,
    }
    if action not in deciders:
        raise ServiceError(_("Choose a decision."))
    return deciders[action](reviewer=reviewer, volunteer=volunteer, reason=reason)
