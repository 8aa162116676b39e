"""Service hours read the same everywhere (issue 14, defect 7): one rounding —
the certificate's, one decimal place, halves up — on the organisers' approvals
page, the volunteer's pages, the certificate and the check-out message."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader

from tests.volunteers.factories import confirm, record, shift_at
from volunteers.models import ServiceRecord
from volunteers.services import attendance
from volunteers.services.certificates import certificate_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_shift(activity_index, organising_unit):
    return shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))


def _pdf_text(certificate) -> str:
    certificate.refresh_from_db()
    with certificate.file.open("rb") as handle:
        data = handle.read()
    pages = PdfReader(io.BytesIO(data)).pages
    return "".join(page.extract_text() for page in pages).replace("\n", " ")


@pytest.mark.parametrize(("minutes", "hours"), [(4, "0.1"), (9, "0.2"), (3, "0.1")])
def test_the_same_record_reads_the_same_on_approvals_and_certificate(
    client,
    organiser,
    past_shift,
    volunteer,
    minutes,
    hours,
    django_capture_on_commit_callbacks,
):
    pending = record(past_shift, volunteer, minutes=minutes)
    client.force_login(organiser)
    page = client.get(reverse("volunteers:pending_approvals")).content.decode()
    assert f"{hours} 小时" in page
    assert "0.07" not in page and "0.15" not in page and "0.05" not in page

    ServiceRecord.objects.filter(pk=pending.pk).update(status="approved")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_request(
            volunteer=volunteer, date_from=today - timedelta(days=7), date_to=today
        )
    text = _pdf_text(certificate)
    assert f"{hours} 小时" in text or f" {hours}" in text
    assert str(certificate.total_hours) == hours

    client.force_login(volunteer.user)
    mine = client.get(reverse("volunteers:my_service_records")).content.decode()
    assert f"{hours} 小时" in mine


def test_hours_are_rounded_half_up_to_one_decimal():
    from volunteers.service_hours import hours_from_minutes  # new in issue 14

    assert [str(hours_from_minutes(m)) for m in (0, 3, 4, 9, 15, 90, 270)] == [
        "0.0",
        "0.1",
        "0.1",
        "0.2",
        "0.3",
        "1.5",
        "4.5",
    ]


def test_checkout_message_is_punctuated_and_gives_the_hours(
    client, activity_index, organising_unit, volunteer
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(hours=1))
    confirm(shift, volunteer)
    checked_in, _ = attendance.checkin(volunteer=volunteer, shift=shift)
    ServiceRecord.objects.filter(pk=checked_in.pk).update(
        started_at=timezone.now() - timedelta(minutes=4, seconds=10)
    )
    token = attendance.checkin_token_make(shift=shift)
    client.force_login(volunteer.user)
    response = client.post(
        reverse("volunteers:checkin_scan", kwargs={"token": token}),
        {"action": "checkout"},
        follow=True,
    )
    html = response.content.decode()
    assert "签退成功：本次服务 4 分钟（0.1 小时），等待组织者审核。" in html
