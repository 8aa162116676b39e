"""Resident ID numbers (居民身份证号码, GB 11643): validated, stored only as a keyed
hash (to find a second registration of the same number) and a masked form (to
show)."""

import hashlib
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


# The keyed hash is a power in a prime-order group, so that it can be re-keyed
# without the numbers (which are never stored):
#
#     tag(n) = H(n) ** k  (mod p)
#
# p is the 2048-bit safe prime of RFC 3526 (group 14), q = (p - 1) / 2, H maps a
# number into the subgroup of squares (order q) and k comes from
# CANYU_ID_HASH_KEY. Without k nobody can compute the tag of a guessed number
# (the decisional Diffie-Hellman assumption), as with an HMAC. Unlike an HMAC,
# raising every stored tag to k_new / k_old (mod q) gives exactly the tags under
# the new key: ``rekey_id_hashes`` does that, and the old key can then be
# destroyed. An HMAC could only be re-keyed by keeping the old key forever
# (layered hashes) or by storing the numbers encrypted; both keep more secret
# material than this.
ID_HASH_PRIME = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
    "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6"
    "F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E8603"
    "9B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF",
    16,
)
ID_HASH_ORDER = (ID_HASH_PRIME - 1) // 2
ID_TAG_LENGTH = 512  # hex digits of a number below 2**2048


def id_hash_exponent(key: str) -> int:
    """The secret exponent (1 … q-1) derived from a key string."""
    material = hashlib.shake_256(("canyu-id-hash-key:" + key).encode()).digest(320)
    return int.from_bytes(material, "big") % (ID_HASH_ORDER - 1) + 1


def _group_element(number: str) -> int:
    material = hashlib.shake_256(
        ("canyu-id-number:" + normalise_id_number(number)).encode()
    ).digest(320)
    return pow(int.from_bytes(material, "big") % ID_HASH_PRIME, 2, ID_HASH_PRIME)


def _hex(value: int) -> str:
    return format(value, f"0{ID_TAG_LENGTH}x")


def id_number_tag(number: str, *, key: str | None = None) -> str:
    """The keyed hash of an ID number (512 hex digits), under ``key`` (default
    ``settings.CANYU_ID_HASH_KEY``, never the Django secret): equal numbers give
    equal tags, the number cannot be read back, and a leaked table cannot be
    matched against a list of numbers without the key."""
    exponent = id_hash_exponent(settings.CANYU_ID_HASH_KEY if key is None else key)
    return _hex(pow(_group_element(number), exponent, ID_HASH_PRIME))


def id_tag_rekey(tag: str, *, old_key: str, new_key: str) -> str:
    """The tag under ``new_key`` of the number whose tag under ``old_key`` is
    ``tag``, computed without the number."""
    ratio = (
        id_hash_exponent(new_key) * pow(id_hash_exponent(old_key), -1, ID_HASH_ORDER)
    ) % ID_HASH_ORDER
    return _hex(pow(int(tag, 16), ratio, ID_HASH_PRIME))


def mask_id_number(number: str) -> str:
    """5201**********123X: the region and the last four characters only."""
    number = normalise_id_number(number)
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
