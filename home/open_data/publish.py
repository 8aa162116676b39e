"""Writing the open-data files: every dataset as CSV (UTF-8 with a BOM, so that
spreadsheet programs read Chinese) and JSON, a data dictionary, each file's row
count, size and SHA-256 recorded in ``OpenDataFile``."""

import csv
import hashlib
import io
import json

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from home.models import OpenDataFile
from home.open_data import LICENCE_EN, LICENCE_URL, LICENCE_ZH, Dataset, datasets

DICTIONARY = "data-dictionary"


def _csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _json_bytes(dataset: Dataset, rows, now) -> bytes:
    names = [field.name for field in dataset.fields]
    document = {
        "dataset": dataset.slug,
        "title": {"zh": dataset.title_zh, "en": dataset.title_en},
        "published_at": now,
        "licence": {"zh": LICENCE_ZH, "en": LICENCE_EN, "url": LICENCE_URL},
        "fields": [
            {"name": field.name, "zh": field.zh, "en": field.en}
            for field in dataset.fields
        ],
        "rows": [dict(zip(names, row, strict=True)) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, cls=DjangoJSONEncoder).encode()


def _store(dataset: str, file_format: str, content: bytes, rows: int, now):
    name = f"{dataset}.{file_format}"
    stored = OpenDataFile.objects.filter(dataset=dataset, format=file_format).first()
    stored = stored or OpenDataFile(dataset=dataset, format=file_format)
    # The same address every night (open-data/units.csv): portals link to it.
    storage = stored.file.storage
    path = stored.file.field.generate_filename(stored, name)
    if storage.exists(path):
        storage.delete(path)
    stored.file.save(name, ContentFile(content), save=False)
    stored.rows = rows
    stored.size = len(content)
    stored.sha256 = hashlib.sha256(content).hexdigest()
    stored.published_at = now
    stored.save()
    return stored


def open_data_publish() -> list[OpenDataFile]:
    """Write every dataset's files and the data dictionary again (the previous
    files are replaced; safe to run twice). Returns the files written."""
    now = timezone.now().replace(microsecond=0)
    written = []
    dictionary_rows = []
    for dataset in datasets():
        rows = [tuple(row) for row in dataset.rows()]
        header = [field.name for field in dataset.fields]
        with transaction.atomic():
            written.append(
                _store(dataset.slug, "csv", _csv_bytes(header, rows), len(rows), now)
            )
            written.append(
                _store(
                    dataset.slug,
                    "json",
                    _json_bytes(dataset, rows, now),
                    len(rows),
                    now,
                )
            )
        dictionary_rows += [
            (dataset.slug, dataset.title_zh, dataset.title_en, f.name, f.zh, f.en)
            for f in dataset.fields
        ]
    header = ["dataset", "数据集", "dataset_title", "field", "字段说明", "description"]
    dictionary_rows.append(("", "许可", "Licence", "", LICENCE_ZH, LICENCE_EN))
    written.append(
        _store(
            DICTIONARY,
            "csv",
            _csv_bytes(header, dictionary_rows),
            len(dictionary_rows),
            now,
        )
    )
    return written
