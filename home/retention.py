"""Retention: deleting what must not stay (README, "Personal data inventory").
Each job is a daily Celery beat task (home/tasks.py) calling one function here;
each is safe to run twice (the second run finds nothing left to delete)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import router, transaction
from django.db.models import F, Q
from django.db.models.deletion import Collector, ProtectedError
from django.utils import timezone

from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress, EmailConfirmation

from home.models import ConsentRecord, NotificationPreference, OutboundSms

# What an account holds just from signing up (and Wagtail's per-user display
# preferences): deleting these loses nothing.
SIGNUP_ONLY_MODELS = {
    EmailAddress,
    EmailConfirmation,
    ConsentRecord,
    UserProfile,
    NotificationPreference,
}


def _holds_only_signup_rows(user) -> bool:
    """Whether deleting ``user`` would delete (or detach) nothing but what a
    sign-up creates: any other related row (a comment, a booking, a page
    revision, a membership …) means the account was used, and it is kept."""
    collector = Collector(using=router.db_for_write(type(user)))
    try:
        collector.collect([user])
    except ProtectedError:
        return False
    # Rows that would lose their user (SET_NULL: authors, deciders …).
    for querysets in collector.field_updates.values():
        if any(rows.exists() for rows in querysets):
            return False
    User = type(user)
    for model, instances in collector.data.items():
        if model is User or model in SIGNUP_ONLY_MODELS:
            continue
        # Many-to-many rows (groups, permissions) also count: they were given.
        if instances:
            return False
    return not any(
        rows.exists()
        for rows in collector.fast_deletes
        if rows.model not in SIGNUP_ONLY_MODELS
    )


def accounts_unverified_delete(*, older_than: timedelta | None = None) -> int:
    """Delete accounts that signed up more than ``older_than`` ago (default
    ``settings.CANYU_UNVERIFIED_ACCOUNT_RETENTION_DAYS``, 30) and never
    verified an address or a mobile number nor signed in: a sign-up that was
    never completed, or someone else's address typed by mistake. Only accounts
    made by signing up (with an email address row, none verified, or with a
    mobile number only, its SMS code never confirmed: it would keep the number
    from its owner) that hold nothing but their sign-up rows; staff and accounts
    made by staff are never touched. Returns how many were deleted."""
    if older_than is None:
        older_than = timedelta(days=settings.CANYU_UNVERIFIED_ACCOUNT_RETENTION_DAYS)
    User = get_user_model()
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    has_address = EmailAddress.objects.values("user_id")
    candidates = (
        User.objects.filter(
            date_joined__lt=timezone.now() - older_than,
            is_staff=False,
            is_superuser=False,
        )
        .filter(Q(pk__in=has_address) | Q(email__isnull=True))
        .exclude(pk__in=verified)
        .exclude(phone_verified=True)
        # Never signed in beyond the sign-up itself.
        .filter(
            Q(last_login__isnull=True)
            | Q(last_login__lte=F("date_joined") + timedelta(minutes=5))
        )
        .order_by("pk")
    )
    deleted = 0
    for user in candidates.iterator():
        with transaction.atomic():
            if _holds_only_signup_rows(user):
                user.delete()
                deleted += 1
    return deleted


def email_confirmations_delete_expired() -> int:
    """Delete email-confirmation keys past their validity (allauth keeps them as
    rows when it does not use signed keys). Returns how many."""
    deleted, _details = EmailConfirmation.objects.all_expired().delete()
    return deleted


def sms_outbox_purge(*, older_than: timedelta | None = None) -> int:
    """The SMS outbox after ``older_than`` (default
    ``settings.CANYU_SMS_RETENTION_DAYS``, 30): delivered texts are deleted, and
    every other row (failed, still queued) keeps no parameters, so no code or
    title outlives the period; the number and status stay for staff. Returns
    how many rows were deleted or emptied."""
    if older_than is None:
        older_than = timedelta(days=settings.CANYU_SMS_RETENTION_DAYS)
    cutoff = timezone.now() - older_than
    deleted, _details = OutboundSms.objects.filter(
        status=OutboundSms.Status.SENT, created_at__lt=cutoff
    ).delete()
    emptied = (
        OutboundSms.objects.filter(created_at__lt=cutoff)
        .exclude(params={})
        .update(params={})
    )
    return deleted + emptied


def inbox_messages_delete_old(*, now=None) -> int:
    """Delete site inbox messages older than ``CANYU_INBOX_RETENTION_DAYS``."""
    from home.inbox.services import inbox_purge_old

    now = now or timezone.now()
    return inbox_purge_old(
        older_than=now - timedelta(days=settings.CANYU_INBOX_RETENTION_DAYS)
    )
