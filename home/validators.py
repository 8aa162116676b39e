"""Validators for identifiers used across Canyu."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the unified social credit code (统一社会信用代码).
# 18 characters from this alphabet (no I, O, Z, S, V); the 18th is a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first_17: str) -> str:
    """The check character that completes the first 17 characters of a code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first_17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    return "".join((value or "").split()).upper()


def validate_credit_code(value: str) -> None:
    """Refuse a unified social credit code that cannot be genuine, saying why."""
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; you entered %(count)d."),
            code="length",
            params={"count": len(code)},
        )
    bad = sorted({char for char in code if char not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _(
                "The unified social credit code contains characters that are not "
                "allowed: %(chars)s (only digits and capital letters other than I, O, "
                "Z, S and V may be used)."
            ),
            code="characters",
            params={"chars": "、".join(bad)},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _(
                "Characters 3 to 8 of a unified social credit code must be an "
                "administrative division code (6 digits)."
            ),
            code="region",
        )
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "The check character of the unified social credit code does not match: "
                "the 18th character is “%(actual)s”, but the first 17 characters give "
                "“%(expected)s”. Please check for a typing mistake."
            ),
            code="check",
            params={"actual": code[17], "expected": expected},
        )
