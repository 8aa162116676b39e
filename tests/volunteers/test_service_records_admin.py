"""The read-only admin screen of service records, for staff."""

from datetime import timedelta

import pytest

from tests.factories import UserFactory, give_totp
from tests.volunteers.factories import VolunteerFactory, record, shift_at

pytestmark = pytest.mark.django_db


def test_staff_list_and_inspect_records_but_cannot_edit(
    client, activity_index, organising_unit
):
    shift = shift_at(activity_index, organising_unit, starts_in=-timedelta(days=1))
    records = [record(shift, v) for v in VolunteerFactory.create_batch(5)]
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    response = client.get("/admin/service-records/")
    assert response.status_code == 200
    assert records[0].volunteer.real_name in response.content.decode()
    inspect = client.get(f"/admin/service-records/inspect/{records[0].pk}/")
    assert inspect.status_code == 200
    edit = client.get(f"/admin/service-records/edit/{records[0].pk}/")
    assert edit.status_code in (302, 403)
    assert client.get("/admin/service-records/new/").status_code in (302, 403)
