"""The address of the editors' guide the admin links to (``CANYU_EDITOR_GUIDE_URL``;
empty: no link)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def editor_guide_url() -> str:
    return settings.CANYU_EDITOR_GUIDE_URL
