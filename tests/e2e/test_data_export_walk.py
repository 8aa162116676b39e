"""A volunteer with a year of history, on a phone-sized window, asks for their
data on the account page, watches it become ready, confirms their password and
downloads the zip: it holds their comments, hours, points and certificate, and
nothing of the neighbour who commented on the same consultation and served on
the same shifts."""

import io
import json
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest
from pypdf import PdfReader

from home.models import DataExport
from tests.e2e.helpers import axe_violations, log_in, screenshot, watched
from tests.factories import DEFAULT_PASSWORD
from tests.home.data_export_factories import (
    ID_HASH,
    NEIGHBOUR_COMMENT,
    NEIGHBOUR_EMAIL,
    NEIGHBOUR_NAME,
    NEIGHBOUR_PHONE,
    NEIGHBOUR_REAL_NAME,
    volunteer_with_a_year,
)
from volunteers.services.certificates import certificate_render

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_volunteer_downloads_a_year_of_their_data(live_server, page, tmp_path):
    base = live_server.url
    history = volunteer_with_a_year(with_certificate_file=False)
    certificate_render(certificate_id=history.certificate.pk)  # the real PDF
    watched(page)
    log_in(page, base, history.user.email)

    # 1. One button on the account page.
    page.goto(base + "/me/account/")
    page.get_by_role("button", name="下载我的数据").click()
    page.wait_for_load_state()
    assert page.url == base + "/me/data-export/"
    # The job ran in the background (eagerly in the tests) once the request
    # committed: the page says it is ready, and so does an email.
    status = page.locator("[data-export-status]")
    assert status.get_attribute("data-export-status") == "ready"
    assert "您的数据已准备好，可以下载。" in page.content()
    export = DataExport.objects.get(user=history.user)
    assert export.status == DataExport.Status.READY
    screenshot(page, "data-export-ready-phone")

    # 2. The download asks for the password again, then starts.
    page.locator("[data-export-download]").click()
    page.wait_for_load_state()
    assert "/accounts/reauthenticate/" in page.url
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    with page.expect_download() as download_info:
        page.locator("main form [type=submit]").first.click()
    path = tmp_path / "data.zip"
    download_info.value.save_as(path)
    assert download_info.value.suggested_filename.endswith(".zip")
    assert page.csp_errors == []

    # 3. What is inside: their comments, hours, points and certificate.
    archive = zipfile.ZipFile(path)
    readme = archive.read("README.txt").decode("utf-8")
    assert "comments.json" in readme and "意见与反馈" in readme
    comments = json.loads(archive.read("comments.json"))
    assert [c["body"] for c in comments] == ["建议在黔灵山公园增设分类垃圾桶。"]
    records = json.loads(archive.read("service_records.json"))
    assert sum(r["minutes"] for r in records) == 600  # 4 × 2.5 h over the year
    ledger = json.loads(archive.read("points_ledger.json"))
    assert sum(entry["points"] for entry in ledger) == 100
    assert "service_records.csv" in archive.namelist()
    pdf = PdfReader(io.BytesIO(archive.read("certificates/ZYZM20260001.pdf")))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "陈志愿" in text and "黔灵山公园环保行动" in text

    # 4. And nothing about anybody else.
    everything = "\n".join(
        archive.read(name).decode("utf-8-sig", errors="replace")
        for name in archive.namelist()
        if not name.endswith(".pdf")
    )
    for secret in (
        NEIGHBOUR_NAME,
        NEIGHBOUR_REAL_NAME,
        NEIGHBOUR_EMAIL,
        NEIGHBOUR_PHONE,
        NEIGHBOUR_COMMENT,
        ID_HASH,
    ):
        assert secret not in everything, secret
    assert NEIGHBOUR_REAL_NAME not in text


def test_the_data_export_pages_are_accessible(live_server, a11y_page):
    base = live_server.url
    history = volunteer_with_a_year()
    # Ready (a page being prepared reloads itself every few seconds).
    export = DataExport(
        user=history.user,
        status=DataExport.Status.READY,
        progress=100,
        expires_at=timezone.now() + timedelta(days=7),
    )
    export.file.save("data.zip", ContentFile(b"PK"), save=False)
    export.save()
    log_in(a11y_page, base, history.user.email)
    found = {}
    for path in ("/me/account/", "/me/data-export/"):
        a11y_page.goto(base + path)
        violations = axe_violations(a11y_page)
        if violations:
            found[path] = violations
    assert found == {}
