"""Registers the shared core's admin screens (they live in home/admin/), records
who opens an account in the admin, and keeps unit folders in step with new
section indexes."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from home.access_log import AccessRecord, access_record
from home.account_closure.admin import (
    AccountClosurePermissionPolicy,
    UserBulkDeleteRefused,
    refuse_user_deletion,
)
from home.admin.access_log import AccessRecordViewSet
from home.admin.consent import ConsentViewSetGroup, PolicyVersionPermissionPolicy
from home.admin.dashboard import add_dashboard_panels, point_help_menu_at_own_guide
from home.admin.viewsets import CoreViewSetGroup
from home.models import AccountClosure, ConsentRecord, PolicyVersion
from home.models.folders import UnitFolderMixin
from home.permissions import StaffReadOnlyPermissionPolicy
from home.services.workspaces import section_folders_ensure


@hooks.register("register_admin_viewset")
def register_core_viewsets():
    return CoreViewSetGroup()


# Staff (with two-factor) read the log; nobody changes it in the admin.
register_permission_policy(AccessRecord, StaffReadOnlyPermissionPolicy(AccessRecord))


@hooks.register("register_admin_viewset")
def register_access_log_viewset():
    return AccessRecordViewSet()


@hooks.register("before_edit_user")
def record_admin_user_view(request, user):
    """Opening someone's account in the admin shows their personal data."""
    if request.method == "GET":
        access_record(
            viewer=request.user,
            subjects=[user],
            what=AccessRecord.What.ADMIN_USER,
            request=request,
        )


register_permission_policy(PolicyVersion, PolicyVersionPermissionPolicy(PolicyVersion))
register_permission_policy(ConsentRecord, StaffReadOnlyPermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_consent_viewsets():
    return ConsentViewSetGroup()


@hooks.register("after_create_page")
def give_units_their_folders(request, page):
    """A new section index (activities, pledges …) gets a folder per unit."""
    index_models = {
        folder.section_index_model.lower()
        for folder in UnitFolderMixin.unit_folder_models()
    }
    if f"{page._meta.app_label}.{page._meta.model_name}" in index_models:
        section_folders_ensure(index_page=page)


register_permission_policy(
    AccountClosure, AccountClosurePermissionPolicy(AccountClosure)
)


@hooks.register("before_delete_user")
def close_instead_of_deleting_users(request, user):
    return refuse_user_deletion(request, user)


# After Wagtail's own registration (order 0), so that this one replaces it.
hooks.register("register_bulk_action", UserBulkDeleteRefused, order=1)


@hooks.register("construct_homepage_panels")
def add_core_dashboard_panels(request, panels):
    add_dashboard_panels(request, panels)


@hooks.register("construct_help_menu")
def replace_wagtail_guide_links(request, menu_items):
    point_help_menu_at_own_guide(request, menu_items)
