"""Shared set-up for the PDFs the site prints (pledge letters, certificates).

Chinese text is set in Adobe's standard CID font STSong-Light (Adobe-GB1), which
every conforming PDF reader supplies: nothing to install or embed on the server,
and the text stays extractable (searchable, copyable, testable).
"""

from functools import cache

from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

CHINESE_FONT = "STSong-Light"


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
