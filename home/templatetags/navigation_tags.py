"""Template tags of the site shell: the main menu, breadcrumbs and the language
switcher (site/templates/includes/)."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info

from wagtail.models import Page, Site

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


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Home, the site root's live, public children marked "show in menus", then
    the units directory. The current page is marked with aria-current."""
    request = context.get("request")
    site = _site_for(request)
    current_path = request.path if request is not None else ""
    home = None
    items = []
    if site is not None:
        root = site.root_page
        home = {"url": root.get_url(request)}
        children = root.get_children().live().public().in_menu()
        for child in children:
            url = child.get_url(request)
            path = _path_of(url)
            items.append(
                {
                    "title": child.title,
                    "url": url,
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
        "units": units,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """The trail from the site's home page to ``page`` (default: the page being
    served). Nothing on the home page itself."""
    request = context.get("request")
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page):
        site = _site_for(request)
        root_depth = site.root_page.depth if site is not None else 2
        ancestors = page.get_ancestors().filter(depth__gte=root_depth).live()
        for ancestor in ancestors:
            crumbs.append(
                {
                    "title": ancestor.title,
                    "url": ancestor.get_url(request),
                    "is_home": ancestor.depth == root_depth,
                }
            )
    return {"crumbs": crumbs, "page": page if crumbs else None}


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
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "html_lang": "zh-Hans" if code == "zh-hans" else code,
                "next": next_url,
                "is_current": code == current,
            }
        )
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "languages": languages,
    }


@register.simple_tag
def html_lang():
    """The active language as a BCP 47 tag for <html lang>."""
    code = get_language() or settings.LANGUAGE_CODE
    return "zh-Hans" if code.lower() == "zh-hans" else code
