"""Registers the shared core's admin screens (they live in home/admin/) and keeps
unit folders in step with new section indexes."""

from wagtail import hooks

from home.admin.viewsets import CoreViewSetGroup
from home.models.folders import UnitFolderMixin
from home.services.workspaces import section_folders_ensure


@hooks.register("register_admin_viewset")
def register_core_viewsets():
    return CoreViewSetGroup()


@hooks.register("after_create_page")
def give_units_their_folders(request, page):
    """A new section index (activities, pledges …) gets a folder per unit."""
    index_models = {
        folder.section_index_model.lower()
        for folder in UnitFolderMixin.unit_folder_models()
    }
    if f"{page._meta.app_label}.{page._meta.model_name}" in index_models:
        section_folders_ensure(index_page=page)
