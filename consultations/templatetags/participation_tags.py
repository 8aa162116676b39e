"""Template tags for a resident's own page ("我的参与", a view of home that knows
nothing of consultations): the includes under consultations/includes/ ask these
tags, which ask the selectors."""

from django import template
from django.utils import timezone

from consultations.selectors import participation as selectors

register = template.Library()

# How many comments the own page shows; the full list is paginated.
RECENT_COMMENTS = 5


@register.simple_tag
def my_recent_comments(user, limit: int = RECENT_COMMENTS) -> dict:
    """``comments`` (the newest ``limit``, see ``selectors.comment_states``) and
    ``figures`` (total, answered, awaiting): five queries whatever the number."""
    if not user.is_authenticated:
        return {"comments": [], "figures": selectors.CommentFigures()}
    comments = selectors.my_comments(user=user)[:limit]
    return {
        "comments": selectors.comment_states(comments, now=timezone.now()),
        "figures": selectors.my_comment_figures(user=user),
    }


@register.simple_tag
def my_consultation_activity(user) -> dict:
    """``follows``, ``survey_responses`` and ``ratings`` of ``user``: one query
    each."""
    return {
        "follows": selectors.my_follows(user=user, now=timezone.now()),
        "survey_responses": selectors.my_survey_responses(user=user),
        "ratings": selectors.my_unit_ratings(user=user),
    }


@register.simple_tag(takes_context=True)
def open_consultations_url(context) -> str:
    """The consultations open for comments, for the empty states: one query."""
    return selectors.open_consultations_url(request=context.get("request"))
