"""Account closures (staff): the list of requests, and filing one on someone's
behalf (a hotline call, a written request) with a reason, through the
closure service. Rows are never edited or deleted here."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from home.account_closure import services
from home.exceptions import ServiceError
from home.models import AccountClosure, User
from home.permissions import ModelWidePermissionPolicy, is_platform_staff


class AccountClosurePermissionPolicy(ModelWidePermissionPolicy):
    """Staff see the requests and file new ones; nobody edits or deletes them."""

    def user_has_permission(self, user, action):
        return action in ("view", "add") and is_platform_staff(user)


class AccountClosureForm(WagtailAdminModelForm):
    email = forms.EmailField(
        label=gettext_lazy("Email address of the account"),
        help_text=gettext_lazy("The address the person signs in with."),
    )

    class Meta:
        model = AccountClosure
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "reason": gettext_lazy(
                "Required: how the person asked (hotline call on …, letter of …)."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, closed_at__isnull=True).first()
        if user is None:
            raise forms.ValidationError(_("No open account uses this email address."))
        self.account = user
        return email


class AccountClosureCreateView(CreateView):
    page_title = gettext_lazy("Close an account on someone's behalf")

    def get_initial(self):
        initial = super().get_initial()
        user_id = self.request.GET.get("user", "")
        if user_id.isdigit():
            user = User.objects.filter(pk=int(user_id)).first()
            if user is not None:
                initial["email"] = user.email
        return initial

    def save_instance(self):
        return services.account_closure_request(
            user=self.form.account,
            requested_by=self.request.user,
            reason=self.form.cleaned_data["reason"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _(
            "The account will be closed on %(date)s unless the person signs in "
            "before then; they have been emailed."
        ) % {"date": f"{instance.effective_at:%Y-%m-%d}"}

    def get_success_buttons(self):
        return []


class AccountClosureViewSet(ModelViewSet):
    model = AccountClosure
    name = "account_closures"
    icon = "warning"
    menu_label = gettext_lazy("Account closures")
    list_display = ["user", "status", "on_behalf", "requested_at", "effective_at"]
    list_filter = ["status", "on_behalf"]
    add_view_class = AccountClosureCreateView
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "status",
        "on_behalf",
        "requested_by",
        "reason",
        "requested_at",
        "effective_at",
        "cancelled_at",
        "done_at",
    ]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AccountClosureForm


def refuse_user_deletion(request, user):
    """The admin's "delete user" would cascade into records that must stay
    (and fail on the protected ones): an account is closed instead."""
    messages.warning(
        request,
        _(
            "Accounts are not deleted: they are closed and anonymised after a "
            "grace period. File the closure with the reason."
        ),
    )
    return redirect(
        reverse("account_closures:add") + f"?user={user.pk}",
    )


class UserBulkDeleteRefused(DeleteBulkAction):
    """Replaces the users listing's bulk "delete": no account may be deleted
    there (each is closed with a reason instead), so every selected account is
    listed as one the staff member cannot delete."""

    def check_perm(self, obj):
        return False
