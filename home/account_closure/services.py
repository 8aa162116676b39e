"""Writes of account closure: request, cancel, anonymise, and the scheduled run.

An account is never deleted: public contributions, service records and ledger
rows keep pointing at the same ``User`` row, which is stripped of everything
personal and shown as "Closed account" (已注销用户) wherever a name appears."""

import secrets
from importlib import import_module

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from home.account_closure import notices
from home.data_export.services import data_exports_delete
from home.exceptions import ServiceError
from home.inbox.services import inbox_redact
from home.models import CLOSURE_GRACE_PERIOD, AccountClosure, User

PLACEHOLDER_DOMAIN = "closed.invalid"


def erasure_modules() -> list:
    """Every installed app's ``erasure`` module, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "erasure"):
            modules.append(import_module(f"{app_config.name}.erasure"))
    return modules


def placeholder_email() -> str:
    return f"closed-{secrets.token_hex(8)}@{PLACEHOLDER_DOMAIN}"


def placeholder_user_create() -> User:
    """A new closed account that holds nothing personal: the owner of records
    detached from a person who keeps their own account (a volunteer who
    withdrew their consent)."""
    user = User(email=placeholder_email(), is_active=False, closed_at=timezone.now())
    user.set_unusable_password()
    user.save()
    return user


def sessions_revoke(*, user: User) -> int:
    """Sign the person out everywhere (database sessions)."""
    revoked = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            revoked.append(session.pk)
    Session.objects.filter(pk__in=revoked).delete()
    return len(revoked)


@transaction.atomic
def account_closure_request(
    *, user: User, requested_by: User, reason: str = ""
) -> AccountClosure:
    """Ask for ``user``'s account to be closed. The person asks for themselves;
    staff may file it on their behalf (a hotline call, a written request) and
    must then give a reason. The account is anonymised after the grace period
    (7 days) unless the person signs in before then or cancels. The person is
    emailed."""
    on_behalf = requested_by.pk != user.pk
    reason = reason.strip()
    if on_behalf and not requested_by.is_staff:
        raise ServiceError(_("Only staff can close someone else's account."))
    if on_behalf and not reason:
        raise ServiceError(
            _("Say why you are closing this account (the call, the letter …).")
        )
    if user.is_closed:
        raise ServiceError(_("This account is already closed."))
    if user.is_superuser and not on_behalf:
        raise ServiceError(
            _("A superuser account cannot be closed; ask another superuser first.")
        )
    User.objects.select_for_update().get(pk=user.pk)
    if AccountClosure.objects.filter(
        user=user, status=AccountClosure.Status.PENDING
    ).exists():
        raise ServiceError(_("This account is already being closed."))
    now = timezone.now()
    closure = AccountClosure.objects.create(
        user=user,
        requested_by=requested_by,
        on_behalf=on_behalf,
        reason=reason[:500],
        requested_at=now,
        effective_at=now + CLOSURE_GRACE_PERIOD,
    )
    if on_behalf:
        # Whoever holds a session must sign in again, which cancels: the
        # person hears of it by email and decides.
        sessions_revoke(user=user)
    notices.email_requested(closure)
    return closure


def account_closure_cancel(*, closure: AccountClosure, by: User) -> bool:
    """Cancel a pending closure (the person, or staff). Returns False when it
    was no longer pending (a second click, a sign-in that raced the job)."""
    if by.pk != closure.user_id and not by.is_staff:
        raise ServiceError(_("You can only cancel the closure of your own account."))
    return bool(
        AccountClosure.objects.filter(
            pk=closure.pk, status=AccountClosure.Status.PENDING
        ).update(status=AccountClosure.Status.CANCELLED, cancelled_at=timezone.now())
    )


def account_closure_cancel_on_login(*, user: User) -> AccountClosure | None:
    """Signing in during the grace period cancels the pending closure."""
    closure = AccountClosure.objects.filter(
        user=user, status=AccountClosure.Status.PENDING
    ).first()
    if closure is None:
        return None
    return closure if account_closure_cancel(closure=closure, by=user) else None


def _scrub_logs(*, user: User) -> None:
    """Admin histories name the account by its string form; replace it."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    user_type = ContentType.objects.get_for_model(User)
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        label=str(user), data={}
    )
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=str(user), change_message=""
    )


def outbox_scrub(*, needles: list[str]) -> int:
    """Messages to the person, or naming them, go, and texts to their numbers
    (delivered ones would be purged after 30 days anyway; queued ones would now
    reach a stranger or nobody)."""
    import json

    from home.models import OutboundEmail, OutboundSms

    needles = [needle.lower() for needle in needles if len(needle.strip()) >= 2]
    doomed = []
    for pk, to, subject, payload in OutboundEmail.objects.values_list(
        "pk", "to", "subject", "payload"
    ).iterator():
        text = json.dumps([to, subject, payload], ensure_ascii=False).lower()
        if any(needle in text for needle in needles):
            doomed.append(pk)
    OutboundEmail.objects.filter(pk__in=doomed).delete()
    # Texts are addressed by number only (E.164, like User.phone).
    texts, _details = OutboundSms.objects.filter(to__in=needles).delete()
    return len(doomed) + texts


def personal_needles(*, user: User) -> list[str]:
    """What identifies the person in free text: email, names, phone numbers
    (also without the country code)."""
    needles = [user.email, user.display_name, user.phone]
    for module in erasure_modules():
        needles.extend(getattr(module, "personal_needles", lambda **_: [])(user=user))
    needles += [needle[3:] for needle in needles if needle.startswith("+86")]
    return [needle for needle in needles if needle]


@transaction.atomic
def account_anonymise(*, user: User) -> User:
    """Strip the account of everything personal, for good. Safe to run twice.

    Wiped: email (a placeholder that says nothing), display name, phone,
    password (unusable), staff rights, email addresses, two-factor devices,
    sessions, API tokens, unit roles, open bookings, messages naming the
    person; then each app's part (``<app>/erasure.py``): the volunteer profile
    with its ID hash (the number can register again), certificates revoked.
    Kept, as "Closed account": public comments and replies, service records,
    points and unit statistics."""
    from wagtail.models import PageSubscription

    from allauth.mfa.models import Authenticator

    user = User.objects.select_for_update().get(pk=user.pk)
    needles = personal_needles(user=user)
    for module in erasure_modules():
        module.anonymise(user=user, needles=needles)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    PageSubscription.objects.filter(user=user).delete()
    _delete_related(user=user)
    # Any "download my data" zip goes with the account, files included.
    data_exports_delete(user=user)
    sessions_revoke(user=user)
    user.closed_at = user.closed_at or timezone.now()
    if not user.email.endswith("@" + PLACEHOLDER_DOMAIN):
        user.email = placeholder_email()
    user.display_name = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _scrub_logs(user=user)
    outbox_scrub(needles=needles)
    inbox_redact(needles=needles)
    return user


def _delete_related(*, user: User) -> None:
    """Rows that only serve the person themselves."""
    from wagtail.admin.models import EditingSession
    from wagtail.models import APIToken
    from wagtail.users.models import UserProfile

    from home.inbox.services import inbox_delete_for_user
    from home.models import (
        ACTIVE_BOOKING_STATUSES,
        BookingCalendarToken,
        BookingStatus,
        FacilityBooking,
        UnitMembership,
    )

    UnitMembership.objects.filter(user=user).delete()
    inbox_delete_for_user(user=user)
    BookingCalendarToken.objects.filter(user=user).delete()
    # Bookings yet to come free their slot; past ones stay for the facility's
    # figures, owned by the closed account.
    now = timezone.now()
    FacilityBooking.objects.filter(
        user=user, status__in=ACTIVE_BOOKING_STATUSES, starts_at__gt=now
    ).update(status=BookingStatus.CANCELLED, cancelled_at=now)
    FacilityBooking.objects.filter(user=user).update(purpose="")
    APIToken.objects.filter(user=user).delete()
    EditingSession.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()


def account_closure_complete(*, closure_id: int) -> bool:
    """Anonymise the account of one due closure and mark it done; the person
    is told at their address before it is wiped. Returns False, doing nothing,
    when the closure is not pending or not yet due (a second run)."""
    with transaction.atomic():
        closure = (
            AccountClosure.objects.select_for_update()
            .select_related("user")
            .filter(
                pk=closure_id,
                status=AccountClosure.Status.PENDING,
                effective_at__lte=timezone.now(),
            )
            .first()
        )
        if closure is None:
            return False
        address = closure.user.email
        account_anonymise(user=closure.user)
        closure.status = AccountClosure.Status.DONE
        closure.done_at = timezone.now()
        closure.save(update_fields=["status", "done_at"])
        notices.email_completed(address=address)
    return True


def account_closures_due() -> list[int]:
    return list(
        AccountClosure.objects.filter(
            status=AccountClosure.Status.PENDING, effective_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )


def account_closures_process() -> int:
    """The scheduled run: complete every due closure. Safe to run twice."""
    return sum(
        account_closure_complete(closure_id=closure_id)
        for closure_id in account_closures_due()
    )
