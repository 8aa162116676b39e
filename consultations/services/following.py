"""Following a consultation: a resident is emailed when its results are published."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationFollow, ConsultationPage
from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from home.models import User
from home.permissions import has_verified_contact
from home.privacy import page_viewable_by_user


def _require_resident(user) -> None:
    if user is None or not user.is_authenticated or not user.is_active:
        raise ServiceError(_("Sign in first."))
    if not has_verified_contact(user):
        raise ServiceError(
            _("Verify your email address before following: see My account.")
        )


def consultation_follow(
    *, user: User, consultation: ConsultationPage
) -> ConsultationFollow:
    """A signed-in resident with a verified email follows a consultation, to be
    emailed when its results are published. Following twice changes nothing."""
    _require_resident(user)
    if consultation.results_published_at is not None:
        raise ServiceError(_("The results of this consultation are already published."))
    try:
        with transaction.atomic():
            follow, _created = ConsultationFollow.objects.get_or_create(
                consultation=consultation, user=user
            )
    except IntegrityError:  # a parallel request followed first
        follow = ConsultationFollow.objects.get(consultation=consultation, user=user)
    return follow


def consultation_unfollow(*, user: User, consultation: ConsultationPage) -> bool:
    """Stop following; returns False when the user was not following."""
    if user is None or not user.is_authenticated:
        raise ServiceError(_("Sign in first."))
    deleted, _details = ConsultationFollow.objects.filter(
        consultation=consultation, user=user
    ).delete()
    return bool(deleted)


def _results_email(*, follow: ConsultationFollow, consultation, results) -> None:
    user = follow.user
    with email_language():
        subject = _("Results published: %(title)s") % {"title": consultation.title}
    url = consultation.get_full_url() or ""
    notify(
        user=user,
        kind="consultation_results",
        title=subject,
        url=url,
        email={
            "subject": subject,
            "template": "consultations/emails/results_published.txt",
            "context": {
                "consultation": consultation,
                "consultation_url": url,
                "results": results,
                "recipient_name": user.get_full_name(),
            },
        },
    )


@transaction.atomic
def followers_notify_results(*, consultation: ConsultationPage) -> int:
    """Email every follower whose notice has not gone yet that the results are
    published. Each follower is claimed with a conditional update of
    ``results_notified_at`` before the email is queued, so running this twice (or
    twice at once) emails each follower once. Returns the number of emails."""
    from consultations.selectors.results import consultation_results

    if consultation.results_published_at is None:
        return 0
    with email_language():  # the figures' labels go in the email
        results = consultation_results(consultation=consultation)
    sent = 0
    waiting = (
        ConsultationFollow.objects.filter(
            consultation=consultation, results_notified_at__isnull=True
        )
        .select_related("user")
        .order_by("pk")
    )
    for follow in waiting.iterator(chunk_size=500):
        claimed = ConsultationFollow.objects.filter(
            pk=follow.pk, results_notified_at__isnull=True
        ).update(results_notified_at=timezone.now())
        if not claimed or not follow.user.is_active:
            continue
        # Wagtail's privacy settings hold for emails too: a follower who can no
        # longer see the page is not sent its results.
        if not page_viewable_by_user(consultation, follow.user):
            continue
        _results_email(follow=follow, consultation=consultation, results=results)
        sent += 1
    return sent
