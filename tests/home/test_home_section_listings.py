"""The home page's section listings ("志愿服务活动", "单位承诺"): activities and
pledges sit below one folder per unit, and the listing shows the activities and
pledges themselves — linked, with their figures — never the folders."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from home.models import HomePage, PledgeIndexPage
from home.pledges.services import pledge_index_ensure
from tests.factories import UnitFactory
from tests.home.factories import make_pledge
from tests.volunteers.factories import VolunteerFactory, make_activity, sign_up

pytestmark = pytest.mark.django_db


def _home_lists(*index_pages, count=3):
    home = HomePage.objects.get()
    home.body = [
        ("listing", {"heading": page.title, "index_page": page, "count": count})
        for page in index_pages
    ]
    home.save_revision().publish()


def _listing(html: str, heading: str) -> str:
    """The HTML of the listing section headed ``heading``."""
    start = html.index(f">{heading}</h2>")
    return html[start : html.index("</section>", start)]


def test_activity_listing_shows_upcoming_activities_not_unit_folders(
    client, activity_index
):
    enterprise = UnitFactory(name="贵州某某科技有限公司")
    school = UnitFactory(name="贵阳市第一中学")
    later = make_activity(
        activity_index, unit=enterprise, title="河道清洁行动", shifts=((9, 2, 5),)
    )
    soon = make_activity(
        activity_index, unit=school, title="敬老院陪伴", shifts=((2, 3, 4),)
    )
    make_activity(
        activity_index,
        unit=school,
        title="往期义诊",
        shifts=((-10, 2, 5),),
        signup_opens_at=timezone.now() - timedelta(days=20),
        signup_closes_at=timezone.now() - timedelta(days=11),
    )
    draft = make_activity(activity_index, unit=school, title="草稿活动")
    draft.unpublish()
    sign_up(soon.shifts.get(), VolunteerFactory())
    _home_lists(activity_index)

    html = client.get("/").content.decode()
    listing = _listing(html, activity_index.title)

    assert f'href="{soon.url}"' in listing and f'href="{later.url}"' in listing
    # Upcoming first, soonest first; the finished one only after them.
    assert listing.index("敬老院陪伴") < listing.index("河道清洁行动")
    assert listing.index("河道清洁行动") < listing.index("往期义诊")
    assert "草稿活动" not in listing
    for folder in enterprise.activity_folder, school.activity_folder:
        assert f'href="{folder.url}"' not in listing
    # The figures a visitor wants: who, when, how many places are left.
    assert "贵阳市第一中学" in listing
    assert "尚余 3 个名额" in listing and "尚余 5 个名额" in listing
    assert soon.shifts.get().starts_at.astimezone().strftime("%Y-%m-%d") in listing


def test_activity_listing_keeps_to_its_count(client, activity_index):
    unit = UnitFactory()
    for number in range(4):
        make_activity(activity_index, unit=unit, title=f"活动{number}号")
    _home_lists(activity_index, count=2)
    listing = _listing(client.get("/").content.decode(), activity_index.title)
    assert listing.count('class="card"') == 2


def test_pledge_listing_shows_published_pledges_not_unit_folders(client):
    pledge_index_ensure()
    index = PledgeIndexPage.objects.get()
    enterprise = UnitFactory(name="贵州某某科技有限公司")
    school = UnitFactory(name="贵阳市第一中学")
    older = make_pledge(enterprise, year=2025)
    newer = make_pledge(school, year=2026)
    make_pledge(UnitFactory(name="草稿单位"), year=2026, publish=False)
    _home_lists(index)

    listing = _listing(client.get("/").content.decode(), index.title)

    assert f'href="{older.url}"' in listing and f'href="{newer.url}"' in listing
    assert listing.index(newer.title) < listing.index(older.title)
    assert "草稿单位" not in listing
    assert f'href="{enterprise.pledge_folder.url}"' not in listing
    assert "承诺事项：3 项" in listing


def test_listings_cost_the_same_queries_however_many_items(client, activity_index):
    pledge_index_ensure()
    index = PledgeIndexPage.objects.get()
    _home_lists(activity_index, index, count=6)

    def queries():
        client.get("/")  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    make_activity(activity_index, unit=UnitFactory(), title="第一项活动")
    make_pledge(UnitFactory(), year=2026)
    few = queries()
    for number in range(4):
        make_activity(
            activity_index,
            unit=UnitFactory(),
            title=f"活动{number}号",
            shifts=((2, 3, 10), (4, 2, 6)),
        )
        make_pledge(UnitFactory(), year=2025)
    assert queries() == few
