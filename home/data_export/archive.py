"""The zip a person downloads: README.txt (in Chinese), and for each section a
JSON file, a CSV file (UTF-8 with a byte-order mark, so that Excel opens it
with the right characters) and its files."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from home.data_export.columns import column_label
from home.data_export.sections import Section


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_csv_value(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def section_csv(section: Section) -> bytes:
    columns: list[str] = []
    for values in section.rows:
        columns.extend(key for key in values if key not in columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column_label(column) for column in columns])
    for values in section.rows:
        writer.writerow([_csv_value(values.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def section_json(section: Section) -> bytes:
    return json.dumps(section.rows, ensure_ascii=False, indent=2).encode("utf-8")


def write_archive(fileobj, *, user, sections: list[Section]) -> None:
    """Write the zip of ``sections`` for ``user`` into ``fileobj``: the README
    and the CSV headings in the site's language."""
    with (
        translation.override(settings.LANGUAGE_CODE),
        zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        readme = render_to_string(
            "home/data_export/readme.txt",
            {
                "user": user,
                "sections": sections,
                "generated_at": timezone.localtime(),
                "retention_days": settings.CANYU_DATA_EXPORT_RETENTION_DAYS,
            },
        )
        archive.writestr("README.txt", readme.replace("\n", "\r\n").encode("utf-8"))
        for section in sections:
            archive.writestr(f"{section.name}.json", section_json(section))
            archive.writestr(f"{section.name}.csv", section_csv(section))
            for exported in section.files:
                archive.writestr(f"{section.name}/{exported.name}", exported.content)
