"""StreamField blocks of a consultation: numbered clauses and attachments.

A clause's anchor is its StreamField block id, which Wagtail keeps when the text is
edited, so comments on a clause stay attached to it across revisions."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ClauseBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("Number"), max_length=20, help_text=_("For example 第一条.")
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=100, required=False)
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "list-ol"
        label = _("Clause")
        template = "blocks/clause_block.html"


class ClauseStreamBlock(blocks.StreamBlock):
    clause = ClauseBlock()


class AttachmentStreamBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(label=_("Document"))
