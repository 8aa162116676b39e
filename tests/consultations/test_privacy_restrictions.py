"""Wagtail's privacy settings on a consultation (password, signed-in users,
groups) hold for its downloads, its forms reached by address, its followers'
emails, the search and the sitemap, not only for the page (issue 11, leaks)."""

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from consultations.models import ConsultationFollow
from consultations.services.following import followers_notify_results
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "内部绩效考核办法（征求意见稿）"


@pytest.fixture
def closed(consultation_index, issuing_unit, resident):
    page = make_consultation(
        consultation_index, unit=issuing_unit, phase="closed", title=SECRET_TITLE
    )
    make_comment(page, resident, body="考核指标应当公开透明。")
    return page


def restrict(page, kind, **extra):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, **extra
    )
    return restriction


def downloads(page):
    return [
        reverse("consultations:comments_csv", args=[page.pk]),
        reverse("consultations:comments_xlsx", args=[page.pk]),
    ]


def test_comment_downloads_of_a_password_protected_consultation_are_refused(
    client, closed
):
    for url in downloads(closed):
        assert client.get(url).status_code == 200  # public: downloadable
    restrict(closed, PageViewRestriction.PASSWORD, password="s3cret")
    for url in downloads(closed):
        response = client.get(url)
        assert response.status_code == 404
        assert "考核指标" not in response.content.decode(errors="replace")
    client.force_login(UserFactory(is_staff=True))
    for url in downloads(closed):
        assert client.get(url).status_code == 404


def test_comment_downloads_of_a_members_only_consultation(client, closed):
    restrict(closed, PageViewRestriction.LOGIN)
    for url in downloads(closed):
        assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    for url in downloads(closed):
        assert client.get(url).status_code == 200


def test_comment_downloads_of_a_group_restricted_consultation(client, closed):
    group = Group.objects.create(name="考核小组")
    restrict(closed, PageViewRestriction.GROUPS).groups.add(group)
    outsider, insider = UserFactory(), UserFactory()
    insider.groups.add(group)
    client.force_login(outsider)
    assert client.get(downloads(closed)[0]).status_code == 404
    client.force_login(insider)
    assert client.get(downloads(closed)[0]).status_code == 200


def test_forms_of_a_restricted_consultation_cannot_be_used(
    resident_client, consultation_index, issuing_unit, resident
):
    page = make_consultation(
        consultation_index, unit=issuing_unit, phase="open", title=SECRET_TITLE
    )
    comment = make_comment(page, UserFactory())
    restrict(page, PageViewRestriction.PASSWORD, password="s3cret")
    # Through the page's own routes: Wagtail asks for the password first.
    response = resident_client.post(page.url + "follow/")
    assert response.status_code == 200 and b'name="password"' in response.content
    response = resident_client.post(page.url + "comment/", {"body": "我反对。"})
    assert b'name="password"' in response.content
    # Through the older addresses and the comment-by-number forms: not found.
    for url in (
        f"/consultations/{page.pk}/follow/",
        f"/consultations/{page.pk}/comment/",
        f"/consultations/{page.pk}/survey/",
        f"/consultations/comments/{comment.pk}/support/",
        f"/consultations/comments/{comment.pk}/flag/",
    ):
        assert resident_client.post(url, {"body": "我反对。"}).status_code == 404, url
    assert not ConsultationFollow.objects.exists()
    assert page.comments.count() == 1
    assert comment.supports.count() == 0


def test_followers_who_cannot_see_the_page_get_no_results_email(
    closed, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="考核小组")
    insider, outsider = UserFactory(), UserFactory()
    insider.groups.add(group)
    for user in (insider, outsider):
        ConsultationFollow.objects.create(consultation=closed, user=user)
    restrict(closed, PageViewRestriction.GROUPS).groups.add(group)
    closed.results_published_at = timezone.now()
    closed.save(update_fields=["results_published_at"])
    with django_capture_on_commit_callbacks(execute=True):
        assert followers_notify_results(consultation=closed) == 1
    assert [message.to for message in mail.outbox] == [[insider.email]]


def test_password_protected_consultations_stay_out_of_search_and_sitemap(
    client, closed
):
    restrict(closed, PageViewRestriction.PASSWORD, password="s3cret")
    html = client.get("/search/", {"q": "绩效考核"}).content.decode()
    assert SECRET_TITLE not in html
    assert closed.url not in client.get("/sitemap.xml").content.decode()
    listing = client.get(closed.get_parent().url).content.decode()
    assert SECRET_TITLE not in listing
