from django.core.exceptions import ValidationError

import pytest

from home.phone import mask_phone, normalise_phone
from home.validators import credit_code_check_character, validate_credit_code
from tests.factories import valid_credit_code

# Published codes of real enterprises.
GENUINE_CODES = ["91110000802100433B", "91440300708461136T"]


@pytest.mark.parametrize("code", GENUINE_CODES)
def test_genuine_credit_codes_pass(code):
    validate_credit_code(code)


def test_generated_codes_pass():
    for number in range(200):
        validate_credit_code(valid_credit_code(number))


def test_lower_case_and_spaces_are_normalised():
    validate_credit_code(" 91440300708461136t ")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("9152010021440428", "18位"),
        ("91440300708461136TX", "18位"),
        ("9152010021440428OX", "不允许的字符"),
        ("91AB0100214404283X", "行政区划代码"),
        ("914403007084611361", "校验位"),
    ],
)
def test_invalid_credit_codes_say_why(code, reason):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    message = error.value.messages[0]
    assert reason in message or reason.upper() in message.upper()


def test_wrong_check_character_names_the_expected_one():
    code = "91440300708461136T"
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        validate_credit_code(wrong)
    assert credit_code_check_character(code[:17]) in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("0851-85551234", "+8685185551234"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(raw, normalised):
    assert normalise_phone(raw) == normalised


@pytest.mark.parametrize("raw", ["12345", "1381234567", "phone"])
def test_invalid_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_phone_is_masked():
    assert mask_phone("+8613812345678") == "138****5678"
    assert mask_phone("") == ""
