"""Publishing the results of a consultation ("你们说，我们做")."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Revision

from consultations.models import ConsultationPage
from consultations.services.following import followers_notify_results
from consultations.services.results_figures import results_figures_store
from home.exceptions import ServiceError
from home.models import UnitMembership, User
from home.permissions import is_staff_or_has_unit_role

RESULTS_PUBLISH_ACTION = "consultations.results_publish"


def user_can_publish_results(*, user, consultation: ConsultationPage) -> bool:
    """Staff, and the editors of the issuing unit, publish the results."""
    return is_staff_or_has_unit_role(
        user, consultation.unit_id, roles=[UnitMembership.Role.EDITOR]
    )


@transaction.atomic
def results_publish(*, actor: User, consultation: ConsultationPage) -> bool:
    """Mark the results of a closed consultation as published (its phase becomes
    "concluded") and email its followers. Only staff and the issuing unit's
    editors may, and only after the comment period has closed.

    Idempotent: publishing again keeps the first publication time and returns
    False; followers not yet notified are notified either way (each once).

    ``results_published_at`` is not an edit of the page's content, so it is written
    on the live row and copied into the page's revisions: a later edit published
    from the admin starts from a revision and would otherwise set it back."""
    if not user_can_publish_results(user=actor, consultation=consultation):
        raise PermissionDenied(
            _("Only staff and the issuing unit's editors can publish the results.")
        )
    now = timezone.now()
    if now < consultation.closes_at:
        raise ServiceError(
            _("The results can be published only after the consultation has closed.")
        )
    published = ConsultationPage.objects.filter(
        pk=consultation.pk, results_published_at__isnull=True
    ).update(results_published_at=now)
    consultation.results_published_at = ConsultationPage.objects.values_list(
        "results_published_at", flat=True
    ).get(pk=consultation.pk)
    if published:
        stamp = consultation.results_published_at.isoformat()
        for revision in Revision.objects.for_instance(consultation).only("content"):
            revision.content["results_published_at"] = stamp
            revision.save(update_fields=["content"])
        log(instance=consultation, action=RESULTS_PUBLISH_ACTION, user=actor)
        # The figures shown with the results, computed once now rather than
        # on every view of the page (a plain row, outside the revisions).
        results_figures_store(consultation=consultation)
    followers_notify_results(consultation=consultation)
    return bool(published)
