"""What "shown safely" means for each kind of output: an HTML page, an email, a
CSV or XLSX download, a PDF, an iCalendar file. Each check raises an
AssertionError naming the payload and what went wrong."""

import csv
import email
import io
import re
import subprocess
import tempfile
import unicodedata
from email import policy
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.html import escape

from openpyxl import load_workbook

from tests.security.payloads import FORMULA_STARTS, PAYLOADS, SENTINEL

HOSTILE_HOST = "evil.example"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "data", "xlink:href"}


class _InjectionFinder(HTMLParser):
    """Collects every element, attribute or script text that a payload could
    only have put there by not being escaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._raw_tag = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.startswith("on") and SENTINEL in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and (
                compact.startswith(DANGEROUS_SCHEMES)
                or HOSTILE_HOST in (urlsplit(compact).netloc or "")
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("expression(" in compact or SENTINEL in value):
                self.found.append(f"<{tag} style={value!r}>")
            # A refresh to the hostile host; a description may quote text
            # that names it (escaped, it is only text).
            if (
                tag == "meta"
                and name == "content"
                and HOSTILE_HOST in value
                and any(key == "http-equiv" for key, _value in attrs)
            ):
                self.found.append(f"<meta content={value!r}>")
        if tag in ("script", "style"):
            self._raw_tag = tag

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == self._raw_tag:
            self._raw_tag = None

    def handle_data(self, data):
        if self._raw_tag and (SENTINEL in data or HOSTILE_HOST in data):
            self.found.append(f"<{self._raw_tag}>{data[:80]!r}")


def injections(html: str) -> list[str]:
    finder = _InjectionFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def assert_page_safe(html: str, *, where: str) -> None:
    """No payload became markup: no handler or script calling the sentinel, no
    dangerous URL, no style expression, no tag pointing at the hostile host."""
    found = injections(html)
    assert not found, f"{where}: injected markup {found[:5]}"


def needle(text: str) -> str:
    """A piece of ``text`` that any page showing it must contain once escaped:
    the start of its longest line (pages may wrap, truncate or add <br>)."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    longest = max(lines, key=len, default="")
    return longest[:20]


def assert_shown_escaped(html: str, text: str, *, where: str) -> None:
    """The typed text is on the page (or pages: ``html`` may join several), as
    text (escaped), not as markup."""
    piece = needle(text)
    if not piece:
        return
    escaped = escape(piece)
    assert escaped in html, f"{where}: {piece!r} is not shown (escaped) on the page"


# Emails ------------------------------------------------------------------------


def assert_email_safe(message, *, where: str) -> None:
    """Headers without CR/LF (no injected Bcc or body), the recipients the site
    chose, and any HTML part escaped."""
    for header, value in [("Subject", message.subject)] + list(
        message.extra_headers.items()
    ):
        assert not re.search(r"[\r\n\u2028\u2029\x85]", str(value)), (
            f"{where}: line break in the {header} header {value!r}"
        )
    parsed = email.message_from_bytes(
        message.message().as_bytes(), policy=policy.default
    )
    assert parsed["Bcc"] is None, f"{where}: a Bcc header was injected"
    recipients = {address.lower() for address in message.recipients()}
    assert not any(HOSTILE_HOST in address for address in recipients), where
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            assert_page_safe(str(content), where=f"{where} (HTML part)")


# Spreadsheets --------------------------------------------------------------------


def _looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_csv_safe(content: bytes, *, where: str) -> None:
    """No cell starts with a character that makes a spreadsheet run it."""
    bad = [cell for cell in csv_cells(content) if _looks_like_formula(cell)]
    assert not bad, f"{where}: CSV cells a spreadsheet would run: {bad[:5]}"


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def assert_xlsx_safe(content: bytes, *, where: str) -> None:
    """No formula cells, and text that looks like one is stored as text with
    the apostrophe, as in CSV."""
    bad = [
        cell.value
        for cell in xlsx_cells(content)
        if cell.data_type == "f"
        or (isinstance(cell.value, str) and _looks_like_formula(cell.value))
    ]
    assert not bad, f"{where}: XLSX formula cells {bad[:5]}"


def spreadsheet_text(cells) -> str:
    return "\n".join(str(getattr(cell, "value", cell) or "") for cell in cells)


# PDF and iCalendar -----------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The PDF's text as pdftotext extracts it."""
    assert content.startswith(b"%PDF"), "not a PDF"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        result = subprocess.run(  # noqa: S603 — fixed program, our own file
            ["/usr/bin/pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
        )
    return result.stdout.decode()


def _printable(text: str) -> str:
    """Without white space and the control and format characters a PDF does
    not print."""
    return "".join(
        char
        for char in text
        if not char.isspace()
        and unicodedata.category(char) not in ("Cc", "Cf", "So", "Sk")
        and ord(char) <= 0xFFFF  # the CID font has no emoji or CJK extension B
    )


def assert_pdf_shows(content: bytes, text: str, *, where: str) -> None:
    """The payload is printed literally (its markup characters included)."""
    extracted = _printable(pdf_text(content))
    piece = _printable(needle(text))[:12]
    assert piece in extracted, f"{where}: {piece!r} not printed in the PDF"


def assert_ics_safe(content: bytes, *, where: str) -> list:
    """Parses as iCalendar; each payload is inside a property value, not a
    property or component of its own."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(content)
    events = list(calendar.walk("VEVENT"))
    names = {component.name for component in calendar.walk()}
    assert names <= {"VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT"}, (
        f"{where}: unexpected components {names}"
    )
    for event in events:
        for key in event:
            assert key in KNOWN_EVENT_PROPERTIES, f"{where}: injected property {key}"
    return events


KNOWN_EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "STATUS",
    "URL",
}


def all_payload_texts() -> list[str]:
    return [payload.text for payload in PAYLOADS]
