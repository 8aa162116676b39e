"""A free-text field under hostile input: how to fill it in and where to look
for what was stored (see tests/security/fields.py)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Field:
    name: str
    prepare: Callable
    submit: Callable  # (world, payload, number) -> (response, stored: bool)
    pages: Callable = lambda world: []  # -> [(where, client, url)]
    files: Callable = lambda world: []  # -> [(where, kind, client, url)]
    chunk: int = 10
    shown: bool = True  # the pages show the text as typed (not only a count)
