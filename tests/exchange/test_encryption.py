"""Reflection text at rest: encrypted under the configured keys, rotatable, and refused without
a key outside development."""

import stat

from django.core.exceptions import ImproperlyConfigured

import pytest
from cryptography.fernet import Fernet

from exchange import encryption

MARKER = "Reflection marker 7f3a: a client's faith and record"


def test_the_text_round_trips_and_the_token_shows_none_of_it():
    token = encryption.encrypt(MARKER)
    assert MARKER not in token and "marker" not in token.lower()
    assert encryption.decrypt(token) == MARKER


def test_a_new_key_first_rotates_the_old_tokens(settings):
    old = settings.REFLECTION_KEYS[0]
    token = encryption.encrypt(MARKER)
    new = Fernet.generate_key().decode()
    settings.REFLECTION_KEYS = [new, old]
    rotated = encryption.rotate(token)
    settings.REFLECTION_KEYS = [new]
    assert encryption.decrypt(rotated) == MARKER
    with pytest.raises(encryption.InvalidToken):
        encryption.decrypt(token)


def test_without_a_key_production_refuses(settings):
    settings.REFLECTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="REFLECTION_KEYS"):
        encryption.encrypt(MARKER)
    assert [error.id for error in encryption.keys_configured(None)] == ["exchange.E001"]


def test_development_makes_a_private_key_under_var(settings, tmp_path):
    settings.REFLECTION_KEYS, settings.DEBUG = [], True
    settings.REFLECTION_DEVELOPMENT_KEY = tmp_path / "var" / "reflection.key"
    assert encryption.keys_configured(None) == []
    token = encryption.encrypt(MARKER)
    assert encryption.decrypt(token) == MARKER  # the same key, read again
    mode = settings.REFLECTION_DEVELOPMENT_KEY.stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
