"""Download my data under concurrency: many presses of the button at once make
one export, the others are refused with a message (PostgreSQL only)."""

from django.utils import translation

from home.data_export import services, tasks
from home.exceptions import ServiceError
from home.models import DataExport
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.factories import UserFactory

pytestmark = POSTGRES_ONLY


def test_simultaneous_requests_make_one_export(monkeypatch):
    # The build is not what is tested here: leave the exports pending.
    monkeypatch.setattr(tasks.data_export_build, "delay_on_commit", lambda *a: None)
    user = UserFactory()

    def press(_number):
        with translation.override("en"):
            return services.data_export_request(user=user)

    results, errors = run_in_parallel(press, range(8))
    assert len(results) == 1
    assert len(errors) == 7
    assert all(isinstance(error, ServiceError) for error in errors), errors
    assert DataExport.objects.filter(user=user).count() == 1
