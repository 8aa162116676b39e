"""The Wagtail admin is Chinese for Chinese staff and asks no other host
(issue 14, defect 6): a demo unit editor and the demo moderator walk the
dashboard, the page explorer and search, the page editor with its side panels
and a rich-text field, the page history and the workflow screens they can reach.
Every visible text, placeholder, title and aria-label must be free of English
words (but for the allow-list below), and every request must go to the site.

Screenshots of a failure land in var/screenshots/admin-zh-*.png."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page, TaskState, WorkflowState

import pytest

from home.admin.dashboard_selectors import editable_folders
from home.demo import DEMO_EMAIL_DOMAIN, DEMO_TOTP_SECRET
from home.pledges.services import PLEDGE_REVIEWERS_GROUP
from tests.e2e.helpers import log_in, screenshot
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}

# What the page shows a person: the rendered text, and the texts that assistive
# technology and tooltips read out (of every element, shown or not yet shown).
TEXTS_JS = """() => {
    const attributes = ["placeholder", "title", "aria-label", "alt",
        "aria-description", "data-placeholder", "data-w-tooltip-content-value"];
    const texts = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll("*")) {
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value) texts.push(value);
        }
    }
    // Draftail writes its placeholders as CSS: ::before { content: "…"; }
    for (const style of document.querySelectorAll("style")) {
        for (const match of style.textContent.matchAll(/content:\\s*"([^"]*)"/g)) {
            texts.push(match[1]);
        }
    }
    return texts.join("\\n");
}"""

WORD = re.compile(r"[A-Za-z][A-Za-z’']*[A-Za-z]|[A-Za-z]")
# Addresses and brand or technical names that stay as they are in Chinese text.
ALLOWED_SPANS = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # email addresses
    r"|https?://\S+|\b[\w-]+(\.[\w-]+)*\.(cn|com|org)\b(/\S*)?"  # addresses
)
ALLOWED_WORDS = {
    "Canyu",
    "Wagtail",
    "PDF",
    "CSV",
    "QR",
    "TOTP",
    "JPEG",
    "PNG",
    "Excel",
    "English",  # the language switch names the language in itself
    "h",  # hours, as in "2 h"
}


def english_words(text):
    text = ALLOWED_SPANS.sub("", text)
    found = {}
    for line in text.splitlines():
        for word in WORD.findall(line):
            if word not in ALLOWED_WORDS:
                found.setdefault(word, line.strip()[:160])
    return found


class AdminWalk:
    """One person's browser window: visits admin screens and keeps what was
    English on each, and every host a request went to."""

    def __init__(self, browser, base, name):
        self.context = browser.new_context(**DESKTOP)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.base, self.name = base, name
        self.hosts = set()
        self.english = {}
        self.context.on("request", lambda request: self.hosts.add(request.url))

    def log_in(self, email):
        log_in(self.page, self.base, email, totp_secret=DEMO_TOTP_SECRET)
        assert "/accounts/" not in self.page.url, self.page.url

    def open(self, path):
        self.page.goto(self.base + path)
        self.settle()
        assert self.page.url.startswith(self.base + "/admin/"), self.page.url

    def settle(self):
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(300)

    def check(self, label):
        found = english_words(self.page.evaluate(TEXTS_JS))
        if found:
            self.english[label] = found
            screenshot(self.page, f"admin-zh-{self.name}-{len(self.english)}")

    def click(self, selector):
        self.page.locator(selector).first.click()
        self.settle()

    def other_hosts(self):
        site = urlsplit(self.base).netloc
        return sorted(
            url
            for url in self.hosts
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).netloc != site
        )

    def close(self):
        self.context.close()


def demo_user(email):
    user = get_user_model().objects.get(email=email)
    user.set_password(DEFAULT_PASSWORD)
    user.save()
    return user


def page_in_workflow():
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    pages = Page.objects.filter(pk__in=[int(s.object_id) for s in states])
    return pages.order_by("pk").first()


def walk_page_editor(walk, page):
    walk.open(f"/admin/pages/{page.pk}/edit/")
    walk.check(f"editor {page.pk}")
    for panel in ("status", "preview", "comments", "checks"):
        toggle = f"[data-side-panel-toggle={panel}]"
        if walk.page.locator(toggle).count():
            walk.click(toggle)
            walk.check(f"editor {page.pk}: {panel} panel")
            walk.page.keyboard.press("Escape")
    # A rich-text field, focused: its toolbar.
    editor = walk.page.locator(".Draftail-Editor .public-DraftEditor-content")
    if editor.count():
        editor.first.click()
        walk.page.wait_for_timeout(300)
        walk.check(f"editor {page.pk}: rich text")
    # A StreamField's block chooser (the project's block names).
    if walk.page.locator(".c-sf-add-button").count():
        walk.click(".c-sf-add-button")
        walk.check(f"editor {page.pk}: block chooser")
        walk.page.keyboard.press("Escape")
    # The footer's action menu (save, publish, submit, approve …).
    walk.click("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]")
    walk.check(f"editor {page.pk}: actions")
    walk.page.keyboard.press("Escape")


def test_admin_speaks_chinese_to_editor_and_moderator_and_asks_no_other_host(
    live_server, browser
):
    call_command("seed_demo", verbosity=0, force=True)
    base = live_server.url

    # --- A unit editor ----------------------------------------------------------
    editor = demo_user(f"minzheng.editor@{DEMO_EMAIL_DOMAIN}")
    folders = list(editable_folders(user=editor))
    activity_folder = next(f for f in folders if "/activities/" in f.url_path)
    pledge_folder = next(f for f in folders if "/pledges/" in f.url_path)
    activity = activity_folder.get_children().order_by("pk").first()
    pledge = (
        pledge_folder.get_children()
        .exclude(pk__in=[int(s.object_id) for s in WorkflowState.objects.active()])
        .order_by("-pk")
        .first()
    )

    walk = AdminWalk(browser, base, "editor")
    walk.log_in(editor.email)
    walk.open("/admin/")
    editor_dashboard = walk.page.inner_text("main")
    walk.check("dashboard")
    walk.open(f"/admin/pages/{activity_folder.pk}/")
    walk.check("explorer")
    walk.click("button:has(use[href$='#icon-sliders'])")
    walk.check("explorer: filters")
    walk.open("/admin/account/")
    walk.check("account")
    walk.open("/admin/pages/search/?q=关爱")
    walk.check("page search")
    # A new page: its empty rich-text field shows the placeholder.
    walk.open(f"/admin/pages/{activity_folder.pk}/add_subpage/")
    walk.click(".Draftail-Editor .public-DraftEditor-content")
    new_page_texts = walk.page.evaluate(TEXTS_JS)
    walk.check("new page")
    walk_page_editor(walk, activity)
    walk.open(f"/admin/pages/{activity.pk}/history/")
    walk.check("history")
    walk.open(f"/admin/pages/{activity.pk}/revisions/compare/earliest...latest/")
    walk.check("revisions compare")
    # The pledge goes to review: the submit action, then the workflow's history.
    walk_page_editor(walk, pledge)
    walk.page.locator("footer .w-dropdown__toggle").first.click()
    walk.page.locator("button[name=action-submit]").first.click()
    walk.settle()
    walk.check("pledge submitted")
    assert WorkflowState.objects.active().filter(object_id=str(pledge.pk)).exists()
    walk.open(f"/admin/pages/{pledge.pk}/workflow_history/")
    walk.check("workflow history")
    walk.click("main table a[href*=workflow_history]")
    walk.check("workflow history detail")
    editor_english, editor_hosts = walk.english, walk.other_hosts()
    walk.close()

    # --- The moderator, also a pledge reviewer ------------------------------------
    moderator = demo_user(f"moderator@{DEMO_EMAIL_DOMAIN}")
    moderator.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    in_review = page_in_workflow()
    task_state = TaskState.objects.filter(
        workflow_state__object_id=str(in_review.pk), status="in_progress"
    ).get()

    walk = AdminWalk(browser, base, "moderator")
    walk.log_in(moderator.email)
    walk.open("/admin/")
    moderator_dashboard = walk.page.inner_text("main")
    walk.check("dashboard")
    walk.click("main a[href*='/admin/moderation/?tab=pending']")
    walk.check("moderation queue")
    walk_page_editor(walk, in_review)
    for action in ("approve", "reject"):
        walk.open(f"/admin/pages/{in_review.pk}/edit/")
        walk.page.locator("footer .w-dropdown__toggle").first.click()
        walk.click(f"[data-workflow-action-modal-url*='/{action}/']")
        walk.check(f"task {action} dialog")
    walk.open(f"/admin/pages/workflow/preview/{in_review.pk}/{task_state.task_id}/")
    walk.check("task preview")
    walk.open(f"/admin/pages/{in_review.pk}/workflow_history/")
    walk.check("workflow history")
    walk.open(f"/admin/pages/{in_review.pk}/history/")
    walk.check("history")
    walk.open("/admin/reports/workflow/")
    walk.check("workflow report")
    moderator_english, moderator_hosts = walk.english, walk.other_hosts()
    walk.close()

    assert editor_english == {}
    assert "在此输入内容，或输入“/”插入内容块" in new_page_texts
    assert "本单位的页面" in editor_dashboard
    assert "评论审核" in moderator_dashboard
    assert "等待您审核的页面" in moderator_dashboard
    assert moderator_english == {}
    assert editor_hosts == [] and moderator_hosts == []
