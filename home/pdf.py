"""Shared set-up for the PDFs the site prints (pledge letters, certificates).

Chinese text is set in Adobe's standard CID font STSong-Light (Adobe-GB1), which
every conforming PDF reader supplies: nothing to install or embed on the server,
and the text stays extractable (searchable, copyable, testable).
"""

from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

CHINESE_FONT = "STSong-Light"
PAGE_MARGIN = 20 * mm
TABLE_HEADER_BACKGROUND = colors.HexColor("#eeeeee")


@cache
def register_chinese_font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(CHINESE_FONT))
    return CHINESE_FONT


@cache
def chinese_styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles (title, heading, body, small) in the Chinese font, with
    CJK line breaking."""
    font = register_chinese_font()
    base = getSampleStyleSheet()
    common = {"fontName": font, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle(
            "cn-title", parent=base["Title"], fontSize=20, leading=28, **common
        ),
        "heading": ParagraphStyle(
            "cn-heading", parent=base["Heading2"], fontSize=14, leading=20, **common
        ),
        "body": ParagraphStyle(
            "cn-body", parent=base["BodyText"], fontSize=11, leading=18, **common
        ),
        "small": ParagraphStyle(
            "cn-small", parent=base["BodyText"], fontSize=9, leading=13, **common
        ),
    }


# STSong-Light has no glyph for the middle dots common in Chinese names and
# slogans (U+00B7, U+2022, U+2027); the katakana middle dot (U+30FB) looks the same.
_MISSING_GLYPHS = str.maketrans(dict.fromkeys("\u00b7\u2022\u2027", "\u30fb"))


def pdf_paragraph(text, style) -> Paragraph:
    """Plain text as a Paragraph: escaped (reportlab reads its text as markup, so
    a title with "&" or "<" would break the document) and with the dots the
    font lacks swapped for one it has."""
    return Paragraph(escape(str(text)).translate(_MISSING_GLYPHS), style)


def pdf_render(story, *, title: str, author: str, vertical_margin=PAGE_MARGIN) -> bytes:
    """Lay ``story`` out on A4 pages with the site's margins and return the PDF;
    ``title`` and ``author`` go into the document's properties."""
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=vertical_margin,
        bottomMargin=vertical_margin,
        title=str(title),
        author=str(author),
    ).build(story)
    return buffer.getvalue()


def pdf_table(rows, *, col_widths, style=()) -> Table:
    """A ruled table whose first row is a shaded header, repeated on every page;
    ``style`` adds TableStyle commands (alignment, fonts)."""
    table = Table(rows, colWidths=col_widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEADER_BACKGROUND),
                *style,
            ]
        )
    )
    return table
