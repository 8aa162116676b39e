"""CSV and XLSX downloads that open cleanly in spreadsheet programs: UTF-8 with a
byte order mark (Excel then reads Chinese), dates as local time, and text that
looks like a formula kept as text, so a download never runs what a user typed.

Why no library for that last part: the writing is the standard csv module and
openpyxl, and both let a value such as "=HYPERLINK(...)" reach the spreadsheet as
a formula (OWASP's "CSV injection"). The packages that guard against it
(django-import-export's formula-escaping option) bring a whole import/export
framework for one prefix check."""

import csv
from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import FileResponse, StreamingHttpResponse

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, for streaming csv."""

    def write(self, value):
        return value


def formula_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a
    formula (OWASP's advice; spreadsheets show the apostrophe as a text mark)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    return formula_safe(str(value))


def xlsx_text(value: str) -> str:
    """Text as an XLSX cell holds it: without the control characters the format
    forbids (openpyxl refuses them, which made a whole download fail) and
    formula-safe as in CSV, so that editing the cell never turns it into one."""
    return formula_safe(ILLEGAL_CHARACTERS_RE.sub("", value))


class FormulaSafeExportMixin:
    """For the Wagtail admin's listings with CSV/XLSX export
    (``SpreadsheetExportMixin``): Wagtail keeps formula-looking text as text in
    XLSX but writes it unchanged to CSV, where "=HYPERLINK(...)" typed into a
    rating comment runs when staff open the file; and a control character
    (ESC) in one comment made the whole XLSX export fail. Put this before the
    Wagtail view class."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        return csv_text(value) if export_format == "csv" else xlsx_text(value)


def xlsx_cell(sheet, value):
    if isinstance(value, str):
        value = xlsx_text(value)
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":  # text that looks like a formula stays text
        cell.data_type = "s"
    if hasattr(value, "strftime"):
        cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


def csv_download(
    *, filename: str, headings: Sequence, rows: Iterable[Sequence], private: bool
) -> StreamingHttpResponse:
    """Stream ``rows`` (Python values) as CSV. ``private`` downloads (personal
    data) are never stored by caches."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        yield writer.writerow(headings)
        for row in rows:
            yield writer.writerow([csv_text(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def xlsx_download(
    *,
    filename: str,
    sheet_title: str,
    headings: Sequence,
    rows: Iterable[Sequence],
    private: bool,
) -> FileResponse:
    """``rows`` as a one-sheet XLSX workbook, written row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append(headings)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    output = BytesIO()
    workbook.save(output)
    output.seek(0)
    response = FileResponse(
        output, as_attachment=True, filename=filename, content_type=XLSX_TYPE
    )
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
