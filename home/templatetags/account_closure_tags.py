"""The account page's closure section asks for the pending closure itself, so
that the dashboard view needs no change."""

from django import template

from home.account_closure import selectors

register = template.Library()


@register.simple_tag
def pending_account_closure(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return selectors.pending_closure(user=user)
