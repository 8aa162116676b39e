"""The certificate of volunteer service as a PDF (reportlab, A4), with the Chinese
text in the standard CID font (home/pdf.py) and a QR code of the verification
address drawn from a PNG made by segno."""

from io import BytesIO

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

import segno
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer, Table, TableStyle

from home.pdf import (
    chinese_styles,
    pdf_paragraph,
    pdf_render,
    pdf_table,
    register_chinese_font,
)
from volunteers.service_hours import hours_from_minutes


def _qr_image(url: str) -> Image:
    buffer = BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return Image(buffer, width=32 * mm, height=32 * mm)


def _hours(minutes: int) -> str:
    return str(hours_from_minutes(minutes))


def certificate_pdf(certificate, *, verify_url: str) -> bytes:
    """The PDF of ``certificate`` from its snapshot (never from live records)."""
    styles = chinese_styles()
    font = register_chinese_font()
    # A certificate is made in the background: it has no request language.
    with translation.override(settings.LANGUAGE_CODE):
        body, small = styles["body"], styles["small"]
        story = [
            pdf_paragraph(_("Certificate of volunteer service"), styles["title"]),
            pdf_paragraph(
                _("Certificate number: %(number)s") % {"number": certificate.number},
                small,
            ),
            Spacer(1, 4 * mm),
            pdf_paragraph(
                _(
                    "This certifies that %(name)s (ID number %(id)s, Green Ribbon "
                    "number %(number)s) took part in the volunteer service listed "
                    "below between %(start)s and %(end)s, for a total of "
                    "%(hours)s hours."
                )
                % {
                    "name": certificate.holder_name,
                    "id": certificate.holder_id_masked or "—",
                    "number": certificate.holder_number,
                    "start": certificate.date_from.isoformat(),
                    "end": certificate.date_to.isoformat(),
                    "hours": _hours(certificate.total_minutes),
                },
                body,
            ),
            Spacer(1, 4 * mm),
        ]
        rows = [[_("Date"), _("Activity"), _("Organising unit"), _("Hours")]]
        for line in certificate.lines:
            rows.append(
                [
                    line["date"],
                    pdf_paragraph(line["activity"], small),
                    pdf_paragraph(line["unit"], small),
                    _hours(line["minutes"]),
                ]
            )
        rows.append(["", _("Total hours"), "", _hours(certificate.total_minutes)])
        table = pdf_table(
            rows,
            col_widths=[26 * mm, 78 * mm, 46 * mm, 18 * mm],
            style=[
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ],
        )
        story += [table, Spacer(1, 8 * mm)]
        signature = [
            pdf_paragraph(
                _("Issued by: %(issuer)s") % {"issuer": certificate.issuer_name}, body
            ),
            pdf_paragraph(
                _("Date of issue: %(date)s")
                % {"date": certificate.issued_on.isoformat()},
                body,
            ),
            Spacer(1, 3 * mm),
            pdf_paragraph(
                _(
                    "Scan the code or open the address below to check that this "
                    "certificate is genuine:"
                ),
                small,
            ),
            pdf_paragraph(verify_url, small),
        ]
        footer = Table(
            [[signature, _qr_image(verify_url)]], colWidths=[132 * mm, 36 * mm]
        )
        footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(footer)
        return pdf_render(
            story,
            title=_("Certificate of volunteer service"),
            author=certificate.issuer_name,
            vertical_margin=18 * mm,
        )
