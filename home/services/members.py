"""A unit's members: its admins give and take roles. Refusals raise
``ServiceError`` or ``PermissionDenied`` with a message a user can read."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from home import selectors
from home.exceptions import ServiceError
from home.models import Unit, UnitMembership, User


def _require_unit_admin(*, actor: User, unit: Unit) -> None:
    if not selectors.user_can_manage_unit_members(user=actor, unit=unit):
        raise PermissionDenied(
            _("Only the unit's administrators can manage its members.")
        )


def unit_member_add(
    *, actor: User, unit: Unit, email: str, role: str
) -> UnitMembership:
    """Give the account with ``email`` a role in ``unit``. Only the unit's admins
    (and staff) may; the account must already exist."""
    _require_unit_admin(actor=actor, unit=unit)
    if role not in UnitMembership.Role.values:
        raise ServiceError(_("Unknown role."))
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ServiceError(
            _(
                "No account with the email address %(email)s was found. Ask them to "
                "sign up on the platform first."
            )
            % {"email": email.strip()}
        )
    try:
        with transaction.atomic():
            return UnitMembership.objects.create(unit=unit, user=user, role=role)
    except IntegrityError as error:
        raise ServiceError(
            _("%(user)s already has the role “%(role)s” in this unit.")
            % {"user": user, "role": UnitMembership.Role(role).label}
        ) from error


def unit_member_remove(*, actor: User, membership: UnitMembership) -> None:
    """Take a role away. A unit always keeps at least one admin."""
    unit = membership.unit
    _require_unit_admin(actor=actor, unit=unit)
    with transaction.atomic():
        if membership.role == UnitMembership.Role.ADMIN:
            admins = (
                UnitMembership.objects.select_for_update()
                .filter(unit=unit, role=UnitMembership.Role.ADMIN)
                .count()
            )
            if admins <= 1:
                raise ServiceError(_("A unit must keep at least one administrator."))
        membership.delete()
