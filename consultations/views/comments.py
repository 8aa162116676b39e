"""Comment forms reached by address rather than through the consultation page's
routes: support and report any comment by its number (the pledge pages' feedback
posts here, as a pledge page lives in home), and the consultation page's older
addresses (/consultations/<id>/comment/ …), kept so that links keep working and
served by the page's own routes."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from consultations.models import Comment, ConsultationPage
from consultations.reactions import comment_flag_response, comment_support_response
from home.models import PledgePage


def _live_comment(comment_id: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("consultation", "pledge").filter(
            Q(consultation__in=ConsultationPage.objects.live().public())
            | Q(pledge__in=PledgePage.objects.live().public())
        ),
        pk=comment_id,
    )


@require_POST
def comment_support(request, comment_id):
    return comment_support_response(request, _live_comment(comment_id))


@require_POST
def comment_flag(request, comment_id):
    return comment_flag_response(request, _live_comment(comment_id))


def consultation_route(request, page_id, *, route: str):
    """Serve ``route`` of the live consultation ``page_id``. Public pages only: a
    page with view restrictions is reached through its own address, where
    Wagtail checks them."""
    consultation = get_object_or_404(
        ConsultationPage.objects.live().public().select_related("unit"), pk=page_id
    )
    view, args, kwargs = consultation.resolve_subpage(f"/{route}/")
    return consultation.serve(request, view, args, kwargs)
