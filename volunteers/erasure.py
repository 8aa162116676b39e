"""Closing an account or withdrawing the volunteer's consent: the volunteers
part. ``anonymise`` is called by home.account_closure.services.account_anonymise;
``volunteer_profile_end`` by the consent withdrawal (services/withdrawal.py).

The profile row stays, stripped of the person: name (shown as "Closed
account"), phone, ID hash and masked number (so the same number can register
again), community, skills, Green Ribbon number, calendar link. Its service
records, points ledger, redemptions and star levels stay for the units'
statistics. Sign-ups yet to come are cancelled, team memberships end, identity
claims go, and certificates are revoked with their PDF deleted."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import ModelLogEntry

from home.account_closure.redaction import redact_rows
from home.models.users import CLOSED_ACCOUNT_NAME
from volunteers.models import (
    Certificate,
    IdentityClaim,
    PointsEntry,
    Redemption,
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Shift,
    ShiftPlaces,
    Signup,
    TeamMembership,
    Volunteer,
    VolunteerDecision,
)
from volunteers.models.profiles import new_calendar_token
from volunteers.services.signups import ACTIVE_STATUSES, _promote_first_waitlisted


def personal_needles(*, user) -> list[str]:
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None:
        return []
    return [volunteer.real_name, volunteer.phone, volunteer.phone.removeprefix("+86")]


def anonymise(*, user, needles: list[str]) -> None:
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is not None:
        volunteer_profile_end(volunteer=volunteer, needles=needles)


def _redact_history(volunteer: Volunteer, needles: list[str]) -> None:
    """The reasons kept with records, corrections, decisions and the ledger
    lose the person's name and phone where they appear."""
    redact_rows(
        ServiceRecordCorrection.objects.filter(record__volunteer=volunteer),
        ["reason", "decision_reason"],
        needles,
    )
    redact_rows(
        ServiceRecordChange.objects.filter(record__volunteer=volunteer),
        ["reason"],
        needles,
    )
    redact_rows(
        ServiceRecord.objects.filter(volunteer=volunteer), ["rejection_reason"], needles
    )
    redact_rows(
        VolunteerDecision.objects.filter(volunteer=volunteer), ["reason"], needles
    )
    redact_rows(PointsEntry.objects.filter(volunteer=volunteer), ["note"], needles)
    redact_rows(
        Redemption.objects.filter(volunteer=volunteer), ["cancel_reason"], needles
    )


def _cancel_future_signups(volunteer: Volunteer, now) -> None:
    signups = Signup.objects.filter(
        volunteer=volunteer, status__in=ACTIVE_STATUSES, shift__starts_at__gt=now
    )
    for signup in signups:
        shift = Shift.objects.select_for_update().get(pk=signup.shift_id)
        was_confirmed = signup.status == Signup.Status.CONFIRMED
        cancelled = Signup.objects.filter(pk=signup.pk, status=signup.status).update(
            status=Signup.Status.CANCELLED, cancelled_at=now
        )
        if cancelled and was_confirmed:
            ShiftPlaces.release(shift.pk)
            _promote_first_waitlisted(shift=shift, now=now)


def _revoke_certificates(volunteer: Volunteer, name: str, now) -> None:
    for certificate in Certificate.objects.filter(volunteer=volunteer):
        if certificate.file:
            certificate.file.delete(save=False)
        certificate.holder_name = name
        certificate.holder_id_masked = ""
        certificate.holder_number = ""
        if certificate.revoked_at is None:
            certificate.revoked_at = now
            certificate.revocation_reason = _("The holder closed their account.")
        certificate.save()


def volunteer_profile_end(*, volunteer: Volunteer, needles: list[str]) -> Volunteer:
    """Anonymise ``volunteer`` for good (the caller holds a transaction);
    ``needles`` (names, phone numbers, email) are redacted from the free text
    that stays. Safe to run twice."""
    now = timezone.now()
    _redact_history(volunteer, needles)
    with translation.override(settings.LANGUAGE_CODE):
        name = str(CLOSED_ACCOUNT_NAME)
        _cancel_future_signups(volunteer, now)
        _revoke_certificates(volunteer, name, now)
    TeamMembership.objects.filter(
        volunteer=volunteer,
        status__in=[TeamMembership.Status.PENDING, TeamMembership.Status.APPROVED],
    ).update(status=TeamMembership.Status.LEFT, decided_at=now)
    IdentityClaim.objects.filter(claimant=volunteer).delete()
    IdentityClaim.objects.filter(holder=volunteer).delete()
    volunteer.real_name = name
    volunteer.phone = ""
    volunteer.id_number_tag = ""
    volunteer.id_number_masked = ""
    volunteer.gender = Volunteer.Gender.UNDISCLOSED
    volunteer.community = ""
    volunteer.categories = []
    volunteer.skills = ""
    volunteer.availability = ""
    volunteer.status_reason = ""
    volunteer.status = Volunteer.Status.CLOSED
    volunteer.green_ribbon_number = None
    volunteer.show_on_leaderboards = False
    volunteer.calendar_token = new_calendar_token()
    volunteer.save()
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Volunteer),
        object_id=str(volunteer.pk),
    ).update(label=name, data={})
    return volunteer
