"""The machinery of the URL × role matrix: discovering every URL pattern and
page route of the site, building a row's URL from the world, signing each role
in, and naming what a response did (200, 403, "login", "totp" …).

The table itself is data, in tests/security/url_matrix.py."""

import time
from operator import attrgetter

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator

# The two admins are checked by a representative sample (rows "admin/* …" and
# "django-admin/* …"), not pattern by pattern: they are Wagtail's and Django's.
ADMIN_PREFIXES = ("admin/", "django-admin/")
WAGTAIL_SERVE = "wagtail_serve"


def _route(pattern) -> str:
    return str(pattern.pattern)


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        route = prefix + _route(entry)
        if isinstance(entry, URLResolver):
            if prefix == "" and _route(entry) in ADMIN_PREFIXES:
                yield f"{_route(entry)}*"
                continue
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from _walk(entry, route, inner)
        elif isinstance(entry, URLPattern):
            if entry.name == WAGTAIL_SERVE:
                yield from page_keys()
            elif entry.name:
                yield f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                yield route


def page_keys():
    """A row per concrete page type (the page itself) and per route of a routable
    page type (its ``index_route`` is the page itself)."""
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        label = model._meta.label
        yield f"page:{label}"
        if issubclass(model, RoutablePageMixin):
            for route in model.get_resolver().url_patterns:
                if route.name != "index_route":
                    yield f"page:{label}:{route.name}"


def discovered_keys() -> set[str]:
    return set(_walk(get_resolver()))


def row_family(key: str) -> str:
    """The discovered key a table row stands for: an admin sample row
    ("admin/* dashboard") stands for its prefix ("admin/*")."""
    return key.split(" ", 1)[0]


# URLs ----------------------------------------------------------------------------


def resolve_value(world, spec):
    """``"unit_a.slug"`` → ``world.unit_a.slug``; anything else as it is."""
    if isinstance(spec, str) and hasattr(world, spec.split(".", 1)[0]):
        return attrgetter(spec)(world)
    return spec


def row_url(world, key: str, row) -> str:
    kwargs = {name: resolve_value(world, spec) for name, spec in row.kwargs.items()}
    if row.path is not None:
        return row.path(world) if callable(row.path) else row.path
    if key.startswith("page:"):
        page = attrgetter(row.page)(world)
        url = page.url
        route = key.split(":")[2] if key.count(":") == 2 else None
        if route:
            url += page.reverse_subpage(route, kwargs=kwargs)
        return url
    if "/" in key or "." in key:
        return "/" + key
    return reverse(key, kwargs=kwargs)


# Outcomes ------------------------------------------------------------------------


def outcome(response) -> str:
    """What a role got, in the table's words."""
    code = response.status_code
    if code in (301, 302, 303, 307):
        location = response["Location"]
        for word, name in (("login", "account_login"), ("totp", "mfa_activate_totp")):
            if location.startswith(reverse(name)):
                return word
        if location.startswith("/admin/login/") or location.startswith(
            "/django-admin/login/"
        ):
            return "login"
        return "302"
    return str(code)


# Clients -------------------------------------------------------------------------


def signed_in_client(user) -> Client:
    """A client signed in as ``user``; with TOTP set up, the session records that
    the second factor was passed at sign-in, as allauth records it."""
    client = Client(raise_request_exception=False)
    if user is None:
        return client
    client.force_login(user)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    session = client.session
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if totp is not None:
        records.append({"method": "mfa", "at": now, "id": totp.pk, "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client
