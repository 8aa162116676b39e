"""The page that asks again after a policy changes (``/me/consent/``); it also
shows what the person has accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from home.consent import selectors, services
from home.consent.forms import ConsentForm
from home.consent.middleware import EXEMPT_PREFIXES, path_without_language
from home.exceptions import ServiceError


def _next_path(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if (
        not safe
        or not target.startswith("/")
        or path_without_language(target).startswith(EXEMPT_PREFIXES)
    ):
        return ""
    return target


@login_required
def consent_review(request):
    pending = selectors.consent_pending(user=request.user)
    form = ConsentForm(
        request.POST if request.method == "POST" and pending else None,
        pending=pending,
    )
    next_path = _next_path(request)
    if form.is_bound and form.is_valid():
        try:
            services.consent_accept_pending(
                user=request.user, shown_ids=form.cleaned_data["versions"]
            )
        except ServiceError as error:
            messages.warning(request, str(error))
            return redirect(request.get_full_path())
        messages.success(request, _("Thank you. Your acceptance has been recorded."))
        return redirect(next_path or "home:dashboard")
    return render(
        request,
        "home/consent.html",
        {
            "pending": pending,
            "form": form,
            "next_path": next_path,
            "records": selectors.consent_records_standing(user=request.user),
            # Account closure's page (/me/close-account/), where declining leads.
            "close_account_path": f"{reverse('home:dashboard')}close-account/",
        },
        status=400 if form.is_bound else 200,
    )
