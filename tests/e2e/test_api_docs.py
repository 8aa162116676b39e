"""The API's documentation pages render in a browser with their scripts,
styles and schema from the site itself (drf-spectacular-sidecar; no CDN), under
the site's Content-Security-Policy (Swagger UI without a single violation)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import screenshot, watched

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/api/v1/docs/", ".swagger-ui .opblock-summary-path"),
        ("/api/v1/redoc/", "[data-section-id^='tag/']"),
    ],
    ids=["swagger-ui", "redoc"],
)
def test_the_docs_render_with_javascript_from_the_site(
    live_server, browser, path, ready
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watched(context.new_page())
    hosts = set()
    page.on(
        "request",
        lambda request: (
            request.resource_type in ("script", "stylesheet", "fetch")
            and hosts.add(urlsplit(request.url).netloc)
        ),
    )

    page.goto(live_server.url + path)

    # The schema is generated on the first request: slow on a busy machine.
    expect(page.locator(ready).first).to_be_visible(timeout=90_000)
    expect(page.get_by_text("/api/v1/consultations/", exact=True).first).to_be_visible()
    screenshot(page, f"api-docs-{path.strip('/').rsplit('/', 1)[-1]}")
    hosts.discard("")  # data: and blob: URLs
    assert hosts == {urlsplit(live_server.url).netloc}
    if "swagger" in ready:  # Redoc's footer logo (cdn.redoc.ly) is refused, only
        assert page.csp_errors == []
    context.close()
