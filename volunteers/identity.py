"""Resident ID numbers (居民身份证号码, GB 11643): validated, stored only as a keyed
hash (to detect a second registration) and a masked form (to show)."""

import hashlib
import hmac
import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")


def normalise_id_number(value: str) -> str:
    return "".join((value or "").split()).upper()


def id_check_character(first_17: str) -> str:
    total = sum(
        int(digit) * weight for digit, weight in zip(first_17, ID_WEIGHTS, strict=True)
    )
    return ID_CHECK[total % 11]


def validate_id_number(value: str) -> str:
    """Return the normalised number, or raise ValidationError saying why."""
    number = normalise_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; you entered %(count)d."),
            code="length",
            params={"count": len(number)},
        )
    if not _ID_PATTERN.match(number):
        raise ValidationError(
            _("A resident ID number is 17 digits followed by a digit or X."),
            code="characters",
        )
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as error:
        raise ValidationError(
            _(
                "The date of birth inside the ID number (%(digits)s) is not a "
                "real date."
            ),
            code="birth_date",
            params={"digits": number[6:14]},
        ) from error
    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("The ID number's check character is wrong; please check for a typo."),
            code="check",
        )
    return number


def id_number_digest(number: str) -> str:
    """A keyed hash: equal numbers give equal digests, the number cannot be read
    back, and a leaked table cannot be matched against a list of numbers without
    the key."""
    key = hashlib.sha256(("canyu-id-number:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(
        key, normalise_id_number(number).encode(), hashlib.sha256
    ).hexdigest()


def mask_id_number(number: str) -> str:
    """5201**********123X: the region and the last four characters only."""
    number = normalise_id_number(number)
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
