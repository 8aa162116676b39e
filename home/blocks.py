"""StreamField blocks for the home and standard pages (one template each under
site/templates/blocks/)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=80)
    text = blocks.TextBlock(
        label=_("Short description"), required=False, max_length=300
    )
    image = ImageChooserBlock(label=_("Image"), required=False)
    link_page = blocks.PageChooserBlock(
        label=_("Page the button links to"), required=False
    )
    link_text = blocks.CharBlock(label=_("Button text"), required=False, max_length=30)

    class Meta:
        icon = "pick"
        label = _("Banner")
        template = "blocks/hero_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=80)
    text = blocks.TextBlock(
        label=_("Short description"), required=False, max_length=300
    )
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("Or an external link"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=30)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class PageListingBlock(blocks.StructBlock):
    """Lists the newest items of a chosen section page. A section whose items sit
    below unit folders (activities, pledges) says what its items are through
    ``teaser_items(count=...)`` and ``teaser_template`` (the card for one item);
    any other page lists its newest live children."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=80)
    index_page = blocks.PageChooserBlock(label=_("Section page"))
    count = blocks.IntegerBlock(
        label=_("Number of items"), default=3, min_value=1, max_value=12
    )

    class Meta:
        icon = "list-ul"
        label = _("Section listing")
        template = "blocks/page_listing_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        index_page = value.get("index_page")
        context["items"] = []
        context["item_template"] = ""
        if index_page is None:
            return context
        index_page = index_page.specific
        # The specific page links in the visitor's language (/en/… in English).
        context["index_page"] = index_page
        if hasattr(index_page, "teaser_items"):
            context["items"] = index_page.teaser_items(count=value["count"])
            context["item_template"] = index_page.teaser_template
        else:
            context["items"] = (
                index_page.get_children()
                .live()
                .public()
                .specific()
                .order_by("-first_published_at")[: value["count"]]
            )
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Subheading"),
        form_classname="title",
        template="blocks/heading_block.html",
    )
    text = blocks.RichTextBlock(
        label=_("Body text"),
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="blocks/text_block.html",
    )
    image = ImageChooserBlock(label=_("Image"), template="blocks/image_block.html")
    call_to_action = CallToActionBlock()


class HomeStreamBlock(BodyStreamBlock):
    hero = HeroBlock()
    listing = PageListingBlock()
