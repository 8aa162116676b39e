"""Pages of "download my data": ask, watch the progress, download (the owner
only, after confirming their password or second factor again)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from allauth.account.decorators import reauthentication_required

from home.data_export import selectors, services
from home.exceptions import ServiceError

# Seconds between reloads of the progress page while the export is prepared.
REFRESH_SECONDS = 3


@login_required
@require_GET
def data_export(request):
    export = selectors.data_export_latest(user=request.user)
    if export is not None and services.data_export_announce(export=export):
        messages.success(request, _("Your data is ready to download."))
    next_allowed_at = services.data_export_next_allowed_at(user=request.user)
    response = render(
        request,
        "home/data_export/page.html",
        {
            "export": export,
            "refresh_seconds": REFRESH_SECONDS
            if export is not None and export.is_active
            else None,
            "next_allowed_at": next_allowed_at,
            "can_request": next_allowed_at is None or next_allowed_at <= timezone.now(),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def data_export_request(request):
    try:
        export = services.data_export_request(user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("home:data_export")
    export.refresh_from_db(fields=["status"])
    if export.is_active:  # not yet built (a worker takes it in the background)
        messages.success(
            request,
            _(
                "We are preparing your data. This page shows the progress, and "
                "we will email you when it is ready."
            ),
        )
    return redirect("home:data_export")


@login_required
@require_GET
def data_export_download(request, export_id):
    export = selectors.data_export_for_download(user=request.user, export_id=export_id)
    if export is None:
        raise Http404
    return _send_file(request, export)


@reauthentication_required
def _send_file(request, export):
    # After the owner check: someone else gets 404, not a password prompt.
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
