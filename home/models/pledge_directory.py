"""The pages above the pledges: the public directory of all units' pledges and
each unit's folder of pledges (see pledges.py for the pledge pages themselves).

The pages own their reads: ``get_context`` calls small methods that ask the
selectors in home/pledges/selectors.py (imported where they are used, because
the selectors import these models)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.localized_pages import LocalizedURLMixin
from home.models.folders import UnitFolderMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin

PLEDGES_PER_PAGE = 12


class PledgeIndexPage(LocalizedURLMixin, ChineseSearchMixin, Page):
    """The directory of all units' pledges (one, slug "pledges")."""

    # The menu's label where the page has no translation in the visitor's
    # language (home/localized_pages.py).
    menu_label = _("Unit pledges")

    intro = RichTextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.UnitPledgesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Pledge directory")
        verbose_name_plural = _("Pledge directories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.limits import without_search_words

        context.update(self.directory(without_search_words(request, request.GET)))
        return context

    def directory(self, query) -> dict:
        """The live pledges filtered by ``query`` (the GET parameters), one page of
        them; the number of queries does not depend on the number of pledges."""
        if self.pk is None:  # an editor's preview of an index not saved yet
            return {"page_obj": None, "filter_form": None, "filters": {}}
        from home.pledges import selectors
        from home.pledges.forms import PledgeFilterForm

        form = PledgeFilterForm(query, years=selectors.pledge_years())
        filters = form.filters()
        pledges = selectors.pledge_directory(
            district_code=filters["district"],
            kind=filters["kind"],
            category=filters["category"],
            year=filters["year"],
            status=filters["status"],
            query=filters["q"],
        )
        page = Paginator(pledges, PLEDGES_PER_PAGE).get_page(query.get("page"))
        page.object_list = list(page.object_list)
        for pledge in page.object_list:
            pledge.status_label = pledge.lifecycle_label
            # From the prefetched items: no query per pledge.
            pledge.categories = sorted(
                {item.get_category_display() for item in pledge.items.all()}
            )
        return {
            "filter_form": form,
            "filters": filters,
            "is_filtered": any(filters.values()),
            "page_obj": page,
        }

    # The home page's section listing (home.blocks.PageListingBlock): the
    # pledges below the unit folders, not the folders.
    teaser_template = "home/includes/pledge_teaser.html"

    def teaser_items(self, *, count: int) -> list:
        """The ``count`` most recently published live, public pledges below."""
        from home.pledges.selectors import pledge_teasers

        if self.pk is None:
            return []
        return pledge_teasers(index_page=self, limit=count)


class UnitPledgesPage(LocalizedURLMixin, UnitFolderMixin, Page):
    """A unit's folder of pledges over the years: the subtree its group edits.
    Created with the unit (home/services/workspaces.py), never by hand."""

    # The per-unit group gets add/change on this folder; publishing stays with the
    # staff who approve the workflow.
    section_index_model = "home.PledgeIndexPage"
    unit_group_can_publish = False
    is_creatable = False

    unit = models.OneToOneField(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="pledge_folder",
    )

    content_panels = [*Page.content_panels]
    parent_page_types = ["home.PledgeIndexPage"]
    subpage_types = ["home.PledgePage"]

    class Meta:
        verbose_name = _("Unit's pledges")
        verbose_name_plural = _("Units' pledges")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pledges"] = self.pledges()
        return context

    def pledges(self):
        """The unit's live pledges with their status, newest first."""
        from home.pledges.selectors import unit_pledges

        return unit_pledges(unit_id=self.unit_id)

    # The home page's section listing (home.blocks.PageListingBlock): the
    # pledges below the unit folders, not the folders.
    teaser_template = "home/includes/pledge_teaser.html"

    def teaser_items(self, *, count: int) -> list:
        """The ``count`` most recently published live, public pledges below."""
        from home.pledges.selectors import pledge_teasers

        if self.pk is None:
            return []
        return pledge_teasers(index_page=self, limit=count)
