"""The hotline's admin screens: dispatchers edit the catalogue and read the
requests; nobody edits a request there."""

import pytest

from consultations.hotline.models import Holiday
from tests.hotline.factories import dispatcher, operator


@pytest.fixture
def dispatcher_client(client, hotline):
    client.force_login(dispatcher())
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/hotline/category/",
        "/admin/hotline/routingrule/",
        "/admin/hotline/districtplatform/",
        "/admin/hotline/timelimit/",
        "/admin/hotline/holiday/",
        "/admin/hotline/request/",
    ],
)
def test_dispatcher_opens_the_hotline_screens(dispatcher_client, path):
    response = dispatcher_client.get(path)
    assert response.status_code == 200


def test_dispatcher_enters_a_holiday(dispatcher_client):
    response = dispatcher_client.post(
        "/admin/hotline/holiday/new/",
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
    )
    assert response.status_code == 302
    assert Holiday.objects.filter(name="元旦").exists()


def test_requests_list_reads_and_nobody_edits(dispatcher_client, hotline):
    request = hotline.submit()
    listing = dispatcher_client.get("/admin/hotline/request/")
    assert request.reference in listing.content.decode()
    edit = dispatcher_client.get(f"/admin/hotline/request/edit/{request.pk}/")
    assert edit.status_code in (302, 403)


def test_operator_cannot_edit_the_catalogue(client, hotline):
    client.force_login(operator())
    response = client.get("/admin/hotline/routingrule/")
    assert response.status_code in (302, 403)
