"""Docstrings, comments and the README point at files that exist: a path named in the code is a
promise to a reader, and a moved module left a dozen of them pointing nowhere. Template names
(`exchange/visits/visit_detail.html`) are found under templates/. Migrations are history: they
keep the paths of their day."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
READ = ["cms", "exchange", "matching", "config", "bench", "tests", "templates", ".ci"]
# A path of the project's own folders, as prose writes it: not part of a longer word or path.
PATH = re.compile(
    r"(?<![\w./-])((?:cms|exchange|matching|config|tests|templates|static|bench|requirements"
    r"|\.ci|locale)/[\w./-]*\w)"
)


def sources() -> list[Path]:
    found = [ROOT / name for name in ("README.md", "CONTRIBUTING.md", "Makefile", "pyproject.toml")]
    for folder in READ:
        found += [
            path
            for path in (ROOT / folder).rglob("*")
            if (path.suffix in {".py", ".html", ".txt", ".md"} or path.name == "run")
            and not {"migrations", "__pycache__"} & set(path.parts)
        ]
    return found


def exists(reference: str) -> bool:
    return any((ROOT / base / reference).exists() for base in ("", "templates"))


def test_every_path_named_in_the_code_and_the_readme_exists():
    missing = []
    for source in sources():
        for number, line in enumerate(source.read_text(errors="replace").splitlines(), start=1):
            for reference in PATH.findall(line):
                reference = reference.rstrip(".")
                if not any(mark in reference for mark in "*<{") and not exists(reference):
                    missing.append(f"{source.relative_to(ROOT)}:{number}: {reference}")
    assert missing == []
