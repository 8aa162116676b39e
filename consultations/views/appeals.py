"""An author's appeal against a moderation decision on their comment: the form
linked from the comment (on the page, for its author) and from the decision's
email. Thin: the service checks every rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consultations.forms.comments import AppealForm
from consultations.models import Comment
from consultations.selectors.moderation import appealable_decision
from consultations.services.appeals import appeal_create
from home.exceptions import ServiceError


@login_required
def comment_appeal(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("consultation", "pledge"), pk=comment_id
    )
    if comment.author_id != request.user.pk:
        raise Http404
    decision = appealable_decision(comment=comment)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal_create(
                user=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your appeal has been sent. A moderator other than the one who "
                    "decided will look at it, and we will email you the outcome."
                ),
            )
            return redirect(comment.target.get_url(request) or "/")
    return render(
        request,
        "consultations/comment_appeal.html",
        {
            "comment": comment,
            "decision": decision,
            "appeals": comment.appeals.select_related("outcome").order_by("pk"),
            "form": form,
            "page": comment.target,
        },
        status=400 if form.errors else 200,
    )
