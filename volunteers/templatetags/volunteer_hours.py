"""Template tags of service records, for includes on pages whose views belong to
other parts (the volunteer's own page)."""

from django import template

from volunteers.selectors import hours as selectors

register = template.Library()

RECENT_RECORDS = 5


class RecentRecords(list):
    """The latest records, and whether the user also reviews records."""

    is_organiser = False


@register.simple_tag(takes_context=True)
def recent_service_records(context, volunteer):
    records = RecentRecords(
        selectors.volunteer_records(volunteer=volunteer)[:RECENT_RECORDS]
    )
    request = context.get("request")
    if request is not None:
        records.is_organiser = selectors.user_is_organiser(user=request.user)
    return records
