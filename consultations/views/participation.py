"""The signed-in person's full list of their comments and pledge feedback, with
their status and the answers (their own page shows the newest few)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from consultations.selectors import participation as selectors

MY_COMMENTS_PER_PAGE = 20


@login_required
@require_GET
def my_comments(request):
    page = Paginator(
        selectors.my_comments(user=request.user), MY_COMMENTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/my_comments.html",
        {
            "page_obj": page,
            "comments": selectors.comment_states(page.object_list, now=timezone.now()),
            "figures": selectors.my_comment_figures(user=request.user),
        },
    )
