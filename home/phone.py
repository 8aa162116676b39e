"""Phone numbers: normalise to E.164 for storage, mask for display."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import phonenumbers

DEFAULT_REGION = "CN"


def normalise_phone(value: str) -> str:
    """Return the number in E.164 (+8613812345678), or raise ValidationError."""
    raw = (value or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Unrecognised phone number: %(value)s."),
            code="invalid",
            params={"value": raw},
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "The phone number “%(value)s” is not valid. Enter an 11-digit mobile "
                "number or a landline number with its area code."
            ),
            code="invalid",
            params={"value": raw},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(value: str) -> str:
    """Show a phone number with its middle digits hidden: 138****5678."""
    if not value:
        return ""
    digits = value.removeprefix("+86") if value.startswith("+86") else value
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def normalise_mobile(value: str) -> str:
    """Return a mainland China mobile number in E.164 (+8613812345678), or raise
    ValidationError: only these can receive the SMS codes that sign people in."""
    raw = (value or "").strip().replace(" ", "").replace("-", "")
    error = ValidationError(
        _("Enter an 11-digit mainland China mobile number, e.g. 13812345678."),
        code="invalid_phone",
    )
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as parse_error:
        raise error from parse_error
    if (
        number.country_code != 86
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise error
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def has_verified_phone(user) -> bool:
    """Whether this account has a mobile number confirmed by an SMS code."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.phone
        and getattr(user, "phone_verified", False)
    )
