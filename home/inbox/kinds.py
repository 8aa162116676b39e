"""Every kind of notice the site sends a person, in one place: its label on the
settings page, the short summary an SMS carries (at most 20 characters in
Chinese: the SMS template adds the rest) and the default channels.

The inbox always gets the message; email is on by default (it was the only
channel before the inbox), SMS off (texts cost money and interrupt). A kind with
``email_locked`` is always emailed too: the person must hear of it even if they
no longer sign in. A kind without ``has_email`` has no email to send (one per
shift would be too many): inbox and, if chosen, SMS only. Pure account-security
emails (password reset, address confirmation) do not come through here at all."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    sms_title: Promise
    email: bool = True
    sms: bool = False
    email_locked: bool = False
    has_email: bool = True


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(
            "reply_to_comment",
            _("Answers to my comments"),
            _("Your comment has been answered"),
        ),
        Kind(
            "consultation_results",
            _("Results of consultations I follow"),
            _("A consultation you follow has results"),
        ),
        Kind(
            "moderation_decision",
            _("Moderation decisions on my comments"),
            _("A decision on your comment"),
        ),
        Kind(
            "waitlist_promotion",
            _("A place for me from a waitlist"),
            _("You have a place from the waitlist"),
        ),
        Kind(
            "signup_reminder",
            _("Reminders before my shifts"),
            _("Your volunteer shift starts soon"),
        ),
        Kind(
            "roster_message",
            _("Messages from activity organisers"),
            _("A message from an organiser"),
        ),
        Kind(
            "volunteer_review",
            _("Decisions on my volunteer registration and teams"),
            _("News about your volunteer registration"),
        ),
        Kind(
            "hours_approved",
            _("Decisions on my service hours"),
            _("A decision on your service hours"),
        ),
        Kind(
            "certificate_ready",
            _("My certificates are ready"),
            _("Your volunteer certificate is ready"),
            email=False,
            has_email=False,
        ),
        Kind(
            "star_level",
            _("My star level"),
            _("Your volunteer star level went up"),
        ),
        Kind(
            "booking_decision",
            _("Decisions on my facility bookings"),
            _("A decision on your booking"),
        ),
        Kind(
            "team_join_request",
            _("Requests to join teams I lead"),
            _("A volunteer asks to join your team"),
        ),
        Kind(
            "hotline_update",
            _("News about my 12319 requests"),
            _("News about your request"),
        ),
        Kind(
            "hotline_work",
            _("Hotline requests my unit handles"),
            _("A hotline request needs you"),
        ),
        Kind(
            "data_export_ready",
            _("My data copy is ready"),
            _("Your data copy is ready"),
        ),
        Kind(
            "account_closure",
            _("Closing my account"),
            _("Your account will be closed"),
            email_locked=True,
        ),
    )
}


def kind_get(key: str) -> Kind:
    """The registered kind ``key``; ValueError for any other."""
    try:
        return KINDS[key]
    except KeyError:
        raise ValueError(f"Unknown notification kind: {key!r}") from None
