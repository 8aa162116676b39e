"""The person's own pages: /me/close-account/ (what is deleted and what stays,
then the confirm button; once asked, the date and how to cancel) and the
cancel button. Both need a fresh sign-in (allauth's reauthentication)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allauth.account.decorators import reauthentication_required

from home.account_closure import selectors, services
from home.exceptions import ServiceError
from home.models import CLOSURE_GRACE_PERIOD


@login_required
@reauthentication_required
def close_account(request):
    closure = selectors.pending_closure(user=request.user)
    if request.method == "POST" and closure is None:
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm."))
        else:
            try:
                closure = services.account_closure_request(
                    user=request.user, requested_by=request.user
                )
            except ServiceError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Your account will be closed on %(date)s.")
                    % {"date": f"{timezone.localtime(closure.effective_at):%Y-%m-%d}"},
                )
                return redirect("home:close_account")
    return render(
        request,
        "home/close_account.html",
        {
            "closure": closure,
            "grace_days": CLOSURE_GRACE_PERIOD.days,
            "volunteer_summary": selectors.volunteer_summary(user=request.user),
        },
    )


@login_required
@require_POST
def close_account_cancel(request):
    closure = selectors.pending_closure(user=request.user)
    if closure is not None and services.account_closure_cancel(
        closure=closure, by=request.user
    ):
        messages.success(
            request, _("The closure is cancelled; your account stays as it was.")
        )
    return redirect("home:dashboard")
