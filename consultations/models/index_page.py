"""The consultation index: filters (GET, no JavaScript needed) and a paginated
list. The page owns its reads: ``get_context`` calls ``listing_context``, which
calls the selectors (imported inside the method: they import
``consultations.models``, which is still loading while this module runs)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.localized_pages import LocalizedURLMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin


class ConsultationIndexPage(LocalizedURLMixin, ChineseSearchMixin, Page):
    # The menu's label where the page has no translation in the visitor's
    # language (home/localized_pages.py).
    menu_label = _("Consultations")

    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("Consultation index")
        verbose_name_plural = _("Consultation indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.limits import without_search_words

        context.update(self.listing_context(without_search_words(request, request.GET)))
        return context

    def listing_context(self, params) -> dict:
        """The filter form (GET, no JavaScript needed) and one page of the list,
        from the query string. The number of queries does not depend on the
        number of consultations or comments."""
        if self.pk is None:  # an editor's preview of an index not saved yet
            return {"page_obj": None, "filter_form": None, "filters": {}}
        from consultations.forms.index import ConsultationFilterForm
        from consultations.selectors.index import (
            consultation_index_page,
            index_filter_choices,
        )

        choices = index_filter_choices(index_page=self)
        form = ConsultationFilterForm(params, **choices)
        filters = form.filters()
        return {
            "filter_form": form,
            "filters": filters,
            "is_filtered": any(filters.values()),
            "page_obj": consultation_index_page(
                index_page=self,
                now=timezone.now(),
                filters=filters,
                page_number=params.get("page"),
            ),
            **choices,
        }
