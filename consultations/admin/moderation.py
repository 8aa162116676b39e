"""The moderators' screens of the Wagtail admin: the queue of comments to
review, a comment's file with the decision form, bulk approval and the ban form;
and what the other "Moderation" screens share (the moderator check, the listing
viewset). Registered in consultations/wagtail_hooks.py.

Moderators are not necessarily staff: the "Moderators" group gives
``consultations.moderate_comment`` and ``wagtailadmin.access_admin``. Every view
checks the permission itself; the menu only hides what a user cannot open.
"""

from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from consultations.forms.moderation import (
    BanForm,
    BulkApproveForm,
    ModerationForm,
    ModerationQueueFilterSet,
)
from consultations.models import Comment
from consultations.selectors import moderation as selectors
from consultations.services import moderation as services
from home.exceptions import ServiceError
from home.models import User

TEMPLATES = "consultations/admin/"


class ModeratorRequired:
    """Views for moderators only (a PermissionDenied becomes Wagtail's "no
    permission" redirect)."""

    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not services.user_can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _clause_label(comment: Comment, cache: dict) -> str:
    if not comment.clause_id:
        return _("Whole text")
    key = (comment.consultation_id, comment.pledge_id)
    if key not in cache:
        cache[key] = {c["id"]: c["number"] for c in comment.target.clause_list}
    return cache[key].get(comment.clause_id) or _("Clause since removed")


def _flag_summary(comment: Comment) -> str:
    counts: dict[str, int] = {}
    for flag in comment.flags.all():
        label = flag.get_reason_display()
        counts[label] = counts.get(label, 0) + 1
    return "、".join(f"{label} ×{count}" for label, count in counts.items())


class SelectColumn(Column):
    """A checkbox for bulk approval, tied to the form below the table through the
    HTML ``form`` attribute, so it works without JavaScript."""

    cell_template_name = TEMPLATES + "cells/select_cell.html"


class CsrfColumn(Column):
    """A cell with a POST form needs the CSRF token in its own context."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        return context


def _menu_item_class(test):
    return type(
        "ModerationMenuItem",
        (MenuItem,),
        {"is_shown": lambda self, request: test(request.user)},
    )


class ListingViewSet(ViewSet):
    """A listing at the root of the viewset, with its results-only twin for the
    filters, plus ``extra_urls``."""

    listing_view = None
    extra_urls: list = []
    shown_to = staticmethod(services.user_can_moderate)

    @property
    def menu_item_class(self):
        return _menu_item_class(self.shown_to)

    def get_urlpatterns(self):
        view = self.listing_view
        return [
            path("", view.as_view(), name=self.index_name),
            path(
                "results/",
                view.as_view(results_only=True),
                name=self.index_name + "_results",
            ),
            *self.extra_urls,
        ]


# Queue ------------------------------------------------------------------------


class ModerationQueueView(ModeratorRequired, BaseListingView):
    page_title = gettext_lazy("Comments to review")
    header_icon = "warning"
    results_template_name = TEMPLATES + "queue_results.html"
    index_url_name = "moderation:queue"
    index_results_url_name = "moderation:queue_results"
    filterset_class = ModerationQueueFilterSet
    paginate_by = 50
    default_ordering = "created_at"

    def get_base_queryset(self):
        return selectors.moderation_queue(tab=self.tab)

    @property
    def tab(self) -> str:
        tab = self.request.GET.get("tab", "")
        return tab if tab in selectors.QUEUE_TABS else selectors.DEFAULT_QUEUE_TAB

    def get_valid_orderings(self):
        return ["created_at", "-created_at", "flag_count", "-flag_count"]

    @property
    def columns(self):
        cache: dict = {}
        return [
            SelectColumn("select", label=_("Select")),
            TitleColumn(
                "body",
                label=_("Comment"),
                accessor=lambda c: Truncator(c.body).chars(80),
                url_name="moderation:comment",
            ),
            Column("consultation", label=_("Consultation"), accessor="target.title"),
            Column(
                "clause", label=_("Clause"), accessor=lambda c: _clause_label(c, cache)
            ),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column(
                "flags",
                label=_("Reports"),
                accessor=_flag_summary,
                sort_key="flag_count",
            ),
            DateColumn("created_at", label=_("Created at"), sort_key="created_at"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("p", None)
        counts = selectors.moderation_queue_counts()
        tabs = []
        for name, (label, _condition) in selectors.QUEUE_TABS.items():
            query["tab"] = name
            tabs.append(
                {
                    "name": name,
                    "label": label,
                    "count": counts[name],
                    "url": f"{self.index_url}?{query.urlencode()}",
                    "current": name == self.tab,
                }
            )
        context.update(
            tabs=tabs,
            show_bulk_approve=self.tab in ("review", "pending")
            and any(c.status == Comment.Status.PENDING for c in context["object_list"]),
            bulk_form=BulkApproveForm(),
            bulk_approve_url=reverse("moderation:bulk_approve"),
        )
        return context


class CommentModerateView(ModeratorRequired, WagtailAdminTemplateMixin, FormView):
    template_name = TEMPLATES + "comment_moderate.html"
    header_icon = "warning"
    form_class = ModerationForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.comment = get_object_or_404(
            selectors.comment_for_moderation(pk=kwargs["pk"])
        )

    def get_page_title(self):
        return _("Comment #%(id)s") % {"id": self.comment.pk}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("moderation:queue"), "label": _("Comments to review")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "comment": self.comment}

    def get_context_data(self, **kwargs):
        comment = self.comment
        return super().get_context_data(
            comment=comment,
            clause_label=_clause_label(comment, {}),
            flags=selectors.comment_flags(comment=comment),
            decisions=selectors.comment_decisions(comment=comment),
            appeals=selectors.comment_appeals(comment=comment),
            ban=getattr(comment.author, "commenting_ban", None)
            if comment.author
            else None,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            decision = services.comment_moderate(
                moderator=self.request.user,
                comment=self.comment,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                violation=form.cleaned_data["violation"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Comment #%(id)s: %(action)s. The author has been emailed.")
            % {"id": self.comment.pk, "action": decision.get_action_display()},
        )
        return redirect("moderation:queue")


class BulkApproveView(ModeratorRequired, View):
    http_method_names = ["post"]

    def post(self, request):
        form = BulkApproveForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(request.META.get("HTTP_REFERER") or "moderation:queue")
        comments = Comment.objects.filter(pk__in=form.cleaned_data["comments"])
        try:
            decisions = services.comments_bulk_approve(
                moderator=request.user,
                comments=comments.order_by("pk"),
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(count)d comments approved; their authors have been emailed.")
                % {"count": len(decisions)},
            )
        return redirect("moderation:queue")


class UserBanView(ModeratorRequired, WagtailAdminTemplateMixin, FormView):
    template_name = TEMPLATES + "ban_form.html"
    header_icon = "lock"
    form_class = BanForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.banned_user = get_object_or_404(User, pk=kwargs["user_id"])

    def get_page_title(self):
        return _("Ban from commenting: %(name)s") % {
            "name": self.banned_user.get_full_name()
        }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("commenting_bans:index"), "label": _("Commenting bans")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            banned_user=self.banned_user,
            comment_count=Comment.objects.filter(author=self.banned_user).count(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.user_ban(
                moderator=self.request.user,
                user=self.banned_user,
                reason=form.cleaned_data["reason"],
                until=form.cleaned_data["until"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s can no longer comment.")
            % {"name": self.banned_user.get_full_name()},
        )
        return redirect("commenting_bans:index")


class QueueViewSet(ListingViewSet):
    name = "moderation"
    icon = "warning"
    menu_label = gettext_lazy("Comments to review")
    listing_view = ModerationQueueView
    index_name = "queue"
    extra_urls = [
        path("comments/<int:pk>/", CommentModerateView.as_view(), name="comment"),
        path("bulk-approve/", BulkApproveView.as_view(), name="bulk_approve"),
        path("users/<int:user_id>/ban/", UserBanView.as_view(), name="ban"),
    ]
