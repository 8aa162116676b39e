"""The emails of account closure: when it is requested (with the date and how
to cancel) and when it is done (to the address, which is then wiped; the
outbox deletes that message once delivered)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.inbox import notify
from home.mail import ERASE_AFTER_DELIVERY_HEADER


def email_requested(closure) -> None:
    user = closure.user
    effective_at = timezone.localtime(closure.effective_at)
    with email_language():
        context = {
            "recipient_name": user.get_full_name(),
            "closure": closure,
            "effective_at": f"{effective_at:%Y-%m-%d %H:%M}",
            "login_url": settings.CANYU_BASE_URL.rstrip("/") + reverse("account_login"),
        }
        subject = _("Your account will be closed on %(date)s") % {
            "date": f"{effective_at:%Y-%m-%d}"
        }
    notify(
        user=user,
        kind="account_closure",
        title=subject,
        url=reverse("home:close_account"),
        email={
            "subject": subject,
            "template": "home/emails/account_closure_requested.txt",
            "context": context,
        },
    )


def email_completed(*, address: str) -> None:
    with email_language():
        subject = _("Your account has been closed")
        body = render_to_string("home/emails/account_closure_done.txt", {})
    EmailMessage(
        subject=subject,
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={ERASE_AFTER_DELIVERY_HEADER: "1"},
    ).send()
