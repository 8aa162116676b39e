"""Elder mode (长辈模式): larger text, larger touch targets, higher contrast and a
simpler menu, following the national guidance on making websites usable by
older people. The choice lives in a cookie, not in the account, so that it
works before signing in and on a shared family phone; nothing needs
JavaScript (the switch is a small form, the page is rendered in the mode)."""

COOKIE_NAME = "canyu_display"
ELDER = "elder"
STANDARD = "standard"
MODES = (STANDARD, ELDER)
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # one year


def elder_mode_on(request) -> bool:
    """True when the visitor chose elder mode (no request: standard)."""
    if request is None:
        return False
    return request.COOKIES.get(COOKIE_NAME) == ELDER
