"""The access log's section of the account page (one include, and the
dashboard's view knows nothing of the log)."""

from django import template

from home.access_log import selectors

register = template.Library()

RECENT = 3


@register.simple_tag
def my_recent_data_accesses(user) -> list:
    """The last few accesses to ``user``'s data: one query."""
    if not user.is_authenticated:
        return []
    return list(selectors.my_data_accesses(user=user)[:RECENT])
