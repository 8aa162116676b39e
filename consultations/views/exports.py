"""Public downloads of a closed consultation's published comments and their replies,
as CSV and XLSX, without any personal data (no names, emails or phones — not even
masked names). Downloads are limited per account and per address (``public_export``);
a refused one goes back to the consultation with the message."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from consultations.models import ConsultationPage, Outcome, Phase
from consultations.selectors.results import consultation_export_rows
from home.limits import LimitReached, enforce
from home.privacy import page_viewable_or_404
from home.spreadsheets import csv_download, xlsx_download


def _exportable_consultation(request, page_id: int) -> ConsultationPage:
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=page_id)
    # A restricted consultation's comments only for those who may see the page.
    page_viewable_or_404(consultation, request)
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


def _refused(request, consultation: ConsultationPage):
    """None when the download may go ahead; else the way back, with the message."""
    try:
        enforce("public_export", request=request)
    except LimitReached as error:
        messages.error(request, str(error))
        return redirect(consultation.get_url(request) or "/")
    return None


@require_GET
def comments_csv(request, page_id):
    consultation = _exportable_consultation(request, page_id)
    if refused := _refused(request, consultation):
        return refused
    return csv_download(
        filename=_filename(consultation, "csv"),
        headings=_headings(),
        rows=_rows(consultation),
        private=False,
    )


@require_GET
def comments_xlsx(request, page_id):
    consultation = _exportable_consultation(request, page_id)
    if refused := _refused(request, consultation):
        return refused
    return xlsx_download(
        filename=_filename(consultation, "xlsx"),
        sheet_title=_("Comments"),
        headings=_headings(),
        rows=_rows(consultation),
        private=False,
    )
