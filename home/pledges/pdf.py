"""The printable pledge letter as a PDF (reportlab, Chinese CID font)."""

from django.utils import formats
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from home.pdf import chinese_styles, pdf_paragraph, pdf_render, pdf_table


def pledge_letter_pdf(pledge) -> bytes:
    """The letter: title, unit, preamble, a table of the commitments (category,
    commitment, target, due date), the signatory and the signing date."""
    styles = chinese_styles()
    story = [
        pdf_paragraph(pledge.title, styles["title"]),
        # No "·" here: the CID font has no glyph for it.
        pdf_paragraph(f"{pledge.unit.name}  {pledge.year}", styles["heading"]),
    ]
    preamble = strip_tags(pledge.preamble or "").strip()
    if preamble:
        story.append(pdf_paragraph(preamble, styles["body"]))
    story.append(Spacer(1, 6 * mm))
    rows = [
        [
            pdf_paragraph(_("No."), styles["small"]),
            pdf_paragraph(_("Category"), styles["small"]),
            pdf_paragraph(_("Commitment"), styles["small"]),
            pdf_paragraph(_("Measurable target"), styles["small"]),
            pdf_paragraph(_("Due date"), styles["small"]),
        ]
    ]
    for number, item in enumerate(pledge.items.all(), start=1):
        rows.append(
            [
                pdf_paragraph(number, styles["small"]),
                pdf_paragraph(item.get_category_display(), styles["small"]),
                pdf_paragraph(item.title, styles["body"]),
                pdf_paragraph(item.target, styles["small"]),
                pdf_paragraph(item.due_date.isoformat(), styles["small"]),
            ]
        )
    table = pdf_table(
        rows,
        col_widths=[10 * mm, 25 * mm, 60 * mm, 50 * mm, 25 * mm],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
    )
    story += [
        table,
        Spacer(1, 10 * mm),
        pdf_paragraph(
            _("Signatory: %(name)s") % {"name": pledge.signatory}, styles["body"]
        ),
        pdf_paragraph(
            _("Signed on: %(date)s")
            % {"date": formats.date_format(pledge.signed_on, "Y-m-d")},
            styles["body"],
        ),
        pdf_paragraph(pledge.unit.name, styles["body"]),
    ]
    return pdf_render(story, title=pledge.title, author=pledge.unit.name)
