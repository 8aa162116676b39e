"""The account page's list of accepted policies."""

from django import template

from home.consent.selectors import consent_records_standing

register = template.Library()


@register.simple_tag
def my_consent_records(user) -> list:
    return consent_records_standing(user=user)
