"""The index view every admin listing with a CSV/XLSX export uses, so that text
a user typed never reaches a spreadsheet as a formula (home/spreadsheets.py)."""

from wagtail.admin.views.generic import IndexView

from home.spreadsheets import FormulaSafeExportMixin


class SafeExportIndexView(FormulaSafeExportMixin, IndexView):
    pass
