"""Writes of consent: recording an acceptance of policy versions."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.consent.selectors import consent_pending, policy_current_versions
from home.exceptions import ServiceError
from home.models import ConsentRecord, PolicyVersion


def consent_record(
    *, user, versions: list[PolicyVersion], method: str
) -> list[ConsentRecord]:
    """Record that ``user`` accepted each of ``versions`` now, ``method`` saying
    how (``ConsentRecord.Method``). A version the person already accepted (and
    did not withdraw) keeps its first record, so a repeated post or a second
    run changes nothing; the database refuses two standing records of one
    version. Returns the standing records of ``versions``."""
    records = []
    for version in versions:
        record = ConsentRecord.objects.filter(
            user=user, policy_version=version, withdrawn_at__isnull=True
        ).first()
        if record is None:
            try:
                with transaction.atomic():
                    record = ConsentRecord.objects.create(
                        user=user,
                        policy_version=version,
                        method=method,
                        accepted_at=timezone.now(),
                    )
            except IntegrityError:
                # A parallel request recorded it first.
                record = ConsentRecord.objects.get(
                    user=user, policy_version=version, withdrawn_at__isnull=True
                )
        records.append(record)
    return records


def consent_accept_current(*, user, kinds, method: str) -> list[ConsentRecord]:
    """``user`` accepts the current version of each of ``kinds`` (at sign-up:
    the privacy policy and the terms; at volunteer registration: the sensitive
    information rules). A kind with no version set up is skipped."""
    current = policy_current_versions()
    versions = [current[kind] for kind in kinds if kind in current]
    return consent_record(user=user, versions=versions, method=method)


def consent_accept_pending(*, user, shown_ids: list[int]) -> list[ConsentRecord]:
    """``user`` accepts, after a change, the versions they were shown
    (``shown_ids``). Refused when those are no longer what they have to accept
    (a newer version came into effect while they read): they must see it."""
    pending = consent_pending(user=user)
    if sorted(version.pk for version in pending) != sorted(shown_ids):
        raise ServiceError(
            _("The policies changed while you were reading. Read the versions below.")
        )
    return consent_record(
        user=user, versions=pending, method=ConsentRecord.Method.REASK
    )


def consent_withdraw(*, user, kind: str) -> int:
    """``user`` withdraws every standing acceptance of ``kind`` (the volunteer's
    separate consent for sensitive data, when they end their profile): each
    record keeps when it was given and now says when it was withdrawn. A
    second call changes nothing. Returns how many records were withdrawn."""
    return ConsentRecord.objects.filter(
        user=user, policy_version__kind=kind, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
