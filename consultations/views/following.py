"""Follow and unfollow a consultation (POST forms that work without JavaScript)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.models import ConsultationFollow, ConsultationPage
from consultations.services.following import (
    consultation_follow,
    consultation_unfollow,
)
from home.exceptions import ServiceError


def follow_context(request, *, consultation) -> dict:
    """What includes/follow.html needs besides ``consultation`` and ``user``: call
    it from the consultation page's context (one query for a signed-in user)."""
    user = request.user
    return {
        "is_following": user.is_authenticated
        and ConsultationFollow.objects.filter(
            consultation=consultation, user=user
        ).exists()
    }


def _page_url(request, consultation) -> str:
    """The consultation's address in the language the visitor is using."""
    url = consultation.get_url(request) or "/"
    return translate_url(url, get_language())


@require_POST
def follow(request, page_id):
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=page_id)
    page_url = _page_url(request, consultation)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': page_url})}")
    try:
        consultation_follow(user=request.user, consultation=consultation)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "You follow this consultation: we will email you when the results "
                "are published."
            ),
        )
    return redirect(f"{page_url}#follow")


@require_POST
def unfollow(request, page_id):
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=page_id)
    page_url = _page_url(request, consultation)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': page_url})}")
    if consultation_unfollow(user=request.user, consultation=consultation):
        messages.success(request, _("You no longer follow this consultation."))
    return redirect(f"{page_url}#follow")


urlpatterns = [
    path("<int:page_id>/follow/", follow, name="follow"),
    path("<int:page_id>/unfollow/", unfollow, name="unfollow"),
]
