"""Everything held about one person, section by section: the shared core's own
tables here, each app's from its ``data_export`` module.

Apps are found when an export is built (``importlib`` inside a function), so
``home`` never imports ``consultations`` or ``volunteers`` at module level."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parseaddr
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from home.data_export.sections import Section, row
from home.inbox.kinds import KINDS
from home.mail import payload_without_one_time_links
from home.models import (
    FacilityBooking,
    InboxMessage,
    NotificationPreference,
    OutboundEmail,
    UnitMembership,
)

APP_MODULE = "data_export"


def app_collectors() -> list[Callable]:
    """``export_sections`` of every installed app (other than home) that has a
    ``data_export`` module, in INSTALLED_APPS order."""
    collectors = []
    for config in apps.get_app_configs():
        if config.name == "home" or not module_has_submodule(config.module, APP_MODULE):
            continue
        module = import_module(f"{config.name}.{APP_MODULE}")
        if hasattr(module, "export_sections"):
            collectors.append(module.export_sections)
    return collectors


def collect_sections(user, *, on_progress: Callable[[int], None] | None = None):
    """Every section about ``user``: home's first, then each app's.
    ``on_progress(percent)`` is called after each source."""
    sources = [home_sections, *app_collectors()]
    sections: list[Section] = []
    for index, source in enumerate(sources, start=1):
        sections.extend(source(user))
        if on_progress is not None:
            on_progress(round(100 * index / len(sources)))
    return sections


def home_sections(user) -> list[Section]:
    return [
        _account(user),
        _email_addresses(user),
        _two_factor(user),
        _unit_memberships(user),
        _facility_bookings(user),
        _messages(user),
        _inbox(user),
        _notification_preferences(user),
    ]


def _account(user) -> Section:
    return Section(
        name="account",
        title=_("Account"),
        description=_(
            "Your account: sign-in email, display name, mobile number, when it "
            "was created and when you last signed in."
        ),
        rows=[
            row(
                email=user.email,
                display_name=user.display_name,
                phone=user.phone,
                date_joined=user.date_joined,
                last_login=user.last_login,
                is_active=user.is_active,
            )
        ],
    )


def _email_addresses(user) -> Section:
    addresses = EmailAddress.objects.filter(user=user).order_by("pk")
    return Section(
        name="email_addresses",
        title=_("Email addresses"),
        description=_(
            "The email addresses of your account, whether each is verified and "
            "which is the primary one."
        ),
        rows=[
            row(email=address.email, verified=address.verified, primary=address.primary)
            for address in addresses
        ],
    )


def _two_factor(user) -> Section:
    # Which methods are set up and when they were used; never their secrets.
    authenticators = Authenticator.objects.filter(user=user).order_by("pk")
    return Section(
        name="two_factor",
        title=_("Two-factor authentication"),
        description=_(
            "The two-factor methods set up on your account and when each was "
            "last used (the secrets themselves are not included)."
        ),
        rows=[
            row(
                type=authenticator.get_type_display(),
                created_at=authenticator.created_at,
                last_used_at=authenticator.last_used_at,
            )
            for authenticator in authenticators
        ],
    )


def _unit_memberships(user) -> Section:
    memberships = UnitMembership.objects.filter(user=user).select_related("unit")
    return Section(
        name="unit_memberships",
        title=_("Unit roles"),
        description=_("Your roles in units (administrator, editor, responder …)."),
        rows=[
            row(
                unit=membership.unit.name,
                role=membership.get_role_display(),
                created_at=membership.created_at,
            )
            for membership in memberships
        ],
    )


def _facility_bookings(user) -> Section:
    bookings = FacilityBooking.objects.filter(user=user).select_related(
        "facility__unit"
    )
    return Section(
        name="facility_bookings",
        title=_("Facility bookings"),
        description=_(
            "Your bookings of open facilities, with the unit's decision and reason."
        ),
        rows=[
            row(
                facility=booking.facility.name,
                unit=booking.facility.unit.name,
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
                people=booking.people,
                purpose=booking.purpose,
                status=booking.get_status_display(),
                decision_reason=booking.decision_reason,
                decided_at=booking.decided_at,
                cancelled_at=booking.cancelled_at,
                created_at=booking.created_at,
            )
            for booking in bookings
        ],
    )


def _messages(user) -> Section:
    """The emails the site sent (or is sending) to the person's addresses and
    still keeps. Other recipients of the same message are left out, and
    one-time links are blanked."""
    addresses = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list(
            "email", flat=True
        )
    }
    candidates = OutboundEmail.objects.none()
    for address in addresses:
        candidates = candidates | OutboundEmail.objects.filter(to__icontains=address)
    rows = []
    for message in candidates.order_by("created_at", "pk").distinct():
        recipients = [to for to in message.to if parseaddr(to)[1].lower() in addresses]
        if not recipients:
            continue
        payload = payload_without_one_time_links(
            {"body": "", "alternatives": [], **message.payload}
        )
        rows.append(
            row(
                to=recipients,
                subject=message.subject,
                body=payload.get("body", ""),
                status=message.get_status_display(),
                created_at=message.created_at,
                sent_at=message.sent_at,
            )
        )
    return Section(
        name="messages",
        title=_("Emails sent to you"),
        description=_(
            "The emails the site has sent to your addresses and still keeps "
            "(delivered emails are deleted after 30 days)."
        ),
        rows=rows,
    )


def _kind_label(key: str) -> str:
    kind = KINDS.get(key)
    return str(kind.label) if kind else key


def _inbox(user) -> Section:
    messages = InboxMessage.objects.filter(recipient=user).order_by("created_at", "pk")
    return Section(
        name="inbox",
        title=_("Site inbox"),
        description=_(
            "The messages in your site inbox: kind, title, text, link, when each "
            "was sent and read."
        ),
        rows=[
            row(
                kind=_kind_label(message.kind),
                title=message.title,
                body=message.body,
                url=message.url,
                created_at=message.created_at,
                read_at=message.read_at,
            )
            for message in messages
        ],
    )


def _notification_preferences(user) -> Section:
    preferences = NotificationPreference.objects.filter(user=user).order_by("kind")
    return Section(
        name="notification_preferences",
        title=_("Notification settings"),
        description=_(
            "For each kind of notice you changed, whether it also comes by email "
            "and by SMS."
        ),
        rows=[
            row(
                kind=_kind_label(preference.kind),
                by_email=preference.email,
                by_sms=preference.sms,
            )
            for preference in preferences
        ],
    )
