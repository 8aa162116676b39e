"""The person's inbox (/me/inbox/): the list, opening a message, marking all
read, and the channel settings.

Opening a message is a POST (a button styled as the message's title): it
changes state (the read time), so a link prefetcher, a crawler or a link
pasted elsewhere must not do it, and the CSRF token keeps another site from
marking someone's messages read. No JavaScript is needed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home.inbox import selectors, services
from home.inbox.forms import NotificationSettingsForm
from home.phone import has_verified_phone

PAGE_SIZE = 20


@login_required
@require_GET
def inbox(request):
    page = Paginator(selectors.inbox_messages(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    response = render(
        request,
        "home/inbox/list.html",
        {
            "page_obj": page,
            "unread_count": selectors.inbox_unread_count(user=request.user),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def inbox_open(request, message_id):
    message = services.inbox_message_open(user=request.user, message_id=message_id)
    if message is None:
        raise Http404
    if message.url and url_has_allowed_host_and_scheme(
        message.url, allowed_hosts={request.get_host()}
    ):
        return redirect(message.url)
    return redirect("home:inbox")


@login_required
@require_POST
def inbox_read_all(request):
    count = services.inbox_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All messages are marked as read."))
    return redirect("home:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def inbox_settings(request):
    can_text = has_verified_phone(request.user)
    rows = selectors.notification_settings(user=request.user)
    initial = {}
    for row in rows:
        initial[f"email-{row.kind.key}"] = row.email
        initial[f"sms-{row.kind.key}"] = row.sms
    form = NotificationSettingsForm(
        request.POST or None, initial=initial, can_text=can_text
    )
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_save(
            user=request.user, choices=form.choices()
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("home:inbox_settings")
    return render(
        request,
        "home/inbox/settings.html",
        {
            "form": form,
            "rows": [
                {
                    "kind": row.kind,
                    "email": form[f"email-{row.kind.key}"],
                    "sms": form[f"sms-{row.kind.key}"],
                }
                for row in rows
            ],
            "can_text": can_text,
        },
    )
