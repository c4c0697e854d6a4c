"""Private text at rest (reflections, excerpts and their reasons, visit messages, survey free
text, second-factor secrets): encrypted with Fernet (AES-128-CBC and HMAC-SHA256, from the
`cryptography` package) under the keys in settings.REFLECTION_KEYS, which live in the
environment, never in the database, so a copied database file or backup shows none of it.
MultiFernet encrypts with the first key and decrypts with any, so keys can be rotated
(`manage.py rotate_encryption_keys`, which finds every EncryptedTextField). Text is decrypted
only for a reader the sharing rules allow; it never goes into a log line."""

import os

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

__all__ = ["EncryptedTextField", "InvalidToken", "decrypt", "encrypt", "rotate"]


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


class EncryptedTextField(models.TextField):
    """Text whose column holds a Fernet token and whose attribute holds the text: every encrypted
    column is one of these, so the key rotation finds them all. The empty text is stored empty,
    so "no text" stays a condition the database can check; no other lookup means anything on a
    token (each encryption of the same text differs), so none is offered."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def get_lookup(self, lookup_name):
        if lookup_name not in ("exact", "isnull"):
            return None
        return super().get_lookup(lookup_name)


# allauth keeps a second factor's secrets in its JSON data (mfa.Authenticator.data), encrypted
# through exchange.membership.adapters.MFAAdapter: these keys hold a token or a list of tokens.
AUTHENTICATOR_SECRETS = ("secret", "seed", "migrated_codes")


def is_token(value: str) -> bool:
    """Whether a value is a Fernet token (each starts with its version byte, 0x80, and a time
    in base64): a TOTP key (base32) or a seed (hex) never looks like one."""
    return value.startswith("gAAAAA")


def rotate_authenticator_data(data: dict) -> dict:
    """An authenticator's data with its secrets under the first key (encrypted if they were
    stored in the clear, as allauth's default did)."""

    def under_first_key(value: str) -> str:
        return rotate(value) if is_token(value) else encrypt(value)

    rotated = dict(data)
    for name in AUTHENTICATOR_SECRETS:
        if isinstance(rotated.get(name), str):
            rotated[name] = under_first_key(rotated[name])
        elif isinstance(rotated.get(name), list):
            rotated[name] = [under_first_key(value) for value in rotated[name]]
    return rotated


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Each model with encrypted columns, and their names."""
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
        if names and not model._meta.proxy:
            found.append((model, names))
    return found


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
