"""``{% points_summary_for volunteer as summary %}``: the points box on the
volunteer's own page reads its figures itself, so the page's view stays as it is."""

from django import template

from volunteers.selectors.points import points_summary

register = template.Library()


@register.simple_tag
def points_summary_for(volunteer):
    return points_summary(volunteer=volunteer)
