"""Template tags of the site shell: the main menu, breadcrumbs, the language
switcher and the display mode (elder mode) switch (site/templates/includes/)."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from wagtail.models import Page, Site

from home import site_shell
from home.display_mode import elder_mode_on
from home.localized_pages import (
    active_locale,
    has_translated_home,
    is_default_language,
    localized_links,
    page_is_in_other_language,
)
from home.models import StandardPage

register = template.Library()


def _site_for(request):
    """The request's Wagtail site, else the default site (error pages, tests)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = (
            Site.objects.select_related("root_page")
            .filter(is_default_site=True)
            .first()
        )
    return site


def _path_of(url: str) -> str:
    # Page.get_url returns a path, or a full URL when several sites exist.
    if url and "://" in url:
        return "/" + url.split("://", 1)[1].split("/", 1)[-1]
    return url or ""


def _is_standard_page(page) -> bool:
    return issubclass(page.specific_class or Page, StandardPage)


def _menu_links(request) -> list[dict]:
    """The site root's live, public children marked "show in menus", in the
    active language, each saying whether it is one of the site's sections (the
    consultations, the activities, the pledges …) rather than a standard page
    (about, guide, privacy …)."""
    site = _site_for(request)
    if site is None:
        return []

    def compute():
        root = site.root_page
        children = root.get_children().live().public().in_menu()
        return [
            {
                "title": str(link["title"]),
                "url": link["url"],
                "is_section": not issubclass(link["page"].specific_class, StandardPage),
            }
            for link in localized_links(children, root=root, request=request)
        ]

    return site_shell.menu_links(site, compute)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Home, the site root's live, public children marked "show in menus", then
    the units directory. The current page is marked with aria-current.

    In elder mode only the main tasks stay: home and the sections; the standard
    pages move to the footer (``secondary_menu``), the units directory is
    there already.

    In English the menu shows each page's English translation, and a section
    with none (the consultations, the activities …) by its English label at its
    /en/ address, where its Chinese page is served with a note."""
    request = context.get("request")
    elder = elder_mode_on(request)
    current_path = request.path if request is not None else ""
    home = None
    items = []
    if _site_for(request) is not None:
        home = {"url": reverse("wagtail_serve", args=("",))}
    for link in _menu_links(request):
        if elder and not link["is_section"]:
            continue
        path = _path_of(link["url"])
        items.append(
            {
                "title": link["title"],
                "url": link["url"],
                "is_current": path == current_path,
                "is_ancestor": bool(path)
                and path != current_path
                and current_path.startswith(path),
            }
        )
    units_url = reverse("home:unit_list")
    units = {
        "url": units_url,
        "is_current": units_url == current_path,
        "is_ancestor": units_url != current_path and current_path.startswith(units_url),
    }
    home_path = _path_of(home["url"]) if home else ""
    return {
        "request": request,
        "home": home,
        "home_is_current": bool(home) and home_path == current_path,
        "items": items,
        "units": None if elder else units,
    }


@register.inclusion_tag("includes/secondary_menu.html", takes_context=True)
def secondary_menu(context):
    """In elder mode, the footer's list of what the simplified header menu
    leaves out: the standard pages (about, guide, contact …)."""
    request = context.get("request")
    links = []
    if elder_mode_on(request):
        links = [link for link in _menu_links(request) if not link["is_section"]]
    return {"links": links}


@register.simple_tag(takes_context=True)
def elder_mode(context) -> bool:
    """Whether the page is rendered in elder mode (the visitor's cookie)."""
    return elder_mode_on(context.get("request"))


@register.inclusion_tag("includes/display_mode_switch.html", takes_context=True)
def display_mode_switch(context):
    """The header's switch between standard and elder mode: one small POST form
    (no JavaScript), back to the current address."""
    request = context.get("request")
    return {
        "request": request,
        "elder": elder_mode_on(request),
        "next": request.get_full_path() if request is not None else "/",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """The trail from the site's home page to ``page`` (default: the page being
    served), in the active language. Nothing on the home page itself."""
    request = context.get("request")
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page):
        site = _site_for(request)
        root_depth = site.root_page.depth if site is not None else 2
        ancestors = page.get_ancestors().filter(depth__gte=root_depth).live()
        if site is not None and not is_default_language():
            links = localized_links(ancestors, root=site.root_page, request=request)
        else:
            links = [
                {"page": a, "title": a.title, "url": a.get_url(request)}
                for a in ancestors
            ]
        for link in links:
            crumbs.append(
                {
                    "title": link["title"],
                    "url": link["url"],
                    "is_home": link["page"].depth == root_depth,
                }
            )
    return {"crumbs": crumbs, "page": page if crumbs else None}


@register.inclusion_tag("includes/page_language_note.html", takes_context=True)
def page_language_note(context, page=None):
    """A note above a page shown in Chinese to a visitor reading in English
    (a page with no English translation)."""
    page = page or context.get("page")
    return {"show": page_is_in_other_language(page, context.get("request"))}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One small POST form per language for Django's set_language view.

    set_language translates ``next`` itself, but /i18n/setlang/ has no language
    prefix, so it always runs in the default language (LocaleMiddleware with
    prefix_default_language=False): there it resolves /units/ correctly, while
    /en/units/ would fall into Wagtail's catch-all and become /en/en/units/.
    So ``next`` is the current address in the default language, translated here,
    where the active language matches the path."""
    request = context.get("request")
    current = get_language()
    full_path = request.get_full_path() if request is not None else "/"
    # translate_url returns the address unchanged when it cannot resolve it.
    next_url = translate_url(full_path, settings.LANGUAGE_CODE)
    page_next = _translations_next(context.get("page"), request)
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "html_lang": "zh-Hans" if code == "zh-hans" else code,
                "next": page_next.get(code, next_url),
                "is_current": code == current,
            }
        )
    return {
        "request": request,
        "languages": languages,
    }


def _translations_next(page, request) -> dict:
    """{language code: ``next`` for set_language} leading to the translation of
    the page being served in that language, where it has one (its slug may
    differ from the Chinese page's). As ``next`` must be written in the default
    language (see language_switcher), it is the translation's path below its
    home page, reversed in the default language; set_language adds the prefix.
    Only for the page's own address (not a route of a RoutablePage), and only
    in English: a Chinese address is also the page's address under /en/, where
    the English translation is found or redirected to (home/page_serving.py)."""
    if not isinstance(page, Page) or page.pk is None or request is None:
        return {}
    if is_default_language() or not has_translated_home():
        return {}
    locale = active_locale(request)
    if locale is None or page.locale_id != locale.pk:
        # A Chinese page at its /en/ address has no English translation (or
        # the address would have led there): the Chinese address is the one.
        return {}
    if _path_of(page.get_url(request)) != request.path:
        return {}
    rows = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .values_list("locale__language_code", "url_path")
    )
    query = request.META.get("QUERY_STRING", "")
    result = {}
    with override(settings.LANGUAGE_CODE):
        for language_code, url_path in rows:
            # Each locale's home page is a child of the tree root: the path
            # below it is the url_path without its first segment.
            below_home = url_path.strip("/").partition("/")[2]
            relative = f"{below_home}/" if below_home else ""
            url = reverse("wagtail_serve", args=(relative,))
            result[language_code] = f"{url}?{query}" if query else url
    return result


@register.simple_tag
def html_lang():
    """The active language as a BCP 47 tag for <html lang>."""
    code = get_language() or settings.LANGUAGE_CODE
    return "zh-Hans" if code.lower() == "zh-hans" else code
