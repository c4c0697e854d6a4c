"""The environment of a throwaway deployment in `workdir`, as an operator would set it: a fresh
SQLite database and search index, DEBUG off, and fresh secrets (a benchmark's database holds
nothing worth keeping, so its keys need not outlive it).
"""

import base64
import os
import secrets
from pathlib import Path


def configure(workdir: Path, **extra: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "DEBUG": "false",
            "LOG_LEVEL": "ERROR",
            "MEDIA_ROOT": str(workdir / "media"),
            "SEARCH_PATH": str(workdir / "search"),
            **extra,  # a benchmark's own, over the defaults (say, a PostgreSQL database)
        }
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    # A Fernet key is 32 random bytes, url-safe base64: required with DEBUG off (exchange.E001).
    fernet_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    os.environ.setdefault("REFLECTION_KEYS", fernet_key)
