"""Progress reports written by the unit's admins and editors, the timeline on the
pledge page, and the reminders before the report deadline (sent once)."""

import datetime

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from home.models import PledgeEvidence, PledgeReport, UnitMembership
from home.pledges.services import pledge_report_reminders_send
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _messages_in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def pledge(unit):
    return make_pledge(unit, year=2025)


@pytest.fixture
def editor(unit):
    user = UserFactory(display_name="赵编辑")
    UnitMembershipFactory(unit=unit, user=user, role=UnitMembership.Role.EDITOR)
    return user


def report_data(pledge, **extra):
    data = {
        "title": "2025年度履诺报告",
        "summary": "全年承诺全部兑现。",
        "is_annual": "on",
        "publish": "on",
    }
    for item in pledge.items.all():
        data[f"item_{item.pk}_percent"] = "100"
        data[f"item_{item.pk}_achieved"] = "已完成"
        data[f"item_{item.pk}_narrative"] = f"{item.title}：按计划完成。"
    data.update(extra)
    return data


def test_editor_publishes_an_annual_report_with_evidence(client, editor, pledge):
    client.force_login(editor)
    url = pledge.url + "report/"
    assert client.get(url).status_code == 200
    first_item = pledge.items.first()
    response = client.post(
        url,
        report_data(
            pledge,
            evidence_0_item=str(first_item.pk),
            evidence_0_caption="合同签订台账",
            evidence_0_file=SimpleUploadedFile("ledger.pdf", b"%PDF-1.4 test"),
            evidence_1_caption="活动照片",
            evidence_1_file=SimpleUploadedFile("photo.png", png_bytes()),
            evidence_2_caption="新闻报道",
            evidence_2_url="https://example.cn/news/1",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = PledgeReport.objects.get()
    assert report.is_annual and report.status == PledgeReport.Status.PUBLISHED
    assert report.item_progress.count() == 3
    kinds = sorted(
        (e.file_extension, bool(e.url), bool(e.document_id or e.image_id))
        for e in PledgeEvidence.objects.all()
    )
    # Files are kept privately (not as public Wagtail documents or images).
    assert kinds == [("", True, False), (".pdf", False, False), (".png", False, False)]
    html = client.get(pledge.url).content.decode()
    assert "2025年度履诺报告" in html and "合同签订台账" in html
    assert "https://example.cn/news/1" in html
    pledge.refresh_from_db()
    assert pledge.status_at() == "fulfilled"


def test_a_report_must_cover_every_item_and_bad_files_are_refused(
    client, editor, pledge
):
    client.force_login(editor)
    url = pledge.url + "report/"
    data = report_data(pledge)
    data.pop(f"item_{pledge.items.first().pk}_percent")
    response = client.post(url, data)
    assert response.status_code == 400
    data = report_data(
        pledge,
        evidence_0_file=SimpleUploadedFile("virus.exe", b"MZ"),
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Evidence files must be PDF" in response.content.decode()
    data = report_data(
        pledge, evidence_0_file=SimpleUploadedFile("fake.png", b"not a png")
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "not a readable image" in response.content.decode()
    assert not PledgeReport.objects.exists()


def test_only_one_published_annual_report(client, editor, pledge):
    client.force_login(editor)
    url = pledge.url + "report/"
    assert client.post(url, report_data(pledge)).status_code == 302
    response = client.post(url, report_data(pledge))
    assert response.status_code == 400
    assert "already has a published annual report" in response.content.decode()


def test_residents_and_other_units_cannot_report(client, resident, pledge):
    url = pledge.url + "report/"
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(resident)
    assert client.get(url).status_code == 403
    assert client.post(url, report_data(pledge)).status_code == 403
    outsider = UserFactory()
    UnitMembershipFactory(
        unit=UnitFactory(), user=outsider, role=UnitMembership.Role.ADMIN
    )
    client.force_login(outsider)
    assert client.post(url, report_data(pledge)).status_code == 403
    responder = UserFactory()
    UnitMembershipFactory(
        unit=pledge.unit, user=responder, role=UnitMembership.Role.RESPONDER
    )
    client.force_login(responder)
    assert client.get(url).status_code == 403
    assert not PledgeReport.objects.exists()


def test_timeline_is_in_publication_order(client, editor, pledge):
    client.force_login(editor)
    url = pledge.url + "report/"
    client.post(url, report_data(pledge, title="第一季度进展", is_annual=""))
    client.post(url, report_data(pledge, title="上半年进展", is_annual=""))
    client.post(url, report_data(pledge, title="草稿报告", is_annual="", publish=""))
    html = client.get(pledge.url).content.decode()
    assert html.index("第一季度进展") < html.index("上半年进展")
    assert "草稿报告" not in html


def test_reminders_are_sent_once_30_and_7_days_before(
    unit, editor, unit_admin, django_capture_on_commit_callbacks
):
    make_pledge(unit, year=2025)  # deadline 2026-01-31
    UnitMembershipFactory(
        unit=unit, user=UserFactory(), role=UnitMembership.Role.RESPONDER
    )

    def run(day):
        moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
        with django_capture_on_commit_callbacks(execute=True):
            return pledge_report_reminders_send(now=moment)

    assert run(datetime.date(2025, 12, 15)) == 0
    assert run(datetime.date(2026, 1, 1)) == 1
    assert sorted(mail.outbox[-1].to) == sorted([editor.email, unit_admin.email])
    assert run(datetime.date(2026, 1, 2)) == 0
    assert run(datetime.date(2026, 1, 25)) == 1
    assert run(datetime.date(2026, 1, 26)) == 0
    assert len(mail.outbox) == 2


def test_a_fulfilled_pledge_is_not_reminded(unit, editor, pledge):
    from tests.home.factories import make_report

    make_report(pledge)
    moment = datetime.datetime(2026, 1, 25, 9, tzinfo=datetime.UTC)
    assert pledge_report_reminders_send(now=moment) == 0


def test_a_late_pledge_gets_only_the_7_day_reminder(
    unit, editor, django_capture_on_commit_callbacks
):
    make_pledge(unit, year=2025)
    moment = datetime.datetime(2026, 1, 28, 9, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        assert pledge_report_reminders_send(now=moment) == 1
        assert pledge_report_reminders_send(now=moment) == 0
    assert len(mail.outbox) == 1
