"""The public API's cached answers follow the page cache's table versions: any
write to a table an answer read (a service's conditional UPDATE, a bulk
``QuerySet.update()``, a Celery task) serves a new answer on the next request; a
write elsewhere leaves the stored answer in place (served without a query)."""

import pytest
import time_machine

from consultations.models import Outcome
from consultations.services.replies import reply_create
from home.models import Unit, UnitMembership
from home.tasks import open_data_publish
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import FacilityFactory
from tests.volunteers.factories import VolunteerFactory, make_activity
from volunteers.services.signups import signup_create

pytestmark = pytest.mark.django_db


def places_left(client) -> int:
    [row] = client.get("/api/v1/activities/").json()["results"]
    [shift] = row["shifts"]
    return shift["places_left"]


def test_a_sign_up_through_the_service_changes_places_left(client, activity_index):
    activity = make_activity(activity_index, unit=UnitFactory(), shifts=((2, 3, 2),))
    assert places_left(client) == 2

    # A conditional UPDATE of the shift's places counter: no model signal.
    signup_create(volunteer=VolunteerFactory(), shift=activity.shifts.get())

    assert places_left(client) == 1


def test_a_reply_to_a_comment_changes_the_comments_answer(
    client, consultation_index, issuing_unit
):
    page = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    comment = make_comment(page, UserFactory(display_name="张三"))
    responder = UserFactory(display_name="王答复")
    UnitMembershipFactory(
        unit=issuing_unit, user=responder, role=UnitMembership.Role.RESPONDER
    )
    url = f"/api/v1/consultations/{page.pk}/comments/"
    assert client.get(url).json()["results"][0]["reply"] is None

    reply_create(
        responder=responder, comment=comment, outcome=Outcome.ADOPTED, body="已采纳。"
    )

    reply = client.get(url).json()["results"][0]["reply"]
    assert (reply["outcome"], reply["body"]) == ("adopted", "已采纳。")


def test_a_bulk_update_invalidates(client):
    UnitFactory(name="贵阳市民政局", kind="government")
    assert client.get("/api/v1/units/").json()["results"][0]["name"] == "贵阳市民政局"

    Unit.objects.filter(kind="government").update(name="贵阳市民政局（新）")

    names = [unit["name"] for unit in client.get("/api/v1/units/").json()["results"]]
    assert names == ["贵阳市民政局（新）"]


def test_a_write_to_another_table_keeps_the_stored_answer(
    client, django_assert_num_queries
):
    unit = UnitFactory(name="贵阳市民政局")
    first = client.get("/api/v1/units/")

    FacilityFactory(unit=unit)  # the units' answer reads no facility

    with django_assert_num_queries(0):
        again = client.get("/api/v1/units/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_write_from_a_celery_task_invalidates(client):
    FacilityFactory()
    assert client.get("/api/v1/open-data/").json() == []

    open_data_publish.delay()  # eager in tests: the task's own code and connection

    assert client.get("/api/v1/open-data/").json() != []


def test_etag_last_modified_and_not_modified(client):
    UnitFactory(name="贵阳市民政局")
    with time_machine.travel("2026-03-02 10:00:00+08:00", tick=False):
        first = client.get("/api/v1/units/")
    assert first["Last-Modified"] == "Mon, 02 Mar 2026 02:00:00 GMT"
    assert "public" in first["Cache-Control"]

    # Within CANYU_API_CACHE_SECONDS (60) of the first answer.
    with time_machine.travel("2026-03-02 10:00:30+08:00", tick=False):
        by_etag = client.get("/api/v1/units/", HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(
            "/api/v1/units/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
        )
        Unit.objects.update(name="贵阳市民政局（新）")
        changed = client.get("/api/v1/units/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert changed.status_code == 200
    assert changed["Last-Modified"] == "Mon, 02 Mar 2026 02:00:30 GMT"
