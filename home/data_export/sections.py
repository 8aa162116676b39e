"""What an app hands to the export: named tables of rows, and files."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone


@dataclass
class ExportFile:
    """A file copied into the zip as it is (a certificate's PDF)."""

    name: str
    content: bytes


@dataclass
class Section:
    """One table of the export: ``<name>.json`` and ``<name>.csv`` in the zip,
    described in README.txt by ``title`` and ``description`` (in Chinese, from
    the catalogues). ``files`` go into the folder ``<name>/``."""

    name: str
    title: str
    description: str
    rows: list[dict] = field(default_factory=list)
    files: list[ExportFile] = field(default_factory=list)


def plain(value):
    """A value as JSON and CSV show it: local times in ISO format, choices and
    lazy strings as text, decimals as numbers."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def row(**values) -> dict:
    """A row with every value made :func:`plain`."""
    return {key: plain(value) for key, value in values.items()}
