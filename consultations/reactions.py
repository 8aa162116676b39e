"""Supporting (附议) and reporting a comment from a public page: the request
handling shared by the consultation page's routes and the pledge feedback URLs (a
pledge page lives in home, so its comments' forms post to consultations' URLs).

Thin: parse the form, call the service, leave a message and go back to the page
the form was on, at the comment."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from consultations.forms.comments import CommentFlagForm
from consultations.models import Comment
from consultations.services import comments as comment_services
from home.exceptions import ServiceError
from home.limits import enforce


def back_to(request, comment: Comment, *, anchor: str = "") -> str:
    """The page the form was on (same comment page and filters), else the
    commented page; with an anchor to the comment."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = comment.target.get_url(request)
    return f"{next_url.split('#')[0]}#{anchor or f'comment-{comment.pk}'}"


def comment_support_response(request, comment: Comment) -> HttpResponseRedirect:
    back = back_to(request, comment)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        enforce("comment_support", request=request)
        comment_services.comment_support(user=request.user, comment=comment)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You now support this comment."))
    return redirect(back)


def comment_flag_response(request, comment: Comment) -> HttpResponseRedirect:
    back = back_to(request, comment)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    form = CommentFlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why you are reporting this comment."))
        return redirect(back)
    try:
        comment_services.comment_flag(
            user=request.user,
            comment=comment,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            request=request,
        )
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(
        request, _("Thank you for the report. A moderator will look at this comment.")
    )
    comment.refresh_from_db(fields=["status"])
    if comment.status != Comment.Status.PUBLISHED:
        # Hidden now: the anchor to it would lead nowhere.
        back = back_to(request, comment, anchor="comments")
    return redirect(back)
