"""The lock files are what the two commands install: they must hold every dependency that
pyproject.toml declares, at a version it allows, each with its hashes. A dependency added to
pyproject.toml without `make lock` fails here, before a fresh clone would."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRAS = PROJECT["optional-dependencies"]  # test, lint, cluster: the test lock holds them all
# One locked requirement: name==version, its environment marker if any, then its hashes.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?: ; (?P<marker>[^\\]+?))? \\$")


def locked(lock: str) -> dict[str, list[tuple[str, str | None]]]:
    """Each package of a lock file with its (version, marker) pins; every pin has a hash."""
    lines = (ROOT / "requirements" / lock).read_text().splitlines()
    pins: dict[str, list[tuple[str, str | None]]] = {}
    for number, line in enumerate(lines):
        if match := PIN.match(line):
            assert lines[number + 1].strip().startswith("--hash=sha256:"), line
            name = canonicalize_name(match["name"])
            pins.setdefault(name, []).append((match["version"], match["marker"]))
    return pins


@pytest.mark.parametrize(
    ("lock", "declared"),
    [
        ("run.txt", PROJECT["dependencies"]),
        ("cluster.txt", PROJECT["dependencies"] + EXTRAS["cluster"]),
        ("test.txt", PROJECT["dependencies"] + [dep for deps in EXTRAS.values() for dep in deps]),
    ],
)
def test_every_declared_dependency_is_locked_at_an_allowed_version(lock, declared):
    pins = locked(lock)
    problems = []
    for requirement in map(Requirement, declared):
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement.name} is not in requirements/{lock}")
        for pinned, _marker in pins.get(name, []):
            if not requirement.specifier.contains(pinned, prereleases=True):
                problems.append(f"{requirement.name}=={pinned} is outside {requirement.specifier}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_the_locks_agree_and_this_environment_runs_the_test_lock():
    test = locked("test.txt")
    for lock in ("run.txt", "cluster.txt"):
        pins = locked(lock)
        assert pins == {name: test[name] for name in pins}, lock
    # A deployment without a cluster installs none of its clients.
    assert {"elasticsearch", "opensearch-py", "grpcio"}.isdisjoint(locked("run.txt"))
    for name, pins in test.items():
        for pinned, marker in pins:
            if marker is None or Marker(marker).evaluate():
                assert version(name) == pinned, (
                    f"{name}: installed {version(name)}, locked {pinned}"
                )


def test_the_installer_is_the_uv_the_makefile_names_locked_with_its_hashes():
    """uv installs the locks (Makefile): pip installs uv itself from requirements/uv.txt, which
    `make lock` writes from UV_VERSION. The two must agree, or a fresh clone installs another."""
    named = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert named, "the Makefile names no UV_VERSION"
    assert locked("uv.txt") == {"uv": [(named[1], None)]}, "run `make lock` after changing uv"
    assert version("uv") == named[1]
