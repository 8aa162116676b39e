"""The admin's CSV/XLSX exports (Wagtail's SpreadsheetExportMixin) keep text a
user typed from running as a formula, and drop the control characters that made
openpyxl refuse a whole XLSX download (found by tests/security)."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from consultations.admin.moderation_log import ModerationLogView
from home.admin.exports import SafeExportIndexView
from home.spreadsheets import FormulaSafeExportMixin


class Export(FormulaSafeExportMixin, SpreadsheetExportMixin):
    list_export = ["text"]


def test_csv_cells_that_look_like_formulas_get_an_apostrophe():
    export = Export()
    for text in ("=HYPERLINK(1)", "+cmd", "-2+3", "@SUM(1)", "\t=1", "\r=1"):
        assert export.preprocess_field_value("text", text, "csv") == "'" + text
    assert export.preprocess_field_value("text", "意见", "csv") == "意见"
    assert export.preprocess_field_value("text", 5, "csv") == 5


def test_xlsx_text_loses_control_characters_and_is_formula_safe():
    export = Export()
    assert export.preprocess_field_value("text", "控制\x1b[31m", "xlsx") == "控制[31m"
    assert export.preprocess_field_value("text", "=1+1", "xlsx") == "'=1+1"


def test_the_admin_exports_use_it():
    assert issubclass(SafeExportIndexView, FormulaSafeExportMixin)
    assert issubclass(ModerationLogView, FormulaSafeExportMixin)
