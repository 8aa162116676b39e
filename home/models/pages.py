"""The site shell's pages: the home page and plain content pages."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock, HomeStreamBlock
from home.localized_pages import LocalizedURLMixin
from home.search import index_text


class ChineseSearchMixin:
    """Indexes a page's text as Chinese-aware terms (see home/search.py).

    A page type lists its searchable text in ``search_text_parts``; the search page
    queries the ``search_terms`` field with the same analysis."""

    def search_text_parts(self) -> list[str]:
        return []

    def search_terms(self) -> str:
        parts = [self.title, self.search_description, *self.search_text_parts()]
        return index_text(" ".join(part for part in parts if part))

    @staticmethod
    def stream_text(stream_value) -> list[str]:
        return [
            str(text)
            for text in stream_value.stream_block.get_searchable_content(stream_value)
        ]


CHINESE_SEARCH_FIELDS = [index.SearchField("search_terms")]


class HomePage(LocalizedURLMixin, ChineseSearchMixin, Page):
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("Content"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Home page")
        verbose_name_plural = _("Home pages")

    def search_text_parts(self):
        return self.stream_text(self.body)


class StandardPage(LocalizedURLMixin, ChineseSearchMixin, Page):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("Content"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("Standard page")
        verbose_name_plural = _("Standard pages")

    def search_text_parts(self):
        return self.stream_text(self.body)
