"""Encryption at rest for sensitive personal information (consultation notes).

Fernet (cryptography) with keys from the environment: SENSITIVE_DATA_KEYS, a
comma-separated list of Fernet keys, the first used to encrypt and all tried to
decrypt, so a key can be rotated without losing what the old one wrote. The
database only ever holds the token; without the key it reads nothing.

Make a key with:  python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"  # marks what is encrypted, so a column never mixes plain text up silently


@cache
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("SENSITIVE_DATA_KEYS must hold at least one Fernet key.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet():
    return _fernet(tuple(settings.SENSITIVE_DATA_KEYS))


def encrypt(text):
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(stored):
    if not stored.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return fernet().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("A sensitive value cannot be decrypted with SENSITIVE_DATA_KEYS.") from exc


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; Python sees the plain text. It cannot be
    searched, filtered or ordered by content, on purpose."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value in (None, "") else encrypt(value)

    def from_db_value(self, value, expression, connection):
        return value if value in (None, "") else decrypt(value)
