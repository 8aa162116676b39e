"""The hotline operators' and dispatchers' pages: a call entered for a caller
(/requests/operator/new/), the follow-up call's rating, and the dispatch desk
(/requests/dispatch/): reassign, decide send-backs and extensions, merge
duplicates. Each power is a privileged permission (two-factor)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from home.exceptions import ServiceError
from home.permissions import has_privileged_permission, is_platform_staff
from home.twofactor import two_factor_required

from .. import selectors, services
from .. import selectors_pages as pages
from ..page_forms import (
    DecisionForm,
    FollowUpForm,
    MergeForm,
    OperatorRequestForm,
    ReassignForm,
)

OPERATE = "hotline.operate_hotline"
# The longest list of each kind on the desk (the oldest first).
DESK_LIMIT = 50
DISPATCH = "hotline.dispatch_hotline"


def may_operate(user) -> bool:
    return is_platform_staff(user) or has_privileged_permission(user, OPERATE)


def may_dispatch(user) -> bool:
    return is_platform_staff(user) or has_privileged_permission(user, DISPATCH)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@login_required
@two_factor_required
def operator_new(request):
    """An operator enters a call. The page then shows the reference number and
    the lookup code to read to the caller: the code is shown this once."""
    _require(
        may_operate(request.user),
        _("Only hotline operators can enter calls."),
    )
    form = OperatorRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created, code = services.request_enter_by_operator(
                operator=request.user,
                caller_name=data["caller_name"],
                caller_phone=data["caller_phone"],
                category=data["category"],
                district=data["district"],
                community=data["community"],
                place=data["place"],
                description=data["description"],
                photos=data["photos"],
                contact_preference=data["contact_preference"],
                is_public=data["is_public"],
                photos_public=data["photos_public"],
                tier=data["tier"] or None,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request,
                "hotline/operator_done.html",
                {"item": created, "code": code},
            )
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "hotline/operator_form.html",
        {
            "form": form,
            "photos_lost": bool(form.errors) and bool(request.FILES.getlist("photos")),
        },
        status=status,
    )


@login_required
@two_factor_required
@require_POST
def follow_up(request, reference):
    """The rating a caller gave in the follow-up call (回访)."""
    _require(may_operate(request.user), _("Only hotline operators can do this."))
    request_obj = pages.request_for_page(reference=reference)
    if request_obj is None:
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.request_follow_up(
                request=request_obj,
                operator=request.user,
                grade=form.cleaned_data["grade"],
                comment=form.cleaned_data["comment"],
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The caller's rating was recorded."))
    else:
        messages.error(request, _("Choose the caller's rating."))
    return redirect("hotline:dispatch")


@login_required
@two_factor_required
@require_GET
def dispatch(request):
    """What waits for the dispatch desk: sent-back requests, extension
    requests, requests without a unit, replies awaiting a follow-up call."""
    _require(
        may_operate(request.user) or may_dispatch(request.user),
        _("Only hotline operators and dispatchers can open the dispatch desk."),
    )
    desk = {
        key: list(items[:DESK_LIMIT])
        for key, items in selectors.dispatch_desk(now=timezone.now()).items()
    }
    # One set of forms per item, each with its own field ids.
    for items in desk.values():
        for item in items:
            auto_id = f"id_{item.reference}_%s"
            item.forms = {
                "reassign": ReassignForm(auto_id=auto_id),
                "decision": DecisionForm(auto_id=auto_id),
                "merge": MergeForm(auto_id=auto_id),
                "follow_up": FollowUpForm(auto_id=auto_id),
            }
    return render(
        request,
        "hotline/dispatch.html",
        {"desk": desk, "can_decide": may_dispatch(request.user)},
    )


DISPATCH_ACTIONS = {
    "reassign": (ReassignForm, OPERATE),
    "send_back": (DecisionForm, DISPATCH),
    "extension": (DecisionForm, DISPATCH),
    "merge": (MergeForm, DISPATCH),
}


def _dispatch_call(action, request_obj, user, data):
    if action == "reassign":
        services.request_reassign(
            request=request_obj, user=user, unit=data["unit"], reason=data["reason"]
        )
    elif action == "send_back":
        services.send_back_decide(
            request=request_obj,
            user=user,
            approve=data["approve"],
            unit=data["unit"],
            reason=data["reason"],
        )
    elif action == "extension":
        services.extension_decide(
            request=request_obj, user=user, approve=data["approve"]
        )
    elif action == "merge":
        target = pages.request_for_page(reference=data["into"])
        if target is None:
            raise ServiceError(_("No request has the reference %s.") % data["into"])
        services.request_merge(duplicate=request_obj, into=target, user=user)


@login_required
@two_factor_required
@require_POST
def dispatch_action(request, reference, action):
    if action not in DISPATCH_ACTIONS:
        raise Http404
    form_class, permission = DISPATCH_ACTIONS[action]
    allowed = may_dispatch(request.user) or (
        permission == OPERATE and may_operate(request.user)
    )
    _require(allowed, _("Only hotline dispatchers can do this."))
    request_obj = pages.request_for_page(reference=reference)
    if request_obj is None:
        raise Http404
    form = form_class(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            str(error) for errors in form.errors.values() for error in errors
        )
        messages.error(request, errors)
        return redirect("hotline:dispatch")
    try:
        _dispatch_call(action, request_obj, request.user, form.cleaned_data)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: %(reference)s.") % {"reference": reference})
    return redirect("hotline:dispatch")
