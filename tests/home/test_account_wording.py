"""allauth's Chinese mixes in English ("验证您的Email地址"): the project's
catalogue overrides every such string (issue 14, defect 7). Checked on the
verification email, the page that follows sign-up and the account pages."""

import re

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LATIN_EMAIL = re.compile(r"e-?mail", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def visible_text(html: str) -> str:
    """The page's text without markup, scripts, addresses or links."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\S+@\S+|https?://\S+", " ", text)


def test_verification_email_and_page_are_all_chinese(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "display_name": "刘新人",
                "email": "newcomer@example.cn",
                "password1": "lvsidai-2026-guiyang",
                "password2": "lvsidai-2026-guiyang",
                "accept_policies": "on",
            },
            follow=True,
        )
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert subject == "【参与】请确认您的邮箱地址"
    assert not LATIN_EMAIL.search(visible_text(mail.outbox[0].body))
    page = visible_text(response.content.decode())
    assert "验证您的邮箱地址" in page
    assert not LATIN_EMAIL.search(page), LATIN_EMAIL.findall(page)


@pytest.mark.parametrize(
    "path",
    ["/accounts/email/", "/accounts/password/change/", "/accounts/login/"],
)
def test_account_pages_have_no_english_email_word(client, path):
    user = UserFactory()
    if path != "/accounts/login/":
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    page = visible_text(response.content.decode())
    assert not LATIN_EMAIL.search(page), LATIN_EMAIL.findall(page)


def test_email_page_says_mailbox_in_chinese(client):
    client.force_login(UserFactory())
    page = visible_text(client.get(reverse("account_email")).content.decode())
    assert "邮箱地址" in page
