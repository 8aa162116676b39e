"""Residents' feedback on a pledge's commitments: the form under each commitment
posts here (a pledge page lives in home, so it has no routes of ours). What the
page shows comes from ``selectors.pledge_feedback.pledge_feedback_context``
through ``home.extensions``."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.forms.pledge_feedback import PledgeFeedbackForm
from consultations.models import Comment
from consultations.models.comments import HELD_MESSAGE
from consultations.selectors import pledge_feedback as selectors
from consultations.services.pledge_feedback import pledge_feedback_create
from home.exceptions import ServiceError
from home.models import PledgePage


def pledge_feedback_context(request, *, pledge, items) -> dict:
    """Kept until home's pledge page asks ``home.extensions.pledge_context``
    (registered in ``ConsultationsConfig.ready``); then this goes."""
    return selectors.pledge_feedback_context(
        pledge=pledge, items=items, viewer=request.user
    )


@require_POST
def pledge_feedback_create_view(request, page_id):
    pledge = get_object_or_404(PledgePage.objects.live().public(), pk=page_id)
    page_url = pledge.get_url(request)
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in to comment."))
        return redirect_to_login(f"{page_url}#feedback")
    form = PledgeFeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your feedback before sending it."))
        return redirect(f"{page_url}#item-{request.POST.get('item', '')}")
    try:
        comment = pledge_feedback_create(
            user=request.user,
            pledge=pledge,
            item_id=form.cleaned_data["item"],
            body=form.cleaned_data["body"],
            kind=form.cleaned_data["kind"],
            show_masked_name=form.cleaned_data["show_masked_name"],
        )
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(f"{page_url}#item-{form.cleaned_data['item']}")
    if comment.held_words:
        messages.warning(request, str(HELD_MESSAGE))
        return redirect(f"{page_url}#item-{form.cleaned_data['item']}")
    if comment.status == Comment.Status.PENDING:
        messages.success(
            request,
            _(
                "Thank you. Your comment will be shown once a moderator has "
                "approved it."
            ),
        )
        return redirect(f"{page_url}#item-{form.cleaned_data['item']}")
    messages.success(request, _("Thank you. Your feedback is published."))
    return redirect(f"{page_url}#comment-{comment.pk}")
