"""What the browser tests do in a page: sign in and out as a person does, watch
for dialogs and CSP errors, run axe-core, and take full-page screenshots."""

import functools
import time
from pathlib import Path

from django.core import mail

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import DEFAULT_PASSWORD, TEST_TOTP_SECRET

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def watched(page):
    page.set_default_timeout(15_000)
    page.dialogs = []
    page.csp_errors = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            page.csp_errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return page


def submit(page, form="main form[method=post]"):
    page.locator(f"{form} [type=submit]").first.click()
    page.wait_for_load_state()


def sign_in(page, base, user, *, totp_secret=None):
    """Through the login form, as a person does (and the TOTP step for the
    privileged accounts, which the factories give ``TEST_TOTP_SECRET``)."""
    log_in(page, base, user.email, totp_secret=totp_secret)
    assert "/accounts/login/" not in page.url, page.content()


def _forget_used_code(email, code):
    """allauth refuses a TOTP code used once by the same account within its
    30-second period (replay protection; tests/home/test_accounts.py). A browser
    walk signs the same demo account in again and again; rather than wait up to
    30 s for the next code each time, it forgets its own earlier use of this code
    in the shared cache, as the period ending would."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from allauth.core.internal.cryptokit import normalize_user_code

    for user_id in (
        get_user_model()
        .objects.filter(email__iexact=email)
        .values_list("pk", flat=True)
    ):
        key = f"allauth.mfa.totp.used?user={user_id}&code={normalize_user_code(code)}"
        cache.delete(key)  # allauth's own key (TOTP._get_used_cache_key)


def totp_code(secret, email):
    """The current code (not one about to expire), as if ``email`` had not
    used it yet."""
    if 30 - time.time() % 30 < 2:
        time.sleep(2)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    _forget_used_code(email, code)
    return code


def _totp_step(page, secret, email):
    """Type the current code (not one about to expire)."""
    for _attempt in range(3):
        code = totp_code(secret, email)
        page.fill("input[name=code]", code)
        submit(page, "main form")
        if "2fa/authenticate" not in page.url:
            return
        time.sleep(30 - time.time() % 30 + 0.5)
    raise AssertionError("the TOTP code was refused: " + page.content())


def log_in(page, base, email, *, totp_secret=None):
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    if "2fa/authenticate" in page.url:
        _totp_step(page, totp_secret or TEST_TOTP_SECRET, email)


def log_out(page, base):
    page.goto(base + "/accounts/logout/")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()


@functools.cache
def _axe_source():
    return AXE_JS.read_text()


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; return the violations of the given impacts.
    The page's context must bypass CSP (see ``desktop_page``)."""
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def wait_for_email(address, *needles, timeout=30):
    """The email to ``address`` containing every needle, once the outbox task has
    delivered it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            text = f"{message.subject}\n{message.body}"
            if address in message.to and all(needle in text for needle in needles):
                return message
        time.sleep(0.2)
    sent = [(m.to, m.subject) for m in mail.outbox]
    raise AssertionError(f"no email to {address} with {needles} in {timeout} s: {sent}")


def messages_text(page) -> str:
    return (
        page.locator(".messages").inner_text()
        if page.locator(".messages").count()
        else ""
    )


def clause_id(consultation, number):
    return next(c["id"] for c in consultation.clause_list if c["number"] == number)
