"""/me/account/tokens/: a person's personal access tokens for the API: create
(shown once), list, revoke. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from home.api_tokens import selectors, services
from home.api_tokens.forms import ApiTokenForm
from home.exceptions import ServiceError
from home.twofactor import has_two_factor, holds_privilege


@sensitive_variables("token")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    token = None
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                row, token = services.api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=form.expires_at(),
                    request=request,
                )
            except (ServiceError, PermissionDenied) as error:
                form.add_error(None, str(error))
            else:
                status = 200
                form = ApiTokenForm()
                messages.success(
                    request, _("Token “%(name)s” created.") % {"name": row.name}
                )
    response = render(
        request,
        "home/api_tokens.html",
        {
            "form": form,
            "new_token": token,
            "tokens": selectors.api_tokens_of(user=request.user),
            "now": timezone.now(),
            "write_needs_two_factor": holds_privilege(request.user)
            and not has_two_factor(request.user),
        },
        status=status,
    )
    # The new token is on this page once: never in a cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request, token_id):
    try:
        row = services.api_token_revoke(user=request.user, token_id=token_id)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Token “%(name)s” revoked: it no longer works.") % {"name": row.name},
        )
    return redirect("home:api_tokens")
