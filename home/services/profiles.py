"""Writes to a user's own profile."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from home.models import User
from home.phone import normalise_phone


def user_profile_update(*, user: User, display_name: str, phone: str) -> User:
    """Change a user's display name and phone. The phone is normalised to E.164
    and must not belong to another account."""
    phone = normalise_phone(phone)
    if phone and User.objects.filter(phone=phone).exclude(pk=user.pk).exists():
        raise ValidationError(
            {"phone": _("This mobile number is already used by another account.")}
        )
    user.display_name = display_name.strip()
    user.phone = phone
    try:
        with transaction.atomic():
            user.save(update_fields=["display_name", "phone"])
    except IntegrityError as error:
        raise ValidationError(
            {"phone": _("This mobile number is already used by another account.")}
        ) from error
    return user
