"""Certificates of volunteer service: the request takes a snapshot of approved
records, the PDF carries the Chinese text and renders, only the owner and staff
download it, and the public verification page says genuine or revoked."""

import io
import shutil
import subprocess
from datetime import timedelta

from django.utils import timezone

import pytest
from pypdf import PdfReader

from home.exceptions import ServiceError
from tests.factories import UnitFactory, UserFactory
from tests.volunteers.factories import (
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
)
from volunteers.models import Certificate
from volunteers.services.certificates import certificate_request, certificate_revoke

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def served(volunteer, activity):
    """Three approved records (2 h, 1.5 h, 1 h) and a pending one, last week."""
    volunteer.id_number_masked = "5201**********123X"
    volunteer.save()
    shifts = add_shifts(activity, 4, start=timezone.now() - timedelta(days=8))
    for shift, minutes in zip(shifts, (120, 90, 60), strict=False):
        service_record(volunteer, shift, minutes=minutes)
    service_record(volunteer, shifts[3], minutes=240, status="pending")
    return volunteer


def request_certificate(volunteer, **extra):
    today = timezone.localdate()
    return certificate_request(
        volunteer=volunteer,
        date_from=extra.pop("date_from", today - timedelta(days=30)),
        date_to=extra.pop("date_to", today),
        **extra,
    )


def pdf_text(certificate) -> str:
    with certificate.file.open("rb") as handle:
        data = handle.read()
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_certificate_lists_approved_records_only_with_the_total(
    served, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = request_certificate(served)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY
    assert certificate.total_minutes == 270
    assert len(certificate.lines) == 3
    assert certificate.number.startswith("ZYZM")
    assert certificate.issuer_name == "贵阳市绿丝带志愿服务平台"
    text = pdf_text(certificate)
    for expected in (
        "陈志愿",
        "5201**********123X",
        served.green_ribbon_number,
        "花果园社区垃圾分类宣传",
        "4.5",
        certificate.number,
        certificate.verification_token,
    ):
        assert expected in text.replace("\n", ""), expected


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")
def test_certificate_pdf_renders_to_an_image(
    served, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = request_certificate(served)
    certificate.refresh_from_db()
    source = tmp_path / "certificate.pdf"
    with certificate.file.open("rb") as handle:
        source.write_bytes(handle.read())
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "50", str(source), str(tmp_path / "page")],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=60,
    )
    images = list(tmp_path.glob("page*.png"))
    assert images
    assert images[0].stat().st_size > 5000


def test_one_units_certificate_is_issued_by_that_unit(
    served, activity_index, django_capture_on_commit_callbacks
):
    other_unit = UnitFactory(name="南明区民政局")
    other = make_activity(activity_index, unit=other_unit, title="关爱老人")
    shift = add_shifts(other, 1, start=timezone.now() - timedelta(days=3))[0]
    service_record(served, shift, minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = request_certificate(served, unit=other_unit)
    assert certificate.issuer_name == "南明区民政局"
    assert certificate.total_minutes == 30
    assert [line["activity"] for line in certificate.lines] == ["关爱老人"]


def test_later_corrections_do_not_change_an_issued_certificate(served):
    certificate = request_certificate(served)
    record = served.service_records.filter(status="approved").first()
    record.minutes = 10
    record.save()
    certificate.refresh_from_db()
    assert certificate.total_minutes == 270


def test_refusals(served, volunteer):
    today = timezone.localdate()
    with pytest.raises(ServiceError, match="future"):
        request_certificate(served, date_to=today + timedelta(days=1))
    with pytest.raises(ServiceError, match="start date"):
        request_certificate(served, date_from=today, date_to=today - timedelta(1))
    with pytest.raises(ServiceError, match="no approved service"):
        request_certificate(VolunteerFactory())
    assert not Certificate.objects.exists()


def test_rendering_twice_makes_one_file(served, django_capture_on_commit_callbacks):
    from volunteers.tasks import certificate_render

    with django_capture_on_commit_callbacks(execute=True):
        certificate = request_certificate(served)
    certificate.refresh_from_db()
    name = certificate.file.name
    assert certificate_render(certificate.pk) is False
    certificate.refresh_from_db()
    assert certificate.file.name == name


# Pages ----------------------------------------------------------------------------


def test_volunteer_requests_and_downloads_on_the_page(
    client, served, django_capture_on_commit_callbacks
):
    client.force_login(served.user)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/volunteers/me/certificates/",
            {
                "date_from": (today - timedelta(days=30)).isoformat(),
                "date_to": today.isoformat(),
                "unit": "",
            },
        )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    page = client.get("/volunteers/me/certificates/")
    assert certificate.number in page.text
    download = client.get(f"/volunteers/me/certificates/{certificate.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_bad_request_shows_errors_and_creates_nothing(client, served):
    client.force_login(served.user)
    response = client.post(
        "/volunteers/me/certificates/", {"date_from": "2026-05-01", "date_to": "x"}
    )
    assert response.status_code == 400
    assert "error-summary" in response.text
    assert not Certificate.objects.exists()


def test_other_volunteers_cannot_download(
    client, served, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = request_certificate(served)
    client.force_login(VolunteerFactory().user)
    url = f"/volunteers/me/certificates/{certificate.pk}/download/"
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


def test_verification_page_says_genuine_then_revoked(client, served):
    certificate = request_certificate(served)
    url = f"/volunteers/certificates/{certificate.verification_token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "certificate-status--genuine" in page.text
    assert "陈*愿" in page.text or "陈*" in page.text
    assert "陈志愿" not in page.text
    assert "4.5" in page.text
    certificate_revoke(
        certificate_id=certificate.pk, by=UserFactory(is_staff=True), reason="信息有误"
    )
    page = client.get(url)
    assert "certificate-status--revoked" in page.text
    assert "信息有误" in page.text
    assert client.get("/volunteers/certificates/not-a-token/").status_code == 404


def test_scheduled_job_renders_certificates_whose_task_was_lost(served):
    from volunteers.tasks import certificates_render_missing

    certificate = request_certificate(served)  # on_commit never ran: no PDF
    Certificate.objects.filter(pk=certificate.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    assert certificates_render_missing() == 1
    assert certificates_render_missing() == 0
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY
    assert certificate.file
