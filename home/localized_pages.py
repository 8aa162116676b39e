"""The site's pages in the visitor's language (page translation, Wagtail i18n).

The site's root is the Chinese home page; the English home page and the English
pages below it are translations. A page with no translation in the active
language is served in Chinese under the active language's prefix (see
``HomePage.route``), so links made here keep an English visitor under /en/.

In the default language (Chinese) nothing here touches the database."""

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home import site_shell


def active_content_language() -> str:
    """The content language (a WAGTAIL_CONTENT_LANGUAGES code) of the request."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def is_default_language() -> bool:
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return active_content_language() == default


def active_locale(request=None) -> Locale | None:
    """The Locale row of the active language (None when it has none); looked
    up once per request and language."""
    language = active_content_language()
    cache = getattr(request, "_canyu_locales", None) if request is not None else None
    if cache is not None and language in cache:
        return cache[language]
    locale = Locale.objects.filter(language_code=language).first()
    if request is not None:
        if cache is None:
            cache = request._canyu_locales = {}
        cache[language] = locale
    return locale


def has_translated_home() -> bool:
    """Whether any site's home page has a translation in the active language
    (Wagtail's cached site root paths: no query). Without one no page can have
    a translation in it, and every page is in the default language."""
    language = active_content_language()
    return any(root.language_code == language for root in Site.get_site_root_paths())


def _root_paths(site_id) -> list:
    """The site's root and its translations (Wagtail's cached SiteRootPaths)."""
    return [root for root in Site.get_site_root_paths() if root.site_id == site_id]


def route_in_active_language(request, path: str):
    """Wagtail's route (RouteResult) for ``path`` in the active language, or None.

    In Chinese: from the site's root, as Wagtail does but without looking up the
    active locale (a query on every page). In English: from the English home
    page (the root's translation); where that finds nothing — a consultation,
    an activity, a unit's folder have no translation — from the Chinese root,
    whose page the base template then marks as only available in Chinese."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = site.root_page
    language = active_content_language()
    localized_path = next(
        (
            root_path.root_path
            for root_path in _root_paths(site.pk)
            if root_path.language_code == language
            and root_path.root_path != root.url_path
        ),
        None,
    )
    try:
        if localized_path is not None:
            localized_root = site_shell.localized_root(root, localized_path)
            if localized_root is not None:
                try:
                    return localized_root.route(request, components)
                except Http404:
                    pass
        return site_shell.route(site, request, components)
    except Http404:
        return None


def translation_for_visitor(page, request=None):
    """The live translation of ``page`` in the active language when ``page`` is
    in another one (an English page whose slug differs from the Chinese page's,
    reached at the Chinese page's /en/ address), else None."""
    if page is None or is_default_language() or not has_translated_home():
        return None
    locale = active_locale(request)
    if locale is None or page.locale_id == locale.pk:
        return None
    translation_page = page.get_translation_or_none(locale)
    if translation_page is None or not translation_page.live:
        return None
    return translation_page


def path_in_active_language(page: Page, root: Page) -> str:
    """The address of ``page`` (under the site root ``root`` or one of its
    translations) with the active language's prefix: "/en/consultations/" for
    the Chinese consultations index while English is active."""
    relative = page.url_path[len(root.url_path) :]
    for root_path in Site.get_site_root_paths():  # cached
        if page.url_path.startswith(root_path.root_path):
            relative = page.url_path[len(root_path.root_path) :]
            break
    try:
        return reverse("wagtail_serve", args=(relative,))
    except NoReverseMatch:
        return ""


def translations_in_active_language(pages, locale: Locale | None) -> dict:
    """{translation_key: live translation in ``locale``} for ``pages``, in one
    query."""
    if locale is None:
        return {}
    keys = [page.translation_key for page in pages]
    translated = Page.objects.filter(translation_key__in=keys, locale=locale).live()
    return {page.translation_key: page for page in translated}


def page_label(page: Page) -> str:
    """A page's title for a menu in the active language: a section that has no
    translation names itself with its type's ``menu_label`` where it has one."""
    label = getattr(page.specific_class, "menu_label", None)
    return str(label) if label else page.title


def localized_links(pages, *, root: Page, request=None) -> list[dict]:
    """For each of ``pages`` (in the root's locale): {"page", "title", "url"} in
    the active language — the translation's title and address where there is
    one, else the page's menu label under the active language's prefix."""
    pages = list(pages)
    if not pages:
        return []
    if is_default_language():
        return [
            {"page": page, "title": page.title, "url": page.get_url(request)}
            for page in pages
        ]
    locale = active_locale(request) if has_translated_home() else None
    translated = translations_in_active_language(pages, locale)
    links = []
    for page in pages:
        translation_page = translated.get(page.translation_key)
        if translation_page is not None:
            links.append(
                {
                    "page": translation_page,
                    "title": translation_page.title,
                    "url": path_in_active_language(translation_page, root),
                }
            )
        else:
            links.append(
                {
                    "page": page,
                    "title": page_label(page),
                    "url": path_in_active_language(page, root),
                }
            )
    return links


def page_is_in_other_language(page, request=None) -> bool:
    """True when ``page`` is served in a language other than the active one
    (an English visitor on a page that has no English translation)."""
    if not isinstance(page, Page) or page.pk is None:
        return False
    if is_default_language():
        # The site's pages are Chinese unless translated: only an English page
        # seen at a Chinese address would differ, and such an address routes
        # to the Chinese tree.
        return False
    if not has_translated_home():
        return True
    locale = active_locale(request)
    return locale is None or page.locale_id != locale.pk


class LocalizedURLMixin:
    """A page's address keeps the visitor's language prefix when the page is in
    the default (Chinese) locale and the visitor reads another language: an
    English visitor following a link to a consultation stays under /en/, where
    the English translation is served if there is one and the Chinese page
    (with a note) otherwise. Wagtail would give the Chinese address, switching
    the whole site to Chinese. No query: the site root paths are cached."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        active = active_content_language()
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        if active == default:
            return parts
        roots = self._get_relevant_site_root_paths(request)
        site_id, root_path, root_url, language_code = next(
            (root for root in roots if root.site_id == parts[0]), roots[0]
        )
        if language_code != default:
            return parts
        try:
            page_path = reverse(
                "wagtail_serve", args=(self.url_path[len(root_path) :],)
            )
        except NoReverseMatch:
            return parts
        return (site_id, root_url, page_path)
