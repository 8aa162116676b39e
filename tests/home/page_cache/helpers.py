"""Reading pages as an anonymous visitor, through the page cache."""

from django.test import Client


def cached_page(client: Client, url: str) -> str:
    """The page at ``url`` once it is served from the cache (the first request
    may make a row, the site's settings, and so is not stored)."""
    for _ in range(2):
        if client.get(url)["X-Cache"] == "miss":
            break
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["X-Cache"] == "hit", (url, response["X-Cache"])
    return response.content.decode()


def next_page(client: Client, url: str, *, status: int = 200) -> str:
    """The page at ``url`` on the next request, which must not be the stored one."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert response.get("X-Cache") != "hit", url
    return response.content.decode()
