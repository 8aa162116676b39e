"""For the overrides of Wagtail's workflow emails
(site/templates/wagtailadmin/notifications/)."""

from django import template
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()


@register.simple_tag
def notification_language(user) -> str:
    """The language of a workflow email to ``user``: the admin language they
    chose, else the site's (``settings.LANGUAGE_CODE``). Wagtail would otherwise
    fall back to the language of whoever submitted or approved the page, so a
    Chinese reviewer got English mail from an editor whose browser asks for
    English (as home.emails.email_language does for the project's own mail)."""
    try:
        chosen = user.wagtail_userprofile.preferred_language
    except (AttributeError, ObjectDoesNotExist):
        chosen = ""
    return chosen or settings.LANGUAGE_CODE
