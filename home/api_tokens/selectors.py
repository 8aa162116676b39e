"""Reads of personal access tokens."""

from home.models import PersonalAccessToken


def api_tokens_of(*, user):
    """A person's tokens, newest first, revoked ones included (for the record)."""
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-pk")
