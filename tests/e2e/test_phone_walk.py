"""Accounts that fit China, walked at phone width (the acceptance walk of issue
15):

- a resident signs up with only a mobile number, reading the code from the
  file the development SMS backend writes under var/sms/ (here a folder of the
  test's own), comments on a consultation, the issuing unit answers, and the
  answer waits in the site inbox, whose unread count shows in the header;
- an account with a verified email but no verified phone is asked to verify a
  number before commenting, does so by code and is taken back to the page.

Screenshots land in var/screenshots/phone-walk-*.png."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from consultations.models import Comment
from consultations.services.replies import reply_create
from home.models import InboxMessage, OutboundSms, User
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_consultation,
)
from tests.e2e.helpers import (
    axe_violations,
    screenshot,
    sign_in,
    submit,
    watched,
)
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "locale": "zh-CN",
    "bypass_csp": True,
}


def _code_from_sms_folder(folder: Path, number: str, seen: set) -> str:
    """The newest code texted to ``number`` that the walk has not used yet, read
    from the files the file backend writes (delivery runs after commit)."""
    for _attempt in range(50):
        for path in sorted(folder.glob("*.txt")):
            if path.name in seen:
                continue
            text = path.read_text(encoding="utf-8")
            if f"To: {number}" in text and "verification_code" in text:
                seen.add(path.name)
                return re.search(r"\b(\d{6})\b", text.split("\n\n", 1)[1]).group(1)
        time.sleep(0.1)
    files = sorted(folder.iterdir()) if folder.exists() else []
    rows = list(OutboundSms.objects.values_list("to", "kind", "status", "last_error"))
    raise AssertionError(f"no code for {number}: files {files}, outbox {rows}")


@pytest.fixture
def sms_folder(settings, tmp_path):
    settings.CANYU_SMS_FILE_PATH = str(tmp_path / "sms")
    settings.CANYU_SMS_BACKEND = "file"
    return tmp_path / "sms"


@pytest.fixture
def consultation(db):
    unit = UnitFactory(name="贵阳市生态环境局")
    return make_consultation(ConsultationIndexPageFactory(), unit=unit, slug="trees")


def test_a_resident_signs_up_by_mobile_comments_and_finds_the_answer_in_the_inbox(
    live_server, browser, sms_folder, consultation
):
    base = live_server.url
    page = watched(browser.new_context(**PHONE).new_page())
    seen: set = set()

    # Sign up with nothing but a mobile number.
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=phone]", "139 0851 2345")
    if page.locator("input[name=display_name]").count():
        page.fill("input[name=display_name]", "老周")
    page.check("input[name=accept_policies]")
    submit(page)
    assert "/accounts/signup/" not in page.url, page.locator("main").inner_text()
    code = _code_from_sms_folder(sms_folder, "+8613908512345", seen)
    page.fill("input[name=code]", code)
    submit(page)
    resident = User.objects.get(phone="+8613908512345")
    assert resident.phone_verified and not resident.email
    screenshot(page, "phone-walk-signed-up")

    # The code cannot be used again, and none stays in the outbox.
    assert (
        not OutboundSms.objects.exclude(params={})
        .filter(kind="verification_code")
        .exists()
    )

    # Comment on the consultation.
    page.goto(base + consultation.url)
    form = page.locator("#comment-form form")
    body = "建议在小区绿地补种本地树种，并公布养护责任人。"
    form.locator("textarea[name=body]").fill(body)
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    comment = Comment.objects.get(author=resident)
    assert comment.status == Comment.Status.PUBLISHED
    author = page.locator(f"#comment-{comment.pk} .comment__author")
    expect(author).not_to_contain_text("139")  # the public never sees the number

    # The unit answers.
    responder = UserFactory(display_name="王答复")
    UnitMembershipFactory(unit=consultation.unit, user=responder, role="responder")
    reply_create(
        responder=responder,
        comment=comment,
        outcome="adopted",
        body="已采纳：将在明年春季补种香樟和桂花。",
    )
    assert InboxMessage.objects.filter(recipient=resident, read_at=None).count() == 1

    # The header counts the unread message; the inbox opens the answer.
    page.goto(base + "/")
    inbox_link = page.locator("header a.header-inbox")
    expect(inbox_link).to_be_visible()
    expect(inbox_link).to_contain_text("1")
    inbox_link.click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("答复")
    screenshot(page, "phone-walk-inbox")
    assert axe_violations(page) == []
    page.locator("main form [type=submit]", has_text="答复").first.click()
    page.wait_for_load_state()
    assert consultation.url.rstrip("/") in page.url
    expect(page.locator("main")).to_contain_text("已采纳")
    assert InboxMessage.objects.get(recipient=resident).read_at is not None
    assert page.dialogs == []


def test_an_account_without_a_verified_phone_verifies_before_commenting(
    live_server, browser, sms_folder, consultation
):
    base = live_server.url
    person = UserFactory(
        display_name="李四", email="lisi@example.cn", phone="", phone_verified=False
    )
    assert not person.phone_verified
    page = watched(browser.new_context(**PHONE).new_page())
    sign_in(page, base, person)

    page.goto(base + consultation.url)
    assert page.locator("#comment-form textarea[name=body]").count() == 0
    notice = page.get_by_role("link", name=re.compile("验证.*手机|手机号"))
    screenshot(page, "phone-walk-verify-first")
    assert axe_violations(page) == []
    notice.first.click()
    page.wait_for_load_state()
    page.fill("input[name=phone]", "13608512345")
    submit(page)
    code = _code_from_sms_folder(sms_folder, "+8613608512345", set())
    page.fill("input[name=code]", code)
    submit(page)
    assert consultation.url.rstrip("/") in page.url, page.url
    person.refresh_from_db()
    assert (person.phone, person.phone_verified) == ("+8613608512345", True)
    expect(page.locator("#comment-form textarea[name=body]")).to_be_visible()
