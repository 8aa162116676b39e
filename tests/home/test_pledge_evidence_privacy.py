"""Evidence files of a report nobody has published yet are not reachable by URL:
only the unit's admins and editors and staff download them; once the report is
published, anyone who can see the pledge page can (issue 11, leaks)."""

from io import BytesIO

from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

import pytest
from PIL import Image as PILImage

from home.models import PledgeEvidence, PledgeReport, UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 contract ledger 2025"


def png_bytes() -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pledge(unit):
    return make_pledge(unit, year=2025)


def editor_of(unit, role=UnitMembership.Role.EDITOR):
    user = UserFactory()
    UnitMembershipFactory(unit=unit, user=user, role=role)
    return user


def post_report(client, pledge, *, publish: bool):
    data = {
        "title": "2025年度履诺报告",
        "summary": "全年承诺全部兑现。",
        "evidence_0_caption": "合同签订台账",
        "evidence_0_file": SimpleUploadedFile("ledger.pdf", PDF),
        "evidence_1_caption": "活动照片",
        "evidence_1_file": SimpleUploadedFile("photo.png", png_bytes()),
    }
    if publish:
        data["publish"] = "on"
    for item in pledge.items.all():
        data[f"item_{item.pk}_percent"] = "60"
    response = client.post(pledge.url + "report/", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    return PledgeReport.objects.get()


def evidence_urls(pledge) -> list[str]:
    return [
        pledge.url + pledge.reverse_subpage("evidence", args=[evidence.pk])
        for evidence in PledgeEvidence.objects.order_by("pk")
    ]


def public_file_urls() -> list[str]:
    """Every address Wagtail would serve an uploaded document or image at."""
    return [document.url for document in get_document_model().objects.all()] + [
        image.file.url for image in get_image_model().objects.all()
    ]


def test_draft_report_evidence_reaches_only_the_units_editors_and_staff(
    client, unit, pledge
):
    editor = editor_of(unit)
    client.force_login(editor)
    report = post_report(client, pledge, publish=False)
    assert report.status == PledgeReport.Status.DRAFT

    # Nothing went to the public media: no Wagtail document or image, and the
    # files are in the private storage (which has no URL).
    assert public_file_urls() == []
    for evidence in PledgeEvidence.objects.all():
        assert evidence.file.storage is storages["private"]
        assert storages["private"].exists(evidence.file.name)
        assert not default_storage.exists(evidence.file.name)

    pdf_url, photo_url = evidence_urls(pledge)
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(photo_url).status_code == 200

    client.force_login(UserFactory(is_staff=True))
    assert client.get(pdf_url).status_code == 200

    # The public page does not list the draft, and nobody else gets the files.
    client.logout()
    assert "合同签订台账" not in client.get(pledge.url).content.decode()
    others = [
        None,
        UserFactory(),
        editor_of(UnitFactory(name="另一个单位")),
        editor_of(unit, role=UnitMembership.Role.RESPONDER),
    ]
    for user in others:
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for url in (pdf_url, photo_url):
            assert client.get(url).status_code == 404, (user, url)


def test_published_report_evidence_is_linked_and_served_to_everyone(
    client, unit, pledge
):
    client.force_login(editor_of(unit))
    post_report(client, pledge, publish=True)
    client.logout()
    html = client.get(pledge.url).content.decode()
    pdf_url, photo_url = evidence_urls(pledge)
    assert pdf_url in html and photo_url in html
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client.get(photo_url)["Content-Type"] == "image/png"


def test_evidence_of_a_restricted_pledge_page_needs_the_pages_password(
    client, unit, pledge
):
    client.force_login(editor_of(unit))
    post_report(client, pledge, publish=True)
    PageViewRestriction.objects.create(
        page=pledge, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    client.logout()
    pdf_url, _photo_url = evidence_urls(pledge)
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"%PDF" not in response.content  # Wagtail's password form instead
    assert b'name="password"' in response.content
