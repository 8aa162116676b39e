"""Residents' feedback on a pledge's commitments. The pledge page (in ``home``)
asks for ``pledge_feedback_context`` through a function-level import; the form
posts to ``pledge_feedback_create`` here."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from consultations.models import COMMENT_MAX_LENGTH, Comment, CommentFlag
from consultations.selectors.comments import active_commenting_ban
from consultations.selectors.pledge_feedback import pledge_feedback_by_item
from consultations.services.pledge_feedback import pledge_feedback_create
from home.exceptions import ServiceError
from home.models import PledgePage
from home.permissions import has_verified_email


class PledgeFeedbackForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=Comment.Kind.choices,
        initial=Comment.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=gettext_lazy("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
    )
    show_masked_name = forms.BooleanField(
        label=gettext_lazy("Show my name masked (for example 张*)"), required=False
    )


def _commenting_state(user) -> str:
    if not user.is_authenticated:
        return "sign_in"
    if not has_verified_email(user):
        return "verify_email"
    if active_commenting_ban(user, now=timezone.now()) is not None:
        return "banned"
    return "allowed"


def pledge_feedback_context(request, *, pledge, items) -> dict:
    feedback = pledge_feedback_by_item(pledge=pledge, items=items, viewer=request.user)
    for item in items:
        item.feedback = feedback.get(str(item.pk))
    state = _commenting_state(request.user) if pledge.live else "closed"
    return {
        "feedback_state": state,
        "feedback_can_react": state == "allowed",
        "flag_reasons": CommentFlag.Reason.choices,
        "feedback_kinds": Comment.Kind.choices,
        "current_url": request.get_full_path(),
    }


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
    messages.success(request, _("Thank you. Your feedback is published."))
    return redirect(f"{page_url}#comment-{comment.pk}")


urlpatterns = [
    path(
        "pledges/<int:page_id>/feedback/",
        pledge_feedback_create_view,
        name="pledge_feedback_create",
    ),
]
