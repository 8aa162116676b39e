"""Public downloads of a closed consultation's published comments and their replies,
as CSV and XLSX, without any personal data (no names, emails or phones — not even
masked names)."""

import csv
from io import BytesIO

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from consultations.models import ConsultationPage, Outcome, Phase
from consultations.selectors.results import consultation_export_rows

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _exportable_consultation(page_id: int) -> ConsultationPage:
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=page_id)
    if consultation.phase not in (Phase.CLOSED, Phase.CONCLUDED):
        raise Http404(_("Comments can be downloaded once the consultation has closed."))
    return consultation


def _headings() -> list[str]:
    return [
        _("Comment number"),
        _("Clause"),
        _("Comment"),
        _("Supports"),
        _("Submitted at"),
        _("Outcome"),
        _("Official reply"),
        _("Reason"),
        _("Answered at"),
    ]


def _rows(consultation: ConsultationPage):
    """Export rows as Python values; dates in local time, without time zone."""
    clauses = {clause["id"]: clause["number"] for clause in consultation.clause_list}
    whole_text, removed = _("Whole text"), _("Clause since removed")
    outcomes = dict(Outcome.choices)
    for (
        pk,
        clause_id,
        body,
        supports,
        created_at,
        outcome,
        reply,
        reason,
        answered_at,
    ) in consultation_export_rows(consultation=consultation):
        yield [
            pk,
            clauses.get(clause_id, removed) if clause_id else whole_text,
            body,
            supports,
            timezone.localtime(created_at).replace(tzinfo=None, microsecond=0),
            str(outcomes.get(outcome, "")) if outcome else "",
            reply or "",
            reason or "",
            timezone.localtime(answered_at).replace(tzinfo=None, microsecond=0)
            if answered_at
            else None,
        ]


def _filename(consultation: ConsultationPage, extension: str) -> str:
    return f"consultation-{consultation.pk}-comments.{extension}"


class _Echo:
    def write(self, value):
        return value


def _csv_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    # Neutralise formulas: a spreadsheet shows the text instead of running it.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@require_GET
def comments_csv(request, page_id):
    consultation = _exportable_consultation(page_id)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # the byte order mark makes Excel read UTF-8 (Chinese)
        yield writer.writerow(_headings())
        for row in _rows(consultation):
            yield writer.writerow([_csv_text(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(consultation, "csv")}"'
    )
    return response


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":  # text that looks like a formula stays text
        cell.data_type = "s"
    if hasattr(value, "strftime"):
        cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


@require_GET
def comments_xlsx(request, page_id):
    consultation = _exportable_consultation(page_id)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Comments")[:31])
    sheet.append(_headings())
    for row in _rows(consultation):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    output = BytesIO()
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename(consultation, "xlsx"),
        content_type=XLSX_TYPE,
    )


urlpatterns = [
    path("<int:page_id>/comments.csv", comments_csv, name="comments_csv"),
    path("<int:page_id>/comments.xlsx", comments_xlsx, name="comments_xlsx"),
]
