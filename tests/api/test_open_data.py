"""The open-data files: every dataset as CSV (with a BOM) and JSON, their row
counts and checksums as recorded, the page that lists them, the API's list."""

import csv
import hashlib
import io
import json

from django.core.management import call_command

import pytest

from home.models import OpenDataFile
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import FacilityFactory, make_pledge
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(consultation_index, issuing_unit, activity_index):
    page = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    make_comment(page, UserFactory(email="author@example.org"), body="公开的意见。")
    make_pledge(UnitFactory(name="贵阳市民政局"))
    FacilityFactory()
    make_activity(activity_index, unit=issuing_unit)
    call_command("publish_open_data", stdout=io.StringIO())
    return {
        f"{file.dataset}.{file.format}": file for file in OpenDataFile.objects.all()
    }


def read(file) -> bytes:
    with file.file.open("rb") as handle:
        return handle.read()


def test_every_file_matches_its_recorded_rows_size_and_checksum(published):
    assert {"units.csv", "comments.json", "data-dictionary.csv"} <= set(published)
    for name, file in published.items():
        content = read(file)
        assert file.size == len(content), name
        assert file.sha256 == hashlib.sha256(content).hexdigest(), name
        if file.format == "csv":
            assert content.startswith(b"\xef\xbb\xbf"), name  # BOM: Excel reads UTF-8
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            assert len(rows) - 1 == file.rows, name
        else:
            document = json.loads(content)
            assert len(document["rows"]) == file.rows, name
            assert "CC BY 4.0" in document["licence"]["en"]
            assert all(field["zh"] and field["en"] for field in document["fields"])
        assert b"@example.org" not in content, name


def test_the_files_hold_the_public_rows(published):
    comments = json.loads(read(published["comments.json"]))["rows"]
    assert [row["body"] for row in comments] == ["公开的意见。"]
    assert published["units.csv"].rows >= 2
    assert published["pledge-items.json"].rows == 3
    assert published["activity-shifts.csv"].rows == 1
    dictionary = read(published["data-dictionary.csv"]).decode("utf-8-sig")
    assert "答复率（%）" in dictionary and "Answer rate (%)" in dictionary


def test_publishing_twice_replaces_the_files(published):
    call_command("publish_open_data", stdout=io.StringIO())
    assert OpenDataFile.objects.count() == len(published)


def test_the_open_data_page_and_the_api_list_the_files(client, published):
    page = client.get("/open-data/")
    assert page.status_code == 200
    text = page.content.decode()
    assert published["units.csv"].sha256 in text
    assert "CC BY 4.0" in text
    assert 'href="/open-data/"' in client.get("/").content.decode()

    listed = client.get("/api/v1/open-data/").json()
    assert {row["sha256"] for row in listed} == {f.sha256 for f in published.values()}
    units = next(r for r in listed if r["dataset"] == "units" and r["format"] == "csv")
    assert units["rows"] == published["units.csv"].rows
    assert units["title_zh"] == "参与单位"


def test_the_nightly_job_is_scheduled_at_half_past_three(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["open-data-publish"]
    assert entry["task"] == "home.tasks.open_data_publish"
    assert entry["schedule"].hour == {3}
    assert entry["schedule"].minute == {30}
