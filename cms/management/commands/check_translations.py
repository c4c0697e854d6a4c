"""Fail when a string of the interface is not translated into every language (`make lint`).

The interface's text is extracted afresh, as `make messages` does, from a copy of the working
tree (makemessages writes into the catalogues it finds, and a check must change nothing), then
compared with the committed catalogues: a string missing from one, or there without a
translation or marked fuzzy, is a problem, named with where it comes from.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from babel.messages.pofile import read_po

# Not the interface: the environment, data, tests and benchmarks (as in the Makefile's messages).
NOT_COPIED = (".git", ".venv", "var", "node_modules", "__pycache__", "bench", "tests", "*.mo")


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def problems(extracted, committed, language: str) -> list[str]:
    """What keeps `committed` (a Babel catalogue) from translating everything in `extracted`."""
    found = []
    for message in extracted:
        if not message.id:
            continue
        where = ", ".join(sorted({path for path, _line in message.locations})) or "?"
        ours = committed.get(message.id, message.context)
        text = message.id[0] if isinstance(message.id, tuple) else message.id
        if ours is None:
            found.append(
                f"{language}: not in the catalogue (run `make messages`): {text!r} ({where})"
            )
        elif not translated(ours):
            state = "marked fuzzy" if ours.fuzzy else "not translated"
            found.append(f"{language}: {state}: {text!r} ({where})")
    for message in committed:
        if message.id and extracted.get(message.id, message.context) is None:
            text = message.id[0] if isinstance(message.id, tuple) else message.id
            found.append(f"{language}: no longer used (run `make messages`): {text!r}")
    return found


class Command(BaseCommand):
    help = "Fail when a string of the interface is not translated into every language."
    requires_system_checks = []  # text only: `make lint` runs the system checks on its own

    def handle(self, *args, **options):
        if shutil.which("xgettext") is None:
            raise CommandError("GNU gettext's xgettext is needed: run `make system-deps`.")
        root = Path(settings.BASE_DIR)
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        with tempfile.TemporaryDirectory(prefix="check-translations-") as scratch:
            copy = Path(scratch) / "tree"
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
            extract = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
            extract += ["--add-location", "file", "--verbosity", "0"]
            for language in languages:
                extract += ["--locale", language]
            # The site's own settings: a test run's (tests.settings) are not in the copy.
            environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
            subprocess.run(extract, cwd=copy, env=environment, check=True)  # noqa: S603
            found = []
            for language in languages:
                catalogue = Path("locale") / language / "LC_MESSAGES" / "django.po"
                with open(copy / catalogue, "rb") as extracted_file:
                    extracted = read_po(extracted_file, locale=language)
                with open(root / catalogue, "rb") as committed_file:
                    committed = read_po(committed_file, locale=language)
                found += problems(extracted, committed, language)
        if found:
            raise CommandError(
                f"{len(found)} translation problem(s):\n" + "\n".join(f"  {line}" for line in found)
            )
        self.stdout.write(f"Every string of the interface is translated: {', '.join(languages)}.")
