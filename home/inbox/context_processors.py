"""The unread count in the header: one COUNT query, made only when a template
reads it (never for anonymous visitors, never on pages that do not show it)."""

from functools import cache

from home.inbox.selectors import inbox_unread_count


def inbox(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates call a callable they meet; cache makes it one query per render.
    return {"inbox_unread_count": cache(lambda: inbox_unread_count(user=user))}
