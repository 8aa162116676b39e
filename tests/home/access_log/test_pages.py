"""Who looked at my data (issue 13, part 4), the pages: each person's own log on
/me/access-log/, the staff log in the admin (two-factor, filters, CSV) and the
retention purge."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from home.access_log import access_records_purge
from home.models import AccessRecord
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LOG = "/admin/access-log/"

# The person's page ------------------------------------------------------------


def test_my_access_log_shows_only_my_own_entries_newest_first(client, staff):
    me = UserFactory(email="me@example.cn")
    someone = UserFactory(email="someone@example.cn")
    unit_a = UnitFactory(name="甲单位")
    unit_b = UnitFactory(name="乙单位")
    AccessRecord.objects.create(
        viewer=staff,
        subject=me,
        what=AccessRecord.What.ROSTER,
        acted_as=AccessRecord.ActedAs.UNIT,
        unit=unit_a,
        acting_for="甲单位",
        accessed_at=timezone.now() - timedelta(days=2),
    )
    AccessRecord.objects.create(
        viewer=staff,
        subject=me,
        what=AccessRecord.What.CERTIFICATE,
        acted_as=AccessRecord.ActedAs.STAFF,
        accessed_at=timezone.now() - timedelta(days=1),
    )
    AccessRecord.objects.create(
        viewer=staff,
        subject=someone,
        what=AccessRecord.What.UNIT_MEMBERS,
        acted_as=AccessRecord.ActedAs.UNIT,
        unit=unit_b,
        acting_for="乙单位",
    )
    client.force_login(me)
    page = client.get(reverse("home:my_access_log")).content.decode()
    assert "甲单位" in page
    assert "乙单位" not in page
    assert page.index("平台工作人员") < page.index("甲单位")


def test_my_access_log_needs_sign_in(client):
    response = client.get(reverse("home:my_access_log"))
    assert response.status_code == 302


# Staff's admin screen ---------------------------------------------------------


def test_admin_log_needs_staff_with_two_factor(client, volunteer):
    AccessRecord.objects.create(
        subject=volunteer.user,
        what=AccessRecord.What.ROSTER,
        acted_as=AccessRecord.ActedAs.STAFF,
    )
    resident = UserFactory()
    client.force_login(resident)
    response = client.get(ADMIN_LOG)
    assert response.status_code in (302, 403)
    assert "陈志愿" not in response.content.decode()

    no_totp = UserFactory(is_staff=True, is_superuser=True, two_factor=False)
    client.force_login(no_totp)
    response = client.get(ADMIN_LOG)
    assert response.status_code in (302, 403)
    assert volunteer.user.email not in response.content.decode()


def test_admin_log_filters_and_exports_csv(client, staff, organiser, roster):
    client.force_login(organiser)
    client.get(reverse("home:unit_members", args=["none"]))  # 404, nothing kept
    AccessRecord.objects.create(
        viewer=organiser,
        subject=roster["volunteer"].user,
        what=AccessRecord.What.ROSTER_EXPORT,
        acted_as=AccessRecord.ActedAs.UNIT,
        detail="=HYPERLINK(1)",
    )
    AccessRecord.objects.create(
        viewer=organiser,
        subject=roster["other"].user,
        what=AccessRecord.What.UNIT_MEMBERS,
        acted_as=AccessRecord.ActedAs.UNIT,
    )
    client.force_login(staff)
    filtered = client.get(ADMIN_LOG, {"subject": "chen@"}).content.decode()
    assert "chen@example.cn" in filtered
    assert "wang@example.cn" not in filtered
    by_what = client.get(ADMIN_LOG, {"what": "unit_members"}).content.decode()
    assert "wang@example.cn" in by_what
    assert "chen@example.cn" not in by_what

    response = client.get(ADMIN_LOG, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 1 + 2
    assert "'=HYPERLINK(1)" in content


# Retention --------------------------------------------------------------------


def test_purge_deletes_records_past_the_retention_and_is_safe_twice(
    settings, volunteer
):
    settings.CANYU_ACCESS_LOG_RETENTION_DAYS = 3 * 365
    now = timezone.now()
    old = AccessRecord.objects.create(
        subject=volunteer.user,
        what=AccessRecord.What.ROSTER,
        acted_as=AccessRecord.ActedAs.STAFF,
        accessed_at=now - timedelta(days=3 * 365 + 1),
    )
    kept = AccessRecord.objects.create(
        subject=volunteer.user,
        what=AccessRecord.What.ROSTER,
        acted_as=AccessRecord.ActedAs.STAFF,
        accessed_at=now - timedelta(days=3 * 365 - 1),
    )
    assert access_records_purge(now=now) == 1
    assert access_records_purge(now=now) == 0
    assert not AccessRecord.objects.filter(pk=old.pk).exists()
    assert AccessRecord.objects.filter(pk=kept.pk).exists()
