"""Hostile input through every free-text field of the public forms (issue 11,
part 8): each payload of tests/security/payloads.py is submitted as the role
that fills the field in, then every page, email, CSV/XLSX, PDF and iCalendar
file that shows it is read back (the browser run is tests/e2e/
test_hostile_input.py).

Limits: the same account submits many times in a row, so the rate-limit cache
is cleared before each submission (``cache.clear()``); the limits themselves
are tested elsewhere."""

from django.core import mail
from django.core.cache import cache

import pytest

from tests.security import checks
from tests.security.fields import FIELDS
from tests.security.payloads import PAYLOADS
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

SHOWN_KINDS = {"html", "css", "template", "url", "formula"}


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _check_emails(where):
    for message in mail.outbox:
        checks.assert_email_safe(message, where=f"{where}: email {message.subject!r}")
    count = len(mail.outbox)
    mail.outbox.clear()
    return count


def _read(client, url, where):
    response = client.get(url)
    assert response.status_code == 200, (
        f"{where}: {url} answered {response.status_code}"
    )
    return b"".join(response) if response.streaming else response.content


def run_field(spec, world, capture):
    """Submit every payload; read the pages after each chunk and the files at
    the end. Returns (pairs submitted, payloads stored, emails checked)."""
    stored_all, emails = [], 0
    for chunk in _chunks(PAYLOADS, spec.chunk):
        stored = []
        for payload in chunk:
            cache.clear()
            where = f"{spec.name} × {payload.name}"
            with capture(execute=True):
                response, kept = spec.submit(world, payload, PAYLOADS.index(payload))
            # 400: a refused form shown again with its errors.
            assert response.status_code in (200, 302, 400), (
                f"{where}: answered {response.status_code}"
            )
            if response.status_code != 302:
                checks.assert_page_safe(response.content.decode(), where=where)
            emails += _check_emails(where)
            if kept:
                stored.append(payload)
        pages = []
        for where, client, url in spec.pages(world):
            html = _read(client, url, f"{spec.name}: {where}").decode()
            checks.assert_page_safe(html, where=f"{spec.name}: {where}")
            pages.append(html)
        for payload in stored:
            if pages and spec.shown and payload.kind in SHOWN_KINDS:
                checks.assert_shown_escaped(
                    "\n".join(pages), payload.text, where=f"{spec.name} × {payload}"
                )
        stored_all += stored
    for where, kind, client, url in spec.files(world):
        content = _read(client, url, f"{spec.name}: {where}")
        where = f"{spec.name}: {where}"
        if kind == "html":
            checks.assert_page_safe(content.decode(), where=where)
        elif kind == "csv":
            checks.assert_csv_safe(content, where=where)
            _assert_in_cells(checks.csv_cells(content), stored_all, where)
        elif kind == "pdf":
            checks.assert_pdf_shows(content, world.expected[url], where=where)
        elif kind == "ics":
            [event] = checks.assert_ics_safe(content, where=where)
            # Line breaks come back as LF; the text is inside the DESCRIPTION.
            purpose = checks.needle(world.expected[url])
            assert purpose in str(event.get("DESCRIPTION")), f"{where}: {purpose!r}"
        elif kind == "xlsx":
            checks.assert_xlsx_safe(content, where=where)
            cells = [c.value for c in checks.xlsx_cells(content)]
            _assert_in_cells(cells, stored_all, where)
    return len(PAYLOADS), stored_all, emails


def _assert_in_cells(cells, stored, where):
    """Each stored formula payload is in a cell, as text."""
    text = "\n".join(str(cell or "") for cell in cells)
    for payload in stored:
        if payload.kind == "formula":
            piece = checks.needle(payload.text)
            assert piece in text, f"{where}: {payload} missing from the download"


@pytest.mark.parametrize("spec", FIELDS, ids=[spec.name for spec in FIELDS])
def test_hostile_input_is_shown_as_text_everywhere(
    spec, django_capture_on_commit_callbacks
):
    world = build_world()
    spec.prepare(world)
    pairs, stored, emails = run_field(spec, world, django_capture_on_commit_callbacks)
    assert pairs >= 50
    print(f"{spec.name}: {pairs} payloads, {len(stored)} stored, {emails} emails")


def test_payload_field_pairs_count():
    """The size of the run, as the issue's closing note reports it."""
    assert len(PAYLOADS) >= 50
    assert len(PAYLOADS) * len(FIELDS) >= 50 * 15


def test_a_meta_refresh_is_injected_markup_but_a_quoted_description_is_not():
    """A page's description may quote what was typed (escaped, it is text); a
    meta refresh to the hostile host is an injection."""
    refresh = '<meta http-equiv="refresh" content="0;url=//evil.example">'
    quoted = '<meta name="description" content="&lt;script src=//evil.example&gt;">'
    assert checks.injections(refresh)
    assert not checks.injections(quoted)
