"""The activity index (/activities/) and one folder per unit below it
(/activities/<unit>/). Both list the live activities below them; the listing
is read by a page method that calls the selectors.

The filter form and the selectors import the models, so the method imports them
when called."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.localized_pages import LocalizedURLMixin
from home.models.folders import UnitFolderMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin


class ActivityListingMixin:
    """The index and a unit's folder list the live activities below them, with
    the filter form (GET, shareable links) and pagination."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(query=request.GET))
        return context

    def listing_context(self, *, query) -> dict:
        """``query`` is the request's GET: the filters and the page number."""
        from volunteers.forms.activities import ActivityFilterForm
        from volunteers.selectors.activities import (
            activities_page,
            index_filter_choices,
        )

        if self.pk is None:  # an editor's preview of an index not saved yet
            return {"page_obj": None, "filter_form": None, "filters": {}}
        choices = index_filter_choices()
        form = ActivityFilterForm(query, districts=choices["districts"])
        filters = form.filters()
        now = timezone.now()
        return {
            "filter_form": form,
            "filters": filters,
            "is_filtered": any(filters.values()),
            "page_obj": activities_page(
                index_page=self, now=now, page_number=query.get("page"), **filters
            ),
            "now": now,
            **choices,
        }

    # The home page's section listing (home.blocks.PageListingBlock): the
    # activities below the unit folders, not the folders.
    teaser_template = "volunteers/includes/activity_teaser.html"

    def teaser_items(self, *, count: int) -> list:
        """The next ``count`` live, public activities below this page."""
        from volunteers.selectors.activities import activity_teasers

        if self.pk is None:
            return []
        return activity_teasers(index_page=self, now=timezone.now(), limit=count)


class ActivityIndexPage(
    LocalizedURLMixin, ActivityListingMixin, ChineseSearchMixin, Page
):
    # The menu's label where the page has no translation in the visitor's
    # language (home/localized_pages.py).
    menu_label = _("Volunteer activities")

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["volunteers.UnitActivitiesPage"]

    class Meta:
        verbose_name = _("Activity index")
        verbose_name_plural = _("Activity indexes")


class UnitActivitiesPage(
    LocalizedURLMixin, ActivityListingMixin, UnitFolderMixin, Page
):
    """One unit's activities (/activities/<unit>/): the subtree its editors and
    organisers may write in. Created with the unit (home/workspaces.py)."""

    unit = models.OneToOneField(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="activity_folder",
    )

    section_index_model = "volunteers.ActivityIndexPage"
    unit_group_can_publish = True
    is_creatable = False
    template = "volunteers/activity_index_page.html"
    content_panels = [*Page.content_panels]
    parent_page_types = ["volunteers.ActivityIndexPage"]
    subpage_types = ["volunteers.ActivityPage"]

    class Meta:
        verbose_name = _("Unit's activities")
        verbose_name_plural = _("Units' activities")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["folder_unit"] = self.unit
        return context
