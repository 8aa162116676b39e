"""A handling unit's queue (/requests/queue/) and one request's working page,
where the unit accepts, starts, asks the resident (the clock stops), replies
with photos, sends back once or asks for an extension."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from home.exceptions import ServiceError
from home.models import Unit
from home.permissions import is_platform_staff
from home.twofactor import two_factor_required

from .. import selectors, services
from .. import selectors_pages as pages
from ..page_forms import ReasonForm, ReplyForm


def _not_a_handler() -> PermissionDenied:
    return PermissionDenied(
        _(
            "Only members of a handling unit can open the request queue. A unit's "
            "administrator can give you a role in the unit."
        )
    )


@login_required
@two_factor_required
@require_GET
def queue(request):
    """The open requests of the units the person works for, the most urgent
    deadline first, with what is due soon and what is overdue."""
    staff = is_platform_staff(request.user)
    if staff:
        unit_ids = Unit.objects.values("pk")
    else:
        unit_ids = list(
            pages.worker_unit_ids(user=request.user).values_list("unit_id", flat=True)
        )
        if not unit_ids:
            raise _not_a_handler()
    now = timezone.now()
    rows = list(selectors.unit_queue(unit_ids=unit_ids, now=now))
    soon = now + timedelta(days=1)
    for row in rows:
        row.due_soon = bool(row.due_at and not row.is_overdue and row.due_at < soon)
    return render(
        request,
        "hotline/queue.html",
        {"rows": rows, "now": now, "staff": staff},
    )


def _working_request(request, reference):
    request_obj = pages.request_for_page(reference=reference)
    if request_obj is None:
        raise Http404
    if not pages.can_work_on(user=request.user, request=request_obj):
        raise _not_a_handler()
    return request_obj


def _render_item(request, request_obj, *, forms=None, status=200):
    forms = forms or {}
    return render(
        request,
        "hotline/queue_item.html",
        {
            "item": request_obj,
            "reply_form": forms.get("reply") or ReplyForm(),
            "send_back_form": forms.get("send_back") or ReasonForm(prefix="back"),
            "pause_form": forms.get("pause") or ReasonForm(prefix="pause"),
            "extension_form": forms.get("extension") or ReasonForm(prefix="ext"),
        },
        status=status,
    )


@login_required
@two_factor_required
@require_GET
def queue_item(request, reference):
    return _render_item(request, _working_request(request, reference))


ACTIONS = {"accept", "start", "resume", "reply", "send_back", "pause", "extension"}
DONE = {
    "accept": gettext_lazy("Accepted: the resolution deadline is on the request."),
    "start": gettext_lazy("Marked as in progress."),
    "resume": gettext_lazy("The clock runs again."),
    "reply": gettext_lazy("Your reply was sent to the resident."),
    "send_back": gettext_lazy("Sent back to the dispatcher."),
    "pause": gettext_lazy("The resident was asked; the clock is stopped."),
    "extension": gettext_lazy("Extension requested from the dispatcher."),
}


def _call(action, request_obj, user, form):
    data = form.cleaned_data if form is not None else {}
    if action == "accept":
        services.request_accept(request=request_obj, user=user)
    elif action == "start":
        services.request_start(request=request_obj, user=user)
    elif action == "resume":
        services.request_resume(request=request_obj, user=user)
    elif action == "reply":
        services.request_reply(
            request=request_obj, user=user, body=data["body"], photos=data["photos"]
        )
    elif action == "send_back":
        services.request_send_back(
            request=request_obj, user=user, reason=data["reason"]
        )
    elif action == "pause":
        services.request_pause(request=request_obj, user=user, reason=data["reason"])
    elif action == "extension":
        services.extension_request(
            request=request_obj, user=user, reason=data["reason"]
        )


FORMS = {
    "reply": lambda post, files: ReplyForm(post, files),
    "send_back": lambda post, files: ReasonForm(post, prefix="back"),
    "pause": lambda post, files: ReasonForm(post, prefix="pause"),
    "extension": lambda post, files: ReasonForm(post, prefix="ext"),
}


@login_required
@two_factor_required
@require_POST
def queue_action(request, reference, action):
    if action not in ACTIONS:
        raise Http404
    request_obj = _working_request(request, reference)
    form = None
    if action in FORMS:
        form = FORMS[action](request.POST, request.FILES)
        if not form.is_valid():
            return _render_item(request, request_obj, forms={action: form}, status=400)
    try:
        _call(action, request_obj, request.user, form)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("hotline:queue_item", reference=reference)
    messages.success(request, DONE[action])
    if action == "send_back":
        return redirect("hotline:queue")
    return redirect("hotline:queue_item", reference=reference)
