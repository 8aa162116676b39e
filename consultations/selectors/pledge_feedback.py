"""Reads for residents' feedback on a pledge page: the published comments per
commitment with their official replies, in a fixed number of queries."""

from django.db.models import Count, Q

from consultations.models import Comment
from consultations.selectors.comments import _with_viewer_state

FEEDBACK_PER_ITEM = 20
FEEDBACK_MAX = 400


def pledge_feedback_by_item(*, pledge, items, viewer=None) -> dict[str, dict]:
    """For each commitment id (str): the newest published comments (at most
    ``FEEDBACK_PER_ITEM``), how many there are, and how many report that it is
    not being kept. Two queries, whatever the number of items and comments."""
    numbers = {str(item.pk): str(number) for number, item in enumerate(items, 1)}
    result = {
        item_id: {"comments": [], "count": 0, "not_kept": 0} for item_id in numbers
    }
    counts = (
        Comment.objects.filter(pledge=pledge, status=Comment.Status.PUBLISHED)
        .order_by()
        .values("clause_id")
        .annotate(
            total=Count("pk"),
            not_kept=Count("pk", filter=Q(kind=Comment.Kind.NOT_KEPT)),
        )
    )
    for row in counts:
        if row["clause_id"] in result:
            result[row["clause_id"]]["count"] = row["total"]
            result[row["clause_id"]]["not_kept"] = row["not_kept"]
    comments = _with_viewer_state(
        Comment.objects.filter(
            pledge=pledge, status=Comment.Status.PUBLISHED
        ).select_related("author", "reply"),
        viewer,
    ).order_by("-created_at", "-pk")[:FEEDBACK_MAX]
    for comment in comments:
        entry = result.get(comment.clause_id)
        if entry is None or len(entry["comments"]) >= FEEDBACK_PER_ITEM:
            continue
        comment.clause_number = numbers[comment.clause_id]
        comment.official_reply = getattr(comment, "reply", None)
        entry["comments"].append(comment)
    return result
