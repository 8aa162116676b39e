"""The Chinese catalogues are complete and compiled."""

from pathlib import Path

from django.utils import translation

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(
    path
    for path in ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def entries(po_text: str):
    """(msgid, msgstr, fuzzy) triples from a .po file, headers excluded."""
    blocks = po_text.split("\n\n")
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip()]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current, msgid, msgstr = None, [], []
        for line in lines:
            if line.startswith("#~"):
                break
            if line.startswith("msgid "):
                current, msgid = "id", [line[6:]]
            elif line.startswith(("msgstr ", "msgstr[0] ")):
                current, msgstr = "str", [line.split(" ", 1)[1]]
            elif line.startswith("msgid_plural"):
                current = None
            elif line.startswith('"') and current == "id":
                msgid.append(line)
            elif line.startswith('"') and current == "str":
                msgstr.append(line)
        text_id = "".join(part.strip('"') for part in msgid)
        text_str = "".join(part.strip('"') for part in msgstr)
        if msgid and text_id:
            yield text_id, text_str, fuzzy


def test_there_are_catalogues_for_the_apps_and_the_site():
    names = {path.parts[-5] for path in CATALOGUES}
    assert {"home", "site"} <= names


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_every_string_has_a_chinese_translation(catalogue):
    problems = [
        msgid
        for msgid, msgstr, fuzzy in entries(catalogue.read_text(encoding="utf-8"))
        if not msgstr or fuzzy
    ]
    assert problems == []


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_every_catalogue_is_compiled(catalogue):
    compiled = catalogue.with_suffix(".mo")
    assert compiled.exists()


def test_chinese_is_served_from_the_compiled_catalogue():
    with translation.override("zh-hans"):
        assert translation.gettext("Unified social credit code") == "统一社会信用代码"
    with translation.override("en"):
        assert translation.gettext("Unified social credit code") == (
            "Unified social credit code"
        )
