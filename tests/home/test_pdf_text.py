"""Text in the PDFs is plain text: markup characters print as themselves, and the
middle dot the Chinese font lacks is swapped for one it has."""

from io import BytesIO

from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from home.pdf import chinese_styles, pdf_paragraph


def test_markup_characters_and_middle_dots_print():
    buffer = BytesIO()
    style = chinese_styles()["body"]
    SimpleDocTemplate(buffer).build(
        [pdf_paragraph("“参与·共建” A&B <b>不是标记</b>", style)]
    )
    text = PdfReader(BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "A&B <b>不是标记</b>" in text
    assert "参与" in text and "共建" in text
    assert "\u00b7" not in pdf_paragraph("参与·共建", style).text
