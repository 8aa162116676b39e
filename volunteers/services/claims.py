"""Identity claims: a registration whose ID number another profile already holds.

The registration is accepted like any other (the registrant is not told: the ID
number must not reveal who is a volunteer) and a claim waits for staff. Staff
hear both people (the rightful owner can prove the number is theirs, e.g. with
the ID card at a service point), decide with a reason, and both are emailed:

- for the new registrant: the number is removed from the other profile, and the
  registration goes on to the ordinary review;
- for the existing volunteer: the new registration is rejected and loses the
  number; the existing profile is unchanged.

While a claim is open neither profile can be approved, and the database refuses
two approved profiles with one number."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from home.models import User
from home.permissions import is_platform_staff
from volunteers.models import IdentityClaim, Volunteer

APPROVED = (Volunteer.Status.ACTIVE, Volunteer.Status.SUSPENDED)
STATUS_REASON_MAX_LENGTH = Volunteer._meta.get_field("status_reason").max_length
REASON_MAX_LENGTH = IdentityClaim._meta.get_field("reason").max_length


def identity_holder(*, volunteer: Volunteer) -> Volunteer | None:
    """Another profile (not rejected) with the same ID number: an approved one
    first, else the earliest registration."""
    if not volunteer.id_number_tag:
        return None
    return (
        Volunteer.objects.filter(id_number_tag=volunteer.id_number_tag)
        .exclude(pk=volunteer.pk)
        .exclude(status=Volunteer.Status.REJECTED)
        .order_by(
            Case(
                When(status__in=APPROVED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "created_at",
            "pk",
        )
        .first()
    )


def identity_claim_open(*, claimant: Volunteer) -> IdentityClaim | None:
    """Called by the registration service for a new profile with an ID number:
    opens a claim when another profile holds the number. Nobody is emailed (the
    staff screen lists open claims); the registrant sees an ordinary pending
    registration."""
    holder = identity_holder(volunteer=claimant)
    if holder is None:
        return None
    return IdentityClaim.objects.create(claimant=claimant, holder=holder)


def require_no_identity_conflict(*, volunteer: Volunteer) -> None:
    """Refuses to approve a profile whose ID number is in an open claim or held
    by another approved profile."""
    if not volunteer.id_number_tag:
        return
    open_claims = IdentityClaim.objects.filter(status=IdentityClaim.Status.OPEN)
    conflict = (
        open_claims.filter(claimant=volunteer).exists()
        or open_claims.filter(holder=volunteer).exists()
        or Volunteer.objects.filter(
            id_number_tag=volunteer.id_number_tag, status__in=APPROVED
        )
        .exclude(pk=volunteer.pk)
        .exists()
    )
    if conflict:
        raise ServiceError(
            _(
                "Another registration gives the same ID number: platform staff "
                "decide whose it is first (Identity claims, in the admin)."
            )
        )


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the reason; both people will be told."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ServiceError(
            _("The reason is too long: at most %(max)d characters.")
            % {"max": REASON_MAX_LENGTH}
        )
    return reason


def _send_outcome(*, claim: IdentityClaim) -> None:
    """One email to each person, each about their own profile only."""
    link = settings.CANYU_BASE_URL + reverse("volunteers:profile")
    for volunteer, role in ((claim.claimant, "claimant"), (claim.holder, "holder")):
        user = volunteer.user
        if not user.is_active:
            continue
        with email_language():
            subject = _("About the ID number of your Green Ribbon registration")
        notify(
            user=user,
            kind="volunteer_review",
            title=subject,
            url=link,
            email={
                "subject": subject,
                "template": f"volunteers/emails/identity_claim_{role}.txt",
                "context": {
                    "volunteer": volunteer,
                    "upheld": claim.status == role,
                    "reason": claim.reason,
                    "link": link,
                },
            },
        )


def _forget_number(volunteer: Volunteer, **changes) -> None:
    changes.update(id_number_tag="", id_number_masked="")
    for field, value in changes.items():
        setattr(volunteer, field, value)
    volunteer.save(update_fields=list(changes))


@transaction.atomic
def identity_claim_resolve(
    *, staff: User, claim: IdentityClaim, decision: str, reason: str
) -> IdentityClaim:
    """Platform staff decide whose ID number it is (``decision`` is
    ``IdentityClaim.Status.CLAIMANT`` or ``HOLDER``), with a reason kept on the
    claim and emailed to both people. Nobody decides a claim about their own
    profile."""
    if not is_platform_staff(staff):
        raise PermissionDenied(_("Only platform staff resolve identity claims."))
    reason = _clean_reason(reason)
    claim = (
        IdentityClaim.objects.select_for_update()
        .select_related("claimant__user", "holder__user")
        .get(pk=claim.pk)
    )
    if staff.pk in (claim.claimant.user_id, claim.holder.user_id):
        raise PermissionDenied(
            _(
                "You cannot decide a claim about your own profile: ask another "
                "member of staff."
            )
        )
    if claim.status != IdentityClaim.Status.OPEN:
        raise ServiceError(_("This claim has already been decided."))
    now = timezone.now()
    if decision == IdentityClaim.Status.CLAIMANT:
        _forget_number(claim.holder)
    elif decision == IdentityClaim.Status.HOLDER:
        _forget_number(
            claim.claimant,
            status=Volunteer.Status.REJECTED,
            status_reason=reason[:STATUS_REASON_MAX_LENGTH],
            reviewed_by=staff,
            reviewed_at=now,
        )
    else:
        raise ServiceError(_("Choose whose ID number it is."))
    claim.status = decision
    claim.reason = reason
    claim.decided_by = staff
    claim.decided_at = now
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _send_outcome(claim=claim)
    return claim
