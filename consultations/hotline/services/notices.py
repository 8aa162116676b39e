"""Telling residents and units what happened: the site inbox and email, as
consultations do (home.inbox.notify). Followers of a case (merged
duplicates) hear what its resident hears."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from home.emails import email_language
from home.inbox import notify

from ..models import Follower, Request
from .common import HANDLER_ROLES

EMAIL_TEMPLATE = "hotline/emails/notice.txt"


def request_url(request: Request) -> str:
    """The request's page (``hotline:request_detail``) as an absolute link."""
    try:
        path = reverse(
            "hotline:request_detail", kwargs={"reference": request.reference}
        )
    except NoReverseMatch:
        path = "/"
    return settings.CANYU_BASE_URL + path


def _send(*, user, kind: str, request: Request, title: str, body: str) -> None:
    if user is None or not user.is_active:
        return
    link = request_url(request)
    notify(
        user=user,
        kind=kind,
        title=title,
        body=body,
        url=link,
        email={
            "subject": title,
            "template": EMAIL_TEMPLATE,
            "context": {
                "name": user.get_full_name() or user.get_username(),
                "body": body,
                "link": link,
            },
        },
    )


def tell_residents(request: Request, message: str, *, extra: str = "") -> None:
    """Tell the resident and the followers of ``request`` about a step:
    ``message`` is an untranslated text (marked with gettext_noop) with
    %(reference)s and %(status)s, translated here in the emails' language;
    ``extra`` (a reason someone wrote) follows it."""
    user_ids = set(
        Follower.objects.filter(request=request, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    if request.resident_id:
        user_ids.add(request.resident_id)
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True):
        with email_language():
            context = {
                "reference": request.reference,
                "status": request.get_status_display(),
            }
            title = _("[Canyu] Your request %(reference)s: %(status)s") % context
            body = _(message) % context
        if extra:
            body = f"{body}\n\n{extra}"
        _send(user=user, kind="hotline_update", request=request, title=title, body=body)


def tell_unit(unit_id, request: Request, message: str, *, extra: str = "") -> None:
    """Tell a unit's administrators and responders (queue work, reminders,
    escalations); ``message`` as in ``tell_residents``."""
    if unit_id is None:
        return
    members = (
        get_user_model()
        .objects.filter(
            unit_memberships__unit_id=unit_id,
            unit_memberships__role__in=list(HANDLER_ROLES),
            is_active=True,
        )
        .distinct()
    )
    for user in members:
        with email_language():
            context = {
                "reference": request.reference,
                "status": request.get_status_display(),
                "place": request.place,
            }
            title = _("[Canyu] Hotline request %(reference)s") % context
            body = _(message) % context
        if extra:
            body = f"{body}\n\n{extra}"
        _send(user=user, kind="hotline_work", request=request, title=title, body=body)


def tell_users(users, request: Request, message: str) -> None:
    """Tell staff (city escalations): ``users`` an iterable of accounts."""
    for user in users:
        with email_language():
            context = {"reference": request.reference, "place": request.place}
            title = _("[Canyu] Hotline request %(reference)s") % context
            body = _(message) % context
        _send(user=user, kind="hotline_work", request=request, title=title, body=body)
