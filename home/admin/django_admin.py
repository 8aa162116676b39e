"""The Django admin's screens of a person's account (allauth's email addresses
and authenticators): opening one is recorded in the personal data access log.
allauth registers them; we import its admin modules first (autodiscovery then
finds them already imported), take them off and register subclasses."""

from django.contrib import admin
from django.contrib.admin.utils import unquote

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator

from home.access_log import AccessRecord, access_record


class RecordAccessMixin:
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_view_or_change_permission(request, obj):
                access_record(
                    viewer=request.user,
                    subjects=[obj.user_id],
                    what=AccessRecord.What.ADMIN_USER,
                    request=request,
                )
        return super().change_view(request, object_id, form_url, extra_context)


class RecordedEmailAddressAdmin(RecordAccessMixin, EmailAddressAdmin):
    pass


class RecordedAuthenticatorAdmin(RecordAccessMixin, AuthenticatorAdmin):
    pass


for _model, _admin in (
    (EmailAddress, RecordedEmailAddressAdmin),
    (Authenticator, RecordedAuthenticatorAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
