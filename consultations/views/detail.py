"""The consultation page, and the residents' forms on it: comment, support, flag.

The page is served by Wagtail; ``ConsultationPage.get_context`` calls
``detail_context``. The forms POST to the views below, which call a service and
redirect back to the page with a message; a refused comment re-renders the page
with the typed text kept. The page needs the same number of queries whatever the
number of comments and replies (see consultations/selectors/comments.py)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.forms.comments import CommentFlagForm, CommentForm
from consultations.models import Comment, CommentFlag, ConsultationPage, Phase
from consultations.selectors import comments as comment_selectors
from consultations.selectors.results import consultation_results
from consultations.selectors.surveys import survey_context
from consultations.services import comments as comment_services
from consultations.views.following import follow_context
from home.exceptions import ServiceError
from home.models import PledgePage


def detail_context(request, *, consultation):
    now = timezone.now()
    phase = consultation.phase_at(now)
    viewer = request.user
    if consultation.pk is None:
        return _new_page_preview_context(consultation, phase)
    figures = comment_selectors.clause_figures(consultation=consultation)
    clause_ids = {clause["id"] for clause in consultation.clause_list}
    clause_filter = request.GET.get("comments_clause", "")
    if clause_filter not in clause_ids:
        clause_filter = ""
    comment_page = comment_selectors.published_comments_page(
        consultation=consultation,
        viewer=viewer,
        clause_id=clause_filter,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    commenting = comment_selectors.commenting_status(
        user=viewer, consultation=consultation, now=now
    )
    page_url = consultation.get_url(request)
    if commenting["state"] == "sign_in":
        next_url = urlencode({"next": f"{page_url}#comment-form"})
        commenting["login_url"] = f"{reverse('account_login')}?{next_url}"
    comment_form = None
    if commenting["state"] == "allowed":
        chosen = request.GET.get("clause", "")
        comment_form = CommentForm(
            consultation=consultation,
            initial={"clause": chosen if chosen in clause_ids else ""},
        )
    context = {
        "consultation": consultation,
        "phase": phase,
        "page_url": page_url,
        "current_url": request.get_full_path() if request.method == "GET" else page_url,
        "figures": figures,
        "clauses": comment_selectors.clauses_with_figures(
            consultation=consultation, figures=figures
        ),
        "clause_filter": clause_filter,
        "clause_filter_label": consultation.clause_label(clause_filter),
        "comment_page": comment_page,
        "own_unpublished_comments": comment_selectors.own_unpublished_comments(
            consultation=consultation, viewer=viewer
        ),
        "commenting": commenting,
        "comment_form": comment_form,
        "can_react": phase == Phase.OPEN and viewer.is_authenticated,
        "flag_reasons": CommentFlag.Reason.choices,
        "results": consultation_results(consultation=consultation)
        if phase in (Phase.CLOSED, Phase.CONCLUDED)
        else None,
        "user": viewer,
    }
    context.update(survey_context(request, consultation=consultation) or {})
    context.update(follow_context(request, consultation=consultation))
    return context


def _new_page_preview_context(consultation, phase) -> dict:
    """An editor previews a consultation that is not saved yet: the text only
    (there can be no comments, and the forms would have nowhere to post)."""
    figures = comment_selectors.ClauseFigures()
    return {
        "consultation": consultation,
        "phase": phase,
        "page_url": "",
        "current_url": "",
        "figures": figures,
        "clauses": comment_selectors.clauses_with_figures(
            consultation=consultation, figures=figures
        ),
        "comment_page": comment_selectors.CommentPage(comments=[]),
        "commenting": {"state": "preview", "ban": None},
        "results": None,
    }


def _live_consultation(page_id: int) -> ConsultationPage:
    return get_object_or_404(
        ConsultationPage.objects.live().public().select_related("unit"), pk=page_id
    )


def _live_comment(comment_id: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("consultation", "pledge").filter(
            Q(consultation__in=ConsultationPage.objects.live().public())
            | Q(pledge__in=PledgePage.objects.live().public())
        ),
        pk=comment_id,
    )


def _back_to(request, comment: Comment, *, anchor: str = "") -> str:
    """The page the form was on (same comment page and filters), else the
    consultation; with an anchor to the comment."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = comment.target.get_url(request)
    return f"{next_url.split('#')[0]}#{anchor or f'comment-{comment.pk}'}"


@require_POST
def comment_create(request, page_id):
    consultation = _live_consultation(page_id)
    page_url = consultation.get_url(request)
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in to comment."))
        return redirect_to_login(f"{page_url}#comment-form")
    form = CommentForm(request.POST, consultation=consultation)
    if form.is_valid():
        try:
            comment = comment_services.comment_create(
                user=request.user,
                consultation=consultation,
                body=form.cleaned_data["body"],
                clause_id=form.cleaned_data["clause"],
                show_masked_name=form.cleaned_data["show_masked_name"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            if comment.status == Comment.Status.PENDING:
                messages.success(
                    request,
                    _(
                        "Thank you. Your comment will be shown once a moderator has "
                        "approved it."
                    ),
                )
            else:
                messages.success(request, _("Thank you. Your comment is published."))
            return redirect(f"{page_url}#comment-{comment.pk}")
    # Refused: the page again, with the text as typed and the reason.
    context = consultation.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, consultation.get_template(request), context)


@require_POST
def comment_support(request, comment_id):
    comment = _live_comment(comment_id)
    back = _back_to(request, comment)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        comment_services.comment_support(user=request.user, comment=comment)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You now support this comment."))
    return redirect(back)


@require_POST
def comment_flag(request, comment_id):
    comment = _live_comment(comment_id)
    back = _back_to(request, comment)
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
        )
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(
        request, _("Thank you for the report. A moderator will look at this comment.")
    )
    comment.refresh_from_db(fields=["status"])
    if comment.status != Comment.Status.PUBLISHED:
        back = _back_to(request, comment, anchor="comments")
    return redirect(back)


urlpatterns = [
    path("<int:page_id>/comment/", comment_create, name="comment_create"),
    path(
        "comments/<int:comment_id>/support/",
        comment_support,
        name="comment_support",
    ),
    path("comments/<int:comment_id>/flag/", comment_flag, name="comment_flag"),
]
