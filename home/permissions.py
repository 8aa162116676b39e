"""Who may do what, written once for every app: a role in a unit, a verified
email address, platform staff, and the admin policy of the staff's read-only
screens. The features' own rules (``user_can_publish_results``,
``user_can_see_roster`` …) are one line on top of these.

Platform staff are active accounts with ``is_staff`` and superusers: a superuser
holds every permission anyway, and a staff member can already give themselves any
role in a unit (they manage its members), so no feature keeps them out.

Every power granted here (staff, a role in a unit, a privileged permission) passes
through ``home.twofactor.two_factor_gate``: it works only for an account with
two-factor authentication set up."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy

from allauth.account.models import EmailAddress

from home.exceptions import ServiceError
from home.models import SiteSettings, Unit, UnitMembership
from home.phone import has_verified_phone
from home.twofactor import has_two_factor, two_factor_gate

ALL_UNIT_ROLES = tuple(UnitMembership.Role.values)


def is_signed_in(user) -> bool:
    """An authenticated, active account (not the anonymous user)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_staff(user) -> bool:
    """Staff and superusers (with two-factor): they pass every unit's role checks."""
    return two_factor_gate(
        user, is_signed_in(user) and (user.is_staff or user.is_superuser)
    )


def user_has_unit_role(user, unit: Unit | int, roles=ALL_UNIT_ROLES) -> bool:
    """Whether ``user`` holds one of ``roles`` in ``unit`` (a unit or its id).
    Staff are not members: combine with ``is_platform_staff`` where they pass.
    A role works only with two-factor set up."""
    if not is_signed_in(user):
        return False
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return two_factor_gate(
        user,
        UnitMembership.objects.filter(
            unit_id=unit_id, user=user, role__in=list(roles)
        ).exists(),
    )


def unit_ids_with_role(user, roles=ALL_UNIT_ROLES):
    """The ids of the units where ``user`` holds one of ``roles`` (a subquery for
    ``unit_id__in``); none without two-factor. The selectors that scope a list to
    the user's units start here rather than querying the memberships themselves."""
    if not is_signed_in(user):
        return UnitMembership.objects.none().values("unit_id")
    memberships = UnitMembership.objects.filter(user=user, role__in=list(roles))
    if has_two_factor(user):
        return memberships.values("unit_id")
    two_factor_gate(user, memberships.exists())  # remembers a refused role
    return UnitMembership.objects.none().values("unit_id")


def has_privileged_permission(user, permission: str) -> bool:
    """``user.has_perm(permission)`` for the powers that need two-factor
    (moderating, the admin's privileged screens)."""
    return two_factor_gate(user, is_signed_in(user) and user.has_perm(permission))


def is_staff_or_has_unit_role(user, unit: Unit | int, roles=ALL_UNIT_ROLES) -> bool:
    """The common rule of a unit's work: platform staff, or a member of ``unit``
    with one of ``roles``."""
    return is_platform_staff(user) or user_has_unit_role(user, unit, roles=roles)


def has_verified_email(user) -> bool:
    """Whether the account has confirmed at least one email address (required to
    comment, answer surveys, rate, follow, book and register)."""
    if user is None or not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def has_verified_contact(user) -> bool:
    """A confirmed way to reach the person: a verified email address or a mobile
    number verified by SMS code (an account made with a number has no address)."""
    return has_verified_phone(user) or has_verified_email(user)


def real_name_required() -> bool:
    """后台实名: whether commenting, rating and reporting need a verified mobile
    number (the default site's "评论须验证手机号" setting; on unless a pilot
    turned it off)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return True
    return SiteSettings.for_site(site).real_name_required


def lacks_required_phone(user) -> bool:
    """True when the site asks for a verified mobile number and ``user`` has
    none: the page shows the way to verify one instead of the form."""
    return real_name_required() and not has_verified_phone(user)


def require_verified_phone(user) -> None:
    """Raise ServiceError unless ``user`` may speak under the real-name rule."""
    if lacks_required_phone(user):
        raise ServiceError(
            _(
                "Verify your mobile number first: commenting, rating and "
                "reporting need a mobile number confirmed by SMS code. Only your "
                "display name is shown to the public."
            )
        )


class ModelWidePermissionPolicy(ModelPermissionPolicy):
    """A policy decided by ``user_has_permission`` alone: the same answer for
    every action list and every instance. Subclasses say who may do what."""

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


class StaffReadOnlyPermissionPolicy(ModelWidePermissionPolicy):
    """Admin screens that staff look at but nobody changes there: the rows are
    written only through the services (reviews, decisions, corrections)."""

    def user_has_permission(self, user, action):
        return action == "view" and is_platform_staff(user)
