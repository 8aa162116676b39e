"""Reads of consent: the current policy versions and what a person still has to
accept."""

from django.core.cache import cache
from django.utils import timezone

from home.models import ConsentRecord, PolicyVersion

Kind = PolicyVersion.Kind
# Everyone with an account accepts these; a kind the person has accepted once
# (the volunteers' sensitive information) is asked again when it changes.
KINDS_FOR_EVERYONE = (Kind.PRIVACY, Kind.TERMS)
VERSIONS_CACHE_KEY = "canyu-consent:policy-versions"
# A page's address may change without a version being saved: not kept longer.
VERSIONS_CACHE_SECONDS = 5 * 60


def policy_versions_all() -> list[PolicyVersion]:
    """Every policy version, latest first. Read on every signed-in page visit,
    so kept in the shared cache (forgotten whenever a version is saved or
    deleted: home/signals.py)."""
    versions = cache.get(VERSIONS_CACHE_KEY)
    if versions is None:
        versions = list(
            PolicyVersion.objects.select_related("page").order_by(
                "-effective_on", "-pk"
            )
        )
        cache.set(VERSIONS_CACHE_KEY, versions, VERSIONS_CACHE_SECONDS)
    return versions


def policy_versions_forget(*, known_empty: bool = False) -> None:
    """Drop the cached versions (``known_empty``: there are none, say so)."""
    if known_empty:
        cache.set(VERSIONS_CACHE_KEY, [], VERSIONS_CACHE_SECONDS)
    else:
        cache.delete(VERSIONS_CACHE_KEY)


def policy_current_versions() -> dict[str, PolicyVersion]:
    """The current version of each kind that has one: the latest in effect
    today (Beijing time); of two in effect on the same day, the later entered."""
    today = timezone.localdate()
    current: dict[str, PolicyVersion] = {}
    for version in policy_versions_all():
        if version.effective_on <= today:
            current.setdefault(version.kind, version)
    return current


def consent_fingerprint(*, user, current: dict[str, PolicyVersion]) -> str:
    """A short key of the person and the current versions: while it is the same,
    what they have to accept has not changed."""
    ids = ",".join(str(current[kind].pk) for kind in sorted(current))
    return f"{user.pk}:{ids}"


def consent_pending(
    *, user, current: dict[str, PolicyVersion] | None = None
) -> list[PolicyVersion]:
    """The current versions ``user`` has to accept and has not (or withdrew):
    the privacy policy and the terms, and every other kind they have accepted
    some version of before. Empty when no policy is set up."""
    if current is None:
        current = policy_current_versions()
    if not current:
        return []
    standing = ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True)
    accepted = set(standing.values_list("policy_version__kind", "policy_version_id"))
    kinds_accepted = {kind for kind, _pk in accepted}
    pending = []
    for kind, version in current.items():
        required = kind in KINDS_FOR_EVERYONE or kind in kinds_accepted
        if required and (kind, version.pk) not in accepted:
            pending.append(version)
    return sorted(pending, key=lambda version: Kind.values.index(version.kind))


def consent_records_standing(*, user) -> list[ConsentRecord]:
    """The acceptances ``user`` has not withdrawn, newest first, for /me/."""
    return list(
        ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True)
        .select_related("policy_version", "policy_version__page")
        .order_by("policy_version__kind", "-accepted_at")
    )
