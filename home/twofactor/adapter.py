"""Two-factor secrets encrypted at rest: allauth's MFA adapter with its
``encrypt``/``decrypt`` hooks on Fernet (the ``cryptography`` package) under keys
of their own (``settings.CANYU_MFA_KEYS``, from ``CANYU_MFA_KEY``)."""

from django.conf import settings

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet

# Marks a value as encrypted, so that encrypting the stored rows can run twice.
PREFIX = "fernet:"


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.CANYU_MFA_KEYS])


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt_secret(text: str) -> str:
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt_secret(value: str) -> str:
    """The clear text of an encrypted value. A row written before encryption (not
    yet converted by the migration or ``encrypt_mfa_secrets``) is read as it is."""
    if not is_encrypted(value):
        return value
    return _fernet().decrypt(value.removeprefix(PREFIX).encode()).decode()


def rotate_secret(value: str) -> str:
    """The value encrypted under the first key (whichever key it was under)."""
    if not is_encrypted(value):
        return encrypt_secret(value)
    return PREFIX + _fernet().rotate(value.removeprefix(PREFIX).encode()).decode()


# The encrypted parts of each type's data (allauth.mfa: TOTP, recovery codes).
SECRET_FIELDS = ("secret", "seed")
SECRET_LISTS = ("migrated_codes",)


def convert_authenticator_data(data: dict, convert) -> dict:
    """``data`` with ``convert`` applied to each secret it holds."""
    data = dict(data)
    for name in SECRET_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = convert(data[name])
    for name in SECRET_LISTS:
        if isinstance(data.get(name), list):
            data[name] = [convert(value) for value in data[name]]
    return data


def encrypt_if_clear(value: str) -> str:
    return value if is_encrypted(value) else encrypt_secret(value)


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)
