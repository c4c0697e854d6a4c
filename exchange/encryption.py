"""Reflection text at rest: encrypted with Fernet (AES-128-CBC and HMAC-SHA256, from the
`cryptography` package) under the keys in settings.REFLECTION_KEYS, so a copied database file
or backup shows no reflection. MultiFernet encrypts with the first key and decrypts with any, so
keys can be rotated (`manage.py rotate_reflection_keys`). Text is decrypted only for a reader
the sharing rules allow; it never goes into a log line."""

import os

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

__all__ = ["InvalidToken", "decrypt", "encrypt", "rotate"]


def keys() -> list[bytes]:
    configured = [key.encode() for key in settings.REFLECTION_KEYS if key]
    if configured:
        return configured
    if not settings.DEBUG:
        raise ImproperlyConfigured("REFLECTION_KEYS is not set: reflections cannot be stored.")
    return [development_key()]


def development_key() -> bytes:
    """A key under var/, made on first use: development only (DEBUG on)."""
    path = settings.REFLECTION_DEVELOPMENT_KEY
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(Fernet.generate_key())
    return path.read_bytes().strip()


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys()])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """The same text under the first key."""
    return _fernet().rotate(token.encode()).decode()


@register()
def keys_configured(app_configs, **kwargs) -> list[Error]:
    """A production start (DEBUG off) refuses to run without a reflection key."""
    if settings.DEBUG or any(settings.REFLECTION_KEYS):
        return []
    return [
        Error(
            "REFLECTION_KEYS is not set.",
            hint="Set REFLECTION_KEYS to a Fernet key (see .env.example); make run makes one.",
            id="exchange.E001",
        )
    ]
