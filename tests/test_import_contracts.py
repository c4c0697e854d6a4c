"""The house's floors hold for every module: import-linter checks the contracts in
pyproject.toml (`make lint`); these tests check that no module of exchange is left outside its
floors, and that the project's own code is never named by a string to be imported (an edge
import-linter and mypy cannot see)."""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "config", "demo", "exchange", "matching")
# Third-party modules chosen at run time; named here so a new dynamic import is a decision.
DYNAMIC_IMPORTS_OF_LIBRARIES = {
    "config/search.py",  # the cluster search client, when SEARCH_BACKEND names one
    "exchange/excerpts/deidentify/data.py",  # Faker's name lists, per country
}


def floors_of(container: str) -> set[str]:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for contract in contracts["contracts"]:
        if contract.get("containers") == [container]:
            return {
                room.strip()
                for layer in contract["layers"]
                for room in layer.replace("|", ":").split(":")
            }
    raise AssertionError(f"no layers contract has {container} as its container")


def test_every_module_of_exchange_is_on_a_floor():
    children = {
        path.stem if path.is_file() else path.name
        for path in (ROOT / "exchange").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    floors = floors_of("exchange")
    assert children - floors == set(), "add these to the exchange layers contract"
    assert floors - children == set(), "these floors name no module"


def test_no_project_code_is_imported_by_a_string():
    dynamic = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                    if name in ("import_string", "import_module", "__import__"):
                        dynamic.append(str(path.relative_to(ROOT)))
    assert set(dynamic) <= DYNAMIC_IMPORTS_OF_LIBRARIES, (
        "register with a plug-in point (cms/plugins.py) or a decorator instead"
    )
