"""Download my data (issue 13, part 1): one request a day builds, in the
background, a zip of everything held about the person (and nobody else); the
owner downloads it after confirming their password; it is deleted after 7 days
by a job that is safe to run twice."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.files.storage import storages
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

import pytest

from home.data_export import services
from home.data_export.tasks import data_exports_expire
from home.exceptions import ServiceError
from home.models import DataExport
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.home.data_export_factories import (
    CERTIFICATE_PDF,
    ID_HASH,
    NEIGHBOUR_COMMENT,
    NEIGHBOUR_EMAIL,
    NEIGHBOUR_NAME,
    NEIGHBOUR_PHONE,
    NEIGHBOUR_REAL_NAME,
    volunteer_with_a_year,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("home:data_export")
REQUEST = reverse("home:data_export_request")


def ask(client, django_capture_on_commit_callbacks):
    """Press the button; the background job and the email run on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(REQUEST)


def zip_of(export) -> zipfile.ZipFile:
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def all_text(archive: zipfile.ZipFile) -> str:
    return "\n".join(
        archive.read(name).decode("utf-8-sig", errors="replace")
        for name in archive.namelist()
    )


def reauthenticate(client):
    response = client.post(
        reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


@pytest.fixture
def history(db):
    return volunteer_with_a_year()


@pytest.fixture
def owner_client(client, history):
    client.force_login(history.user)
    return client


def test_the_account_page_has_one_button(owner_client):
    response = owner_client.get(reverse("home:account_settings"))
    html = response.content.decode()
    assert "下载我的数据" in html
    assert f'action="{REQUEST}"' in html


def test_asking_builds_a_zip_of_everything_about_the_person(
    owner_client, history, django_capture_on_commit_callbacks
):
    response = ask(owner_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == PAGE
    export = DataExport.objects.get(user=history.user)
    assert export.status == DataExport.Status.READY
    assert export.progress == 100
    assert export.size > 0
    assert export.expires_at == export.finished_at + timedelta(days=7)
    # Kept in the private storage (no URL), not the public media.
    assert export.file.storage is storages["private"]
    assert export.file.name.startswith("data-exports/")

    archive = zip_of(export)
    names = set(archive.namelist())
    for section in (
        "account",
        "email_addresses",
        "volunteer_profile",
        "teams",
        "signups",
        "service_records",
        "service_record_history",
        "points_ledger",
        "redemptions",
        "star_levels",
        "certificates",
        "comments",
        "supports",
        "flags",
        "follows",
        "survey_answers",
        "unit_ratings",
        "facility_bookings",
        "unit_memberships",
        "messages",
    ):
        assert f"{section}.json" in names, section
        assert f"{section}.csv" in names, section
    readme = archive.read("README.txt").decode("utf-8")
    assert "您在“参与”平台上的数据" in readme
    assert "service_records.csv" in readme and "签到与服务记录" in readme

    comments = json.loads(archive.read("comments.json"))
    assert comments[0]["body"] == "建议在黔灵山公园增设分类垃圾桶。"
    assert comments[0]["reply"] == "感谢您的建议，我们将增设垃圾桶。"
    records = json.loads(archive.read("service_records.json"))
    assert [row["minutes"] for row in records] == [150] * 4
    assert (
        sum(row["points"] for row in json.loads(archive.read("points_ledger.json")))
        == 100
    )
    profile = json.loads(archive.read("volunteer_profile.json"))[0]
    assert profile["id_number_masked"] == "5201**********123X"
    assert archive.read("certificates/ZYZM20260001.pdf") == CERTIFICATE_PDF

    # CSV: UTF-8 with a byte-order mark, for Excel.
    raw = archive.read("service_records.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    # Headings in Chinese (the JSON keeps the English keys for programs).
    assert rows[0]["活动"] == "黔灵山公园环保行动"
    assert rows[0]["分钟数"] == "150"

    everything = all_text(archive)
    assert ID_HASH not in everything
    for secret in (
        NEIGHBOUR_NAME,
        NEIGHBOUR_EMAIL,
        NEIGHBOUR_COMMENT,
        NEIGHBOUR_REAL_NAME,
        NEIGHBOUR_PHONE,
        "邻居的邮件正文",
    ):
        assert secret not in everything, secret


def test_the_person_is_emailed_and_told_on_the_page_once(
    owner_client, history, django_capture_on_commit_callbacks
):
    ask(owner_client, django_capture_on_commit_callbacks)
    ready = [m for m in mail.outbox if history.user.email in m.to]
    assert len(ready) == 1
    assert ready[0].subject.endswith("您的数据已可下载")
    assert settings.CANYU_BASE_URL + PAGE in ready[0].body

    html = owner_client.get(PAGE).content.decode()
    assert "您的数据已准备好，可以下载。" in html
    export = DataExport.objects.get(user=history.user)
    assert reverse("home:data_export_download", args=[export.pk]) in html
    assert 'http-equiv="refresh"' not in html
    # The message is said once.
    assert "您的数据已准备好，可以下载。" not in owner_client.get(PAGE).content.decode()


def test_the_page_shows_progress_without_meta_refresh(owner_client, history):
    export = DataExport.objects.create(
        user=history.user, status=DataExport.Status.RUNNING, progress=40
    )
    response = owner_client.get(PAGE)
    html = response.content.decode()
    # A meta refresh moves a screen reader's place every few seconds (axe:
    # critical): a script updates the progress, a link reloads without it.
    assert 'http-equiv="refresh"' not in html
    assert "js/data_export.js" in html
    assert 'data-refresh="3"' in html
    assert f'href="{PAGE}">刷新</a>' in html
    assert 'aria-live="polite"' in html
    assert 'value="40"' in html
    assert 'data-export-status="running"' in html
    assert response["Cache-Control"] == "private, no-store"
    assert reverse("home:data_export_download", args=[export.pk]) not in html


def test_one_request_a_day(
    owner_client, history, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    ask(owner_client, django_capture_on_commit_callbacks)
    response = ask(owner_client, django_capture_on_commit_callbacks)
    follow = owner_client.get(response["Location"]).content.decode()
    assert "每天只能申请一次下载数据" in follow
    assert DataExport.objects.filter(user=history.user).count() == 1
    with pytest.raises(ServiceError):
        services.data_export_request(user=history.user)

    time_machine.shift(timedelta(hours=24, minutes=1))
    ask(owner_client, django_capture_on_commit_callbacks)
    assert DataExport.objects.filter(user=history.user).count() == 2


def test_a_failed_export_does_not_count_and_says_so(
    owner_client, history, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(user, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "collect_sections", broken)
    ask(owner_client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=history.user)
    assert export.status == DataExport.Status.FAILED
    assert "准备数据时出错" in owner_client.get(PAGE).content.decode()

    monkeypatch.undo()
    ask(owner_client, django_capture_on_commit_callbacks)
    assert DataExport.objects.filter(
        user=history.user, status=DataExport.Status.READY
    ).exists()


def test_one_export_at_a_time_even_when_the_limit_is_passed(history):
    DataExport.objects.create(user=history.user)
    DataExport.objects.filter(user=history.user).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    with pytest.raises(ServiceError, match="正在准备"):
        services.data_export_request(user=history.user)


def test_building_twice_changes_nothing(
    owner_client, history, django_capture_on_commit_callbacks
):
    ask(owner_client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=history.user)
    emails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.data_export_build(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    assert len(mail.outbox) == emails


def test_the_owner_downloads_after_confirming_the_password(
    owner_client, history, django_capture_on_commit_callbacks
):
    ask(owner_client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=history.user)
    url = reverse("home:data_export_download", args=[export.pk])

    response = owner_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    reauthenticate(owner_client)
    response = owner_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".zip" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert "comments.json" in archive.namelist()


def test_nobody_else_can_download_it(
    client, history, django_capture_on_commit_callbacks
):
    client.force_login(history.user)
    ask(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=history.user)
    url = reverse("home:data_export_download", args=[export.pk])

    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    stranger = UserFactory()
    client.force_login(stranger)
    reauthenticate(client)
    assert client.get(url).status_code == 404
    staff = UserFactory(is_staff=True, is_superuser=True, two_factor=False)
    client.force_login(staff)
    assert client.get(url).status_code == 404


def test_the_expiry_job_deletes_the_file_after_seven_days_and_can_run_twice(
    owner_client, history, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    ask(owner_client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=history.user)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)

    time_machine.shift(timedelta(days=6, hours=23))
    assert data_exports_expire.delay().get() == 0
    assert storage.exists(name)

    time_machine.shift(timedelta(hours=2))
    assert data_exports_expire.delay().get() == 1
    assert data_exports_expire.delay().get() == 0
    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED
    assert not export.file
    assert not storage.exists(name)
    reauthenticate(owner_client)
    url = reverse("home:data_export_download", args=[export.pk])
    assert owner_client.get(url).status_code == 404
    assert "文件已在 7 天后删除" in owner_client.get(PAGE).content.decode()


def test_the_expiry_job_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["data-exports-expire"]
    assert entry["task"] == "home.data_export.tasks.data_exports_expire"


def test_a_resident_without_volunteering_gets_their_own_sections(
    client, django_capture_on_commit_callbacks
):
    resident = UserFactory(display_name="李居民", phone="+8613800002222")
    send_mail(
        "活动通知",
        "活动通知正文",
        None,
        [resident.email.upper(), "someone.else@example.cn"],
    )
    client.force_login(resident)
    ask(client, django_capture_on_commit_callbacks)
    archive = zip_of(DataExport.objects.get(user=resident))
    account = json.loads(archive.read("account.json"))[0]
    assert account["display_name"] == "李居民"
    assert account["phone"] == "+8613800002222"
    assert "volunteer_profile.json" not in archive.namelist()
    messages = json.loads(archive.read("messages.json"))
    # Only the person's own address, never the other recipients'.
    assert [m["to"] for m in messages] == [[resident.email.upper()]]
    assert (
        messages[0]["body"] == "活动通知正文\n" or "活动通知正文" in messages[0]["body"]
    )
    assert "someone.else" not in all_text(archive)


def test_closing_an_account_can_delete_its_exports_and_their_files(
    owner_client, history, django_capture_on_commit_callbacks
):
    ask(owner_client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=history.user)
    storage, name = export.file.storage, export.file.name
    assert services.data_exports_delete(user=history.user) == 1
    assert not DataExport.objects.filter(user=history.user).exists()
    assert not storage.exists(name)


def test_a_stalled_export_is_marked_failed_so_the_person_may_ask_again(
    owner_client, history, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    DataExport.objects.create(user=history.user, status=DataExport.Status.RUNNING)
    html = owner_client.get(reverse("home:account_settings")).content.decode()
    assert f'action="{REQUEST}"' not in html  # a link to the progress instead
    assert f'href="{PAGE}"' in html

    time_machine.shift(timedelta(hours=3))
    data_exports_expire.delay()
    assert DataExport.objects.get(user=history.user).status == "failed"
    ask(owner_client, django_capture_on_commit_callbacks)
    assert DataExport.objects.filter(user=history.user, status="ready").exists()
