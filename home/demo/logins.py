"""The demo's printed logins beyond the site's own (home/demo/site.py)."""

from allauth.mfa.models import Authenticator

from home import demo
from home.models import User


def other_privileged_logins(listed):
    """The privileged demo logins the other sections made (the 12319 line's
    operators, dispatchers and each unit's handler), with their groups or unit
    roles, so that a reviewer can sign in as any role: (user, role) pairs."""
    others = (
        User.objects.filter(
            authenticator__type=Authenticator.Type.TOTP,
            email__endswith=f"@{demo.DEMO_EMAIL_DOMAIN}",
        )
        .exclude(pk__in=[user.pk for user, _role in listed])
        .prefetch_related("groups", "unit_memberships__unit")
        .distinct()
        .order_by("email")
    )
    for user in others:
        roles = [group.name for group in user.groups.all()] + [
            f"{membership.unit.name} {membership.get_role_display()}"
            for membership in user.unit_memberships.all()
        ]
        yield user, "; ".join(roles) or "staff"
