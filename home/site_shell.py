"""The site shell, computed once and kept in the shared cache: the Wagtail site of
a host, the sections under view restrictions, the menu and the site settings.

Every page shows the shell, and without this each request asked the database
for the site, for every view restriction (``PageQuerySet.public()`` and the
private-page check each ask again), for the menu's pages and for the settings.
All entries are keyed by one *generation* token, replaced whenever a row they
are made from changes: a page saved, published, unpublished, moved or deleted,
a view restriction, a site, a locale or the site settings saved or deleted
(home/site_shell_signals.py). The token is replaced at once and again when the
transaction commits, so a request that read the old rows in between cannot
leave them in the cache under the new token. A token missing from the cache
(evicted, a fresh cache) is a new random one: entries made under any earlier
token are never read again.

Privacy: the private-page check reads the cached restricted sections only to
skip the database for pages outside every one of them; a page inside one (or
under an alias, whose restrictions are its source's) is checked by Wagtail as
before."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

GENERATION_KEY = "canyu:shell:generation"
# Long enough to matter under a crowd, short enough that an entry left by a
# change made outside the ORM (a raw SQL fix) goes away by itself.
TIMEOUT = 60 * 60


def generation() -> str:
    """The current generation token (created when the cache has none)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY) or token
    return token


def shell_changed_now() -> None:
    """Start a new generation (no transaction involved: tests, commands)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def shell_changed() -> None:
    """Everything cached here is out of date: now, and again on commit."""
    shell_changed_now()
    transaction.on_commit(shell_changed_now)


def _cached(name: str, compute):
    """``compute()``, kept under ``name`` for the current generation. The
    request-free values only: callers pass what the value depends on in
    ``name``."""
    key = f"canyu:shell:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value


# The site ------------------------------------------------------------------------


def _site_for_host(hostname: str, port: int):
    """Wagtail's own lookup (the site with its root page), False for none."""
    from wagtail.models.sites import get_site_for_hostname

    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return False


def root_page(site):
    """The site's root page as its specific page (the router starts there)."""
    return _cached(f"root:{site.pk}", lambda: site.root_page.specific)


def site_for_request(request):
    """The request's site (as ``Site.find_for_request``), from the cache."""
    from django.http.request import split_domain_port

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site = _cached(f"site:{hostname}:{port}", lambda: _site_for_host(hostname, port))
    return site or None


def localized_root(root, url_path: str):
    """The live translation of the site's root at ``url_path`` (the English
    home page), or None."""

    def load():
        model = root.specific_class or Page
        return model.objects.filter(url_path=url_path).live().first() or False

    return _cached(f"localized-root:{url_path}", load) or None


def route(site, request, components: list[str]):
    """Wagtail's route from the site's root for ``components``, taking the page
    an earlier request found at this address from the cache: one query (the
    page) instead of two per level of the tree. Only the address of a page
    itself is kept; a page's own sub-routes (RoutablePageMixin) are resolved by
    the page as before, and whatever Wagtail refuses (404) is not kept."""
    from django.contrib.contenttypes.models import ContentType

    root = root_page(site)
    if not components:
        return root.route(request, components)
    key = f"canyu:shell:{generation()}:route:{site.pk}:{'/'.join(components)}"
    found = cache.get(key)
    if found is not None:
        page_id, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first() if model else None
        if page is not None and page.url_path == found_url_path(root, components):
            return page.route(request, [])
    result = root.route(request, components)
    page = result[0] if result else None
    if page is not None and page.url_path == found_url_path(root, components):
        cache.set(key, (page.pk, page.content_type_id), timeout=TIMEOUT)
    return result


def found_url_path(root, components: list[str]) -> str:
    return root.url_path + "".join(f"{component}/" for component in components)


# View restrictions -----------------------------------------------------------------


def _restriction_paths() -> dict:
    return {
        "restricted": sorted(
            set(PageViewRestriction.objects.values_list("page__path", flat=True))
        ),
        "aliases": sorted(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
    }


def restriction_paths() -> dict:
    """{"restricted": tree paths of the pages with a view restriction,
    "aliases": tree paths of the alias pages}."""
    return _cached("restrictions", _restriction_paths)


def private_q(queryset=None) -> Q:
    """``PageQuerySet.private_q`` from the cached restricted sections: a page is
    private when it is, or is below, a page with a view restriction."""
    q = Q()
    for path in restriction_paths()["restricted"]:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


_wagtail_get_view_restrictions = Page.get_view_restrictions


def get_view_restrictions(page):
    """``Page.get_view_restrictions`` without a query for a page outside every
    restricted section and not at or under an alias; Wagtail's own otherwise."""
    paths = restriction_paths()
    path = page.path or ""
    needs_check = (
        page.alias_of_id is not None
        or any(path.startswith(alias) for alias in paths["aliases"])
        or any(path.startswith(restricted) for restricted in paths["restricted"])
    )
    if needs_check:
        return _wagtail_get_view_restrictions(page)
    return PageViewRestriction.objects.none()


def install() -> None:
    """Route Wagtail's site lookup and private-page checks through the cache
    (called once, from HomeConfig.ready)."""
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
    # Wagtail's uncached lookup behind Site.find_for_request (which keeps the
    # answer on the request): the site comes from the cache, and only when a
    # page, a setting or the menu asks for it, so a request that needs no site
    # (robots.txt, the CSP report endpoint, the API) reads no site at all.
    Site._find_for_request = staticmethod(site_for_request)


# The menu and the settings -----------------------------------------------------------


def menu_links(site, compute) -> list[dict]:
    """The main menu's links (title, url, is_section) of ``site`` in the active
    language; ``compute()`` makes them."""
    return _cached(f"menu:{site.pk}:{get_language()}", compute)


def site_settings(model, site):
    """The site's settings row (``BaseSiteSetting.for_site``), from the cache."""

    def load():
        instance, _created = model.base_queryset().get_or_create(site=site)
        return instance

    return _cached(f"settings:{model._meta.label_lower}:{site.pk}", load)
