"""The responders' side (/consultations/respond/…): the dashboard of comments
waiting for an answer, the answer page of one comment, bulk answers from a saved
reply, and the units' saved replies. Thin: parse, call a service, render."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.forms.replies import (
    BulkReplyForm,
    DashboardFilterForm,
    ReplyForm,
    ReplyTemplateForm,
    TemplatePickForm,
)
from consultations.models import ReplyTemplate
from consultations.selectors import replies as selectors
from consultations.services import replies as services
from home.exceptions import ServiceError
from home.twofactor import two_factor_required

DASHBOARD_PAGE_SIZE = 30


def _not_a_responder() -> PermissionDenied:
    return PermissionDenied(
        _(
            "Only responders of a unit can open this page. A unit's administrator "
            "can give you the responder role."
        ),
    )


def _is_responder(user) -> bool:
    return selectors.responder_units(user=user).exists()


def _render_dashboard(request, *, bulk_form=None, status=200):
    # One instant for the figures and the list, so "overdue" means the same.
    now = timezone.now()
    figures = selectors.responder_dashboard_figures(user=request.user, now=now)
    filter_form = DashboardFilterForm(
        request.GET, consultations=[row.consultation for row in figures.consultations]
    )
    filters = filter_form.filters()
    comments = selectors.responder_comments(user=request.user, now=now, **filters)
    page = Paginator(comments, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_clause_labels(page.object_list)
    if bulk_form is None:
        bulk_form = BulkReplyForm(
            templates=selectors.reply_templates_for(user=request.user)
        )
    selected = set()
    if bulk_form.is_bound:
        selected = set(bulk_form.data.getlist("comments"))
    return render(
        request,
        "consultations/responders/dashboard.html",
        {
            "figures": figures,
            "filter_form": filter_form,
            "filters": filters,
            "page_obj": page,
            "bulk_form": bulk_form,
            "selected": selected,
        },
        status=status,
    )


@login_required
@two_factor_required
def dashboard(request):
    """GET lists the comments; POST answers the ticked ones from a saved reply.
    The form posts to the same address with the filters in the query string, so
    that the list comes back as it was, on success and on error."""
    if not _is_responder(request.user):
        raise _not_a_responder()
    if request.method != "POST":
        return _render_dashboard(request)
    form = BulkReplyForm(
        request.POST, templates=selectors.reply_templates_for(user=request.user)
    )
    if form.is_valid():
        try:
            count = services.reply_bulk(
                responder=request.user,
                comments=form.cleaned_data["comments"],
                template=form.cleaned_data["template"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Comments answered: %(count)d.") % {"count": count}
            )
            return redirect(request.get_full_path())
    return _render_dashboard(request, bulk_form=form, status=400)


@login_required
@two_factor_required
def answer(request, comment_id):
    comment = selectors.comment_to_answer(comment_id=comment_id)
    if comment is None:
        raise Http404
    unit = comment.target.unit
    services.require_responder(user=request.user, unit=unit)
    reply = selectors.reply_for_comment(comment=comment)
    templates = ReplyTemplate.objects.filter(unit=unit)
    pick_form = TemplatePickForm(
        request.GET if "template" in request.GET else None, templates=templates
    )
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.reply_create(
                    responder=request.user, comment=comment, **form.cleaned_data
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your reply has been saved and the commenter has been told."),
                )
                return redirect("consultations:respond_dashboard")
    else:
        initial = {}
        if reply is not None:
            initial = {
                "outcome": reply.outcome,
                "body": reply.body,
                "reason": reply.reason,
            }
        if pick_form.is_bound and pick_form.is_valid():
            picked = pick_form.cleaned_data["template"]
            initial = {
                "outcome": picked.outcome,
                "body": picked.body,
                "reason": picked.reason,
            }
        form = ReplyForm(initial=initial)
    return render(
        request,
        "consultations/responders/answer.html",
        {
            "comment": comment,
            "consultation": comment.target,
            "clause": next(
                (
                    clause
                    for clause in comment.target.clause_list
                    if clause["id"] == comment.clause_id
                ),
                None,
            ),
            "reply": reply,
            "is_overdue": reply is None and comment.due_at < timezone.now(),
            "form": form,
            "pick_form": pick_form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# Saved replies ------------------------------------------------------------------


@login_required
@two_factor_required
def template_list(request):
    if not _is_responder(request.user):
        raise _not_a_responder()
    templates = selectors.reply_templates_for(user=request.user).order_by(
        "unit__name", "title"
    )
    return render(
        request, "consultations/responders/template_list.html", {"templates": templates}
    )


def _template_for_user(request, template_id):
    template = get_object_or_404(
        ReplyTemplate.objects.select_related("unit"), pk=template_id
    )
    if not selectors.user_can_answer_for_unit(
        user=request.user, unit_id=template.unit_id
    ):
        raise _not_a_responder()
    return template


@login_required
@two_factor_required
def template_edit(request, template_id=None):
    units = selectors.responder_units(user=request.user).order_by("name")
    if not units.exists():
        raise _not_a_responder()
    template = None
    if template_id is not None:
        template = _template_for_user(request, template_id)
    form = ReplyTemplateForm(
        request.POST or None,
        instance=copy.copy(template) if template else None,
        units=units,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_template_save(
                user=request.user, template=template, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The saved reply has been saved."))
            return redirect("consultations:reply_templates")
    return render(
        request,
        "consultations/responders/template_form.html",
        {"form": form, "template": template},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@two_factor_required
@require_POST
def template_delete(request, template_id):
    template = _template_for_user(request, template_id)
    services.reply_template_delete(user=request.user, template=template)
    messages.success(
        request,
        _("The saved reply “%(title)s” has been deleted.") % {"title": template.title},
    )
    return redirect("consultations:reply_templates")
