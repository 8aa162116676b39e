"""The moderators' screen for deciding an author's appeal (Comments to review →
a comment → Decide the appeal). Another moderator than the one who took the
decision under appeal decides; the service refuses the first one."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from consultations.admin.moderation import TEMPLATES, ModeratorRequired, QueueViewSet
from consultations.forms.moderation import AppealDecisionForm
from consultations.models import ModerationAppeal
from consultations.services.appeals import appeal_decide
from home.exceptions import ServiceError


class AppealDecideView(ModeratorRequired, WagtailAdminTemplateMixin, FormView):
    template_name = TEMPLATES + "appeal_decide.html"
    header_icon = "warning"
    form_class = AppealDecisionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.appeal = get_object_or_404(
            ModerationAppeal.objects.select_related(
                "comment", "decision__moderator", "outcome__moderator"
            ),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return _("Appeal on comment #%(id)s") % {"id": self.appeal.comment_id}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("moderation:queue"), "label": _("Comments to review")},
            {
                "url": reverse("moderation:comment", args=[self.appeal.comment_id]),
                "label": _("Comment #%(id)s") % {"id": self.appeal.comment_id},
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(appeal=self.appeal, **kwargs)

    def form_valid(self, form):
        try:
            decision = appeal_decide(
                moderator=self.request.user,
                appeal=self.appeal,
                grant=form.cleaned_data["grant"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Comment #%(id)s: %(action)s. The author has been emailed.")
            % {"id": self.appeal.comment_id, "action": decision.get_action_display()},
        )
        return redirect("moderation:comment", self.appeal.comment_id)


class QueueWithAppealsViewSet(QueueViewSet):
    extra_urls = [
        *QueueViewSet.extra_urls,
        path("appeals/<int:pk>/", AppealDecideView.as_view(), name="appeal"),
    ]
