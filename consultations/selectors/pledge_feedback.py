"""Reads for residents' feedback on a pledge page: the published comments per
commitment with their official replies, in a fixed number of queries, and what
the pledge page adds to its context (registered with ``home.extensions`` in
``ConsultationsConfig.ready``: home asks the registry, never this app)."""

from django.db.models import Count, Q
from django.utils import timezone

from consultations.models import Comment, CommentFlag
from consultations.selectors.answer_rates import removed_comments
from consultations.selectors.comments import _with_viewer_state, active_commenting_ban
from home.permissions import has_verified_contact, lacks_required_phone

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


def feedback_commenting_state(viewer) -> str:
    """Whether the viewer may give feedback on a published pledge, and if not why:
    ``allowed``, ``sign_in``, ``verify_email``, ``verify_phone`` or
    ``banned``. The service checks
    the same rules again."""
    if viewer is None or not viewer.is_authenticated:
        return "sign_in"
    if not has_verified_contact(viewer):
        return "verify_email"
    if lacks_required_phone(viewer):
        return "verify_phone"
    if active_commenting_ban(viewer, now=timezone.now()) is not None:
        return "banned"
    return "allowed"


def pledge_feedback_context(*, pledge, items, viewer) -> dict:
    """The feedback part of a pledge page's context: sets ``item.feedback`` on
    each commitment (see ``pledge_feedback_by_item``) and says what the viewer may
    do. Nothing for a pledge that is not saved yet (an editor's preview)."""
    if pledge.pk is None:
        return {}
    feedback = pledge_feedback_by_item(pledge=pledge, items=items, viewer=viewer)
    for item in items:
        item.feedback = feedback.get(str(item.pk))
    state = feedback_commenting_state(viewer) if pledge.live else "closed"
    return {
        "feedback_state": state,
        "feedback_can_react": state == "allowed",
        "flag_reasons": CommentFlag.Reason.choices,
        "feedback_kinds": Comment.Kind.choices,
        "removed_feedback": removed_comments(pledge=pledge),
    }
