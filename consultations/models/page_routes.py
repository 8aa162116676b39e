"""The consultation page's routes for its residents' forms: comment, support,
report, follow, unfollow and the survey.

Each form posts to a route, which calls a service and redirects back to the page
(PRG) with a message; a refused comment shows the page again, through the page,
with the text as typed. The services check every rule again, so a crafted request
gets no further than the form would.

Forms and services are imported inside the methods: they import
``consultations.models``, which is still loading while this module runs."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext

from wagtail.contrib.routable_page.models import RoutablePageMixin

from consultations.models.comments import HELD_MESSAGE, Comment
from home.exceptions import ServiceError
from home.routing import post_path


class ConsultationPageRoutes(RoutablePageMixin):
    """Mixed into ``ConsultationPage``: ``self`` is the live page being served."""

    def _page_url(self, request) -> str:
        """The page's address in the language the visitor is using."""
        return translate_url(self.get_url(request) or "/", get_language())

    def _own_comment(self, comment_id: int) -> Comment:
        return get_object_or_404(
            Comment.objects.select_related("consultation"),
            consultation=self,
            pk=comment_id,
        )

    @post_path("comment/", name="comment_create")
    def comment_create(self, request):
        """A resident's comment: back to it once published or queued; a refused
        comment shows the page again with the text as typed and the reason."""
        from consultations.forms.comments import CommentForm
        from consultations.services import comments as comment_services

        page_url = self.get_url(request)
        if not request.user.is_authenticated:
            messages.info(request, gettext("Sign in to comment."))
            return redirect_to_login(f"{page_url}#comment-form")
        form = CommentForm(request.POST, consultation=self)
        if form.is_valid():
            try:
                comment = comment_services.comment_create(
                    user=request.user,
                    consultation=self,
                    body=form.cleaned_data["body"],
                    clause_id=form.cleaned_data["clause"],
                    show_masked_name=form.cleaned_data["show_masked_name"],
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                if comment.held_words:
                    messages.warning(request, str(HELD_MESSAGE))
                elif comment.status == Comment.Status.PENDING:
                    messages.success(
                        request,
                        gettext(
                            "Thank you. Your comment will be shown once a moderator "
                            "has approved it."
                        ),
                    )
                else:
                    messages.success(
                        request, gettext("Thank you. Your comment is published.")
                    )
                return redirect(f"{page_url}#comment-{comment.pk}")
        return self.render(request, context_overrides={"comment_form": form})

    @post_path("comments/<int:comment_id>/support/", name="comment_support")
    def comment_support(self, request, comment_id):
        """Support (附议) one of this page's comments."""
        from consultations.reactions import comment_support_response

        return comment_support_response(request, self._own_comment(comment_id))

    @post_path("comments/<int:comment_id>/flag/", name="comment_flag")
    def comment_flag(self, request, comment_id):
        """Report one of this page's comments to the moderators."""
        from consultations.reactions import comment_flag_response

        return comment_flag_response(request, self._own_comment(comment_id))

    @post_path("follow/", name="follow")
    def follow(self, request):
        """Follow the consultation: one email when its results are published."""
        from consultations.services.following import consultation_follow

        page_url = self._page_url(request)
        if not request.user.is_authenticated:
            return _sign_in_first(page_url)
        try:
            consultation_follow(user=request.user, consultation=self)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                gettext(
                    "You follow this consultation: we will email you when the "
                    "results are published."
                ),
            )
        return redirect(f"{page_url}#follow")

    @post_path("unfollow/", name="unfollow")
    def unfollow(self, request):
        """Stop following; nothing to say if the resident was not following. Back
        to the page, or to ``next`` (the resident's own page, where they can stop
        following too) when it is an address of this site."""
        from consultations.services.following import consultation_unfollow

        page_url = self._page_url(request)
        if not request.user.is_authenticated:
            return _sign_in_first(page_url)
        if consultation_unfollow(user=request.user, consultation=self):
            messages.success(
                request, gettext("You no longer follow this consultation.")
            )
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return redirect(next_url)
        return redirect(f"{page_url}#follow")

    @post_path("survey/", name="survey_submit", login_required=True)
    def survey_submit(self, request):
        """Answer the survey. Refused answers are kept in the session for the
        page to show again with each field's message, after the redirect."""
        from consultations.forms.surveys import SurveyForm
        from consultations.selectors.surveys import survey_draft_key
        from consultations.services.surveys import survey_submit

        back = redirect(f"{self.get_url(request)}#survey")
        form = SurveyForm(request.POST, questions=list(self.survey_questions.all()))
        if not form.is_valid():
            request.session[survey_draft_key(self)] = dict(request.POST.lists())
            messages.error(
                request,
                gettext(
                    "Your answers were not saved. Check the questions marked below."
                ),
            )
            return back
        try:
            survey_submit(user=request.user, consultation=self, answers=form.answers())
        except (ServiceError, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, gettext("Thank you: your answers have been recorded.")
            )
        return back


def _sign_in_first(page_url: str):
    return redirect(f"{reverse('account_login')}?{urlencode({'next': page_url})}")
