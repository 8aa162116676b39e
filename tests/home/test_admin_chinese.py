"""The admin in Chinese for Chinese staff (issue 14): Wagtail 8's strings that
its zh-hans catalogue lacks come from the project's catalogue (Django and
JavaScript), no avatar comes from gravatar.com, the help links lead to no
English guide, and editors and reviewers find their pages on the dashboard."""

import json
import re

from django.contrib.auth.models import Group
from django.utils import translation

import pytest

from home.pledges.services import (
    PLEDGE_REVIEWERS_GROUP,
    pledge_folder_for,
    pledge_index_ensure,
)
from tests.factories import UserFactory, give_totp, make_unit_editor
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = UserFactory(email="staff@example.cn", is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    return client


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Search all pages…", "搜索所有页面…"),
        ("Toggle checks", "显示／隐藏检查"),
        ("Content metrics", "内容统计"),
        ("Locking: ", "锁定："),
        ("Actions (footer)", "操作（页脚）"),
        ("Exploring", "浏览"),
    ],
)
def test_wagtail_strings_missing_from_its_catalogue_are_chinese(english, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese


def test_wagtail_plural_strings_are_chinese():
    with translation.override("zh-hans"):
        referenced = translation.ngettext(
            "Referenced %(count)s time", "Referenced %(count)s times", 0
        )
        pages = translation.ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            370,
        )
    assert referenced % {"count": 0} == "被引用 0 次"
    assert pages % {"total": 370, "site_name": "参与"} == (
        '370 个页面<span class="w-sr-only">（参与）</span>'
    )


def test_the_javascript_catalogue_has_the_rich_text_placeholder(staff_client):
    response = staff_client.get("/admin/jsi18n/")
    script = response.content.decode()
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1)
    )

    assert catalogue["Write something or type ‘/’ to insert a block"] == (
        "在此输入内容，或输入“/”插入内容块"
    )
    assert catalogue["Insert a block"] == "插入内容块"


def test_the_admin_asks_no_gravatar_and_links_no_english_guide(staff_client):
    page = staff_client.get("/admin/").content.decode()

    assert "gravatar.com" not in page
    assert "guide.wagtail.org" not in page
    assert "editor guide" not in page


def test_the_editor_guide_links_the_configured_guide(staff_client, settings):
    settings.CANYU_EDITOR_GUIDE_URL = "/guide/"

    page = staff_client.get("/admin/").content.decode()

    assert (
        '<a class="w-underline w-underline-offset-[3px]" href="/guide/">编辑指南</a>'
        in page
    )


def test_the_page_search_header_names_pages_not_none(staff_client, unit):
    pledge_index_ensure()
    pledge = make_pledge(unit)

    page = staff_client.get(
        "/admin/pages/search/", {"q": pledge.title}
    ).content.decode()

    assert re.search(r"共 \d+ 个页面，当前为第 1–\d+ 个", page)
    assert "个None" not in page


def test_a_unit_editor_finds_the_units_folders_on_the_dashboard(client, unit):
    pledge_index_ensure()
    folder = pledge_folder_for(unit)
    editor = make_unit_editor(unit)
    make_pledge(unit, publish=False)
    client.force_login(editor)

    page = client.get("/admin/").content.decode()

    assert "本单位的页面" in page
    assert f'href="/admin/pages/{folder.pk}/"' in page


def test_a_reviewer_finds_the_pages_waiting_for_review_on_the_dashboard(client, unit):
    pledge_index_ensure()
    editor = make_unit_editor(unit)
    pledge = make_pledge(unit, publish=False)
    pledge.get_workflow().start(pledge, editor)
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    give_totp(reviewer)
    client.force_login(reviewer)

    page = client.get("/admin/").content.decode()

    assert "有 1 个页面等待您审核" in page
    assert f'href="/admin/pages/{pledge.pk}/edit/"' in page
