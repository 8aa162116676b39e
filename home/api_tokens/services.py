"""Personal access tokens: create (the clear token is returned once and never
stored), revoke, and recognise a presented token."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.limits import enforce
from home.models import ApiTokenScope, PersonalAccessToken
from home.twofactor import has_two_factor, holds_privilege

TOKEN_PREFIX = "cyu_"  # noqa: S105 — a marker, not a secret
# A token is marked used at most this often (one write per request would be
# one write per API call).
LAST_USED_EVERY = timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_may_create(*, user, scope: str, now) -> None:
    privileged = holds_privilege(user) and not has_two_factor(user)
    if scope == ApiTokenScope.WRITE and privileged:
        raise PermissionDenied(
            _(
                "Your account holds a role in a unit or on the platform: set up "
                "two-factor authentication before creating a token that can write."
            )
        )
    active = PersonalAccessToken.objects.filter(
        user=user, revoked_at__isnull=True
    ).exclude(expires_at__lte=now)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ServiceError(
            _("You have %(count)d active tokens: revoke one before creating another.")
            % {"count": MAX_ACTIVE_TOKENS}
        )


@transaction.atomic
def api_token_create(
    *, user, name: str, scope: str, expires_at=None, request=None
) -> tuple[PersonalAccessToken, str]:
    """A new token for ``user``; returns the row and the clear token, which is
    shown once. A token that can write, for an account that holds any privilege,
    needs two-factor set up (as every privileged power does). Counted against the
    ``api_token_create`` rate limit."""
    now = timezone.now()
    if scope not in ApiTokenScope.values:
        raise ServiceError(_("Choose what the token may do."))
    if expires_at is not None and expires_at <= now:
        raise ServiceError(_("The expiry date must be in the future."))
    _check_may_create(user=user, scope=scope, now=now)
    enforce("api_token_create", user=user, request=request)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = PersonalAccessToken.objects.create(
        user=user,
        name=name.strip()[:80] or _("Token"),
        scope=scope,
        prefix=token[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(token),
        expires_at=expires_at,
    )
    return row, token


def api_token_revoke(*, user, token_id: int) -> PersonalAccessToken:
    """Revokes one of ``user``'s own tokens (another's is not found). Revoking
    twice keeps the first time."""
    row = PersonalAccessToken.objects.filter(user=user, pk=token_id).first()
    if row is None:
        raise ServiceError(_("No such token."))
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
    return row


def api_token_authenticate(token: str) -> PersonalAccessToken | None:
    """The active token whose digest matches ``token`` (with its user), marking
    it used; None for an unknown, revoked or expired token or an inactive user."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = (
        PersonalAccessToken.objects.select_related("user")
        .filter(digest=token_digest(token))
        .first()
    )
    now = timezone.now()
    if row is None or not row.is_active(now) or not row.user.is_active:
        return None
    if row.last_used_at is None or row.last_used_at < now - LAST_USED_EVERY:
        PersonalAccessToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
