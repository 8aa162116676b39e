"""The folder pages that hold one unit's pages of a section (see
home/services/workspaces.py)."""

from wagtail.models import Page, get_page_models


class UnitFolderMixin:
    """A page holding one unit's pages of one section. Subclasses declare
    ``unit = models.OneToOneField("home.Unit", …)`` and ``section_index_model``
    ("app_label.ModelName" of the section's index page)."""

    section_index_model: str = ""
    # False where staff approve publication through a workflow (pledges).
    unit_group_can_publish = True

    @classmethod
    def unit_folder_models(cls) -> list[type[Page]]:
        return [
            model
            for model in get_page_models()
            if issubclass(model, UnitFolderMixin) and not model._meta.abstract
        ]
