"""Publishing, unpublishing and moving a page are on the next anonymous request,
on the page itself and on the listings and menus that show it; so is a write
made by a Celery worker (another connection, another thread)."""

import time

import pytest

from config.celery_app import app as celery_app
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_consultation,
)
from tests.factories import UnitFactory, site_home
from tests.home.factories import StandardPageFactory
from tests.home.page_cache.helpers import cached_page, next_page

pytestmark = pytest.mark.django_db


def test_publishing_an_edit_shows_on_the_next_request(client):
    page = StandardPageFactory(title="参与指南", slug="guide", show_in_menus=True)
    assert "参与指南" in cached_page(client, "/guide/")
    cached_page(client, "/units/")
    page.title = "参与须知"
    page.save_revision().publish()
    assert "参与须知" in next_page(client, "/guide/")
    # The menu of every other page too.
    assert "参与须知" in next_page(client, "/units/")


def test_a_draft_is_not_shown_until_published(client):
    page = StandardPageFactory(title="参与指南", slug="guide")
    cached_page(client, "/guide/")
    page.title = "草稿标题"
    page.save_revision()
    assert "草稿标题" not in client.get("/guide/").content.decode()


def test_unpublishing_shows_on_the_next_request(client):
    page = StandardPageFactory(title="参与指南", slug="guide")
    cached_page(client, "/guide/")
    page.unpublish()
    next_page(client, "/guide/", status=404)


def test_moving_shows_on_the_next_request(client):
    section = StandardPageFactory(title="帮助", slug="help")
    page = StandardPageFactory(title="参与指南", slug="guide")
    cached_page(client, "/guide/")
    page.move(section, pos="last-child")
    moved = client.get("/guide/")  # Wagtail's redirect from the old address
    assert moved.status_code == 301 and moved["Location"].endswith("/help/guide/")
    assert "参与指南" in next_page(client, "/help/guide/")


def test_a_new_consultation_shows_in_the_listing_on_the_next_request(client):
    index = ConsultationIndexPageFactory()
    make_consultation(index, unit=UnitFactory(), title="公交线网优化方案")
    assert "停车收费调整方案" not in cached_page(client, index.url)
    make_consultation(index, unit=UnitFactory(), title="停车收费调整方案")
    assert "停车收费调整方案" in next_page(client, index.url)


@celery_app.task(name="tests.page_cache.retitle")
def retitle(page_id: int, title: str) -> None:
    from wagtail.models import Page

    Page.objects.filter(pk=page_id).update(title=title)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_by_a_celery_worker_shows_on_the_next_request(client, real_worker):
    assert site_home() is not None
    page = StandardPageFactory(title="参与指南", slug="guide")
    cached_page(client, "/guide/")
    retitle.delay(page.pk, "工人改的标题")
    # Well within the time a page is kept (60 s): only the worker's bump can
    # make the page show the new title this soon.
    deadline = time.monotonic() + 15
    response = client.get("/guide/")
    while "工人改的标题" not in response.content.decode():
        assert time.monotonic() < deadline, "the worker's write never showed"
        time.sleep(0.2)
        response = client.get("/guide/")
    assert response["X-Cache"] != "hit"
