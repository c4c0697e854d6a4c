"""Worlds built once per test process and shared, as Django's `setUpTestData` shares a class's
records: the organisations, members and offers many tests start from are made once, inside a
transaction that stays open; each test runs in a savepoint within it, rolled back after the test,
and gets its own deep copy of the world's objects (what one test changes in memory, the next
never sees). The transaction is rolled back when a test that does not ask for that world comes
(so no test sees records it did not ask for), and tests are ordered so that those asking for the
same world run together (tests/conftest.py).

A test gets its world built for it alone, in its own transaction, as before, when it runs on a
committed database (transactional tests, the live server) or asks for the search index: the
index lives outside the transaction, and a shared world's pages are not in a test's new index.
A world made `indexed` is the exception: it is indexed once built, into an index of its own; each
of its tests searches a copy of that index and indexes what it saves into the copy (or, for the
access sweeps, which only look at status codes, that index itself).
"""

import copy
import shutil
import tempfile
import unittest
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import override_settings

import pytest

from demo.indexing import indexing_afterwards


@dataclass(frozen=True)
class Builder:
    build: Callable[[Any], Any]  # the site's home page → the world
    indexed: bool
    index_per_test: bool  # a copy of the world's index for each test, or the world's own
    fixture: str  # the name tests ask for it by
    function: Callable  # the fixture's, to tell it from another module's of the same name


BUILDERS: dict[str, Builder] = {}  # by the world's name


@dataclass
class Open:
    name: str
    atomic: transaction.Atomic
    world: Any
    index: Path | None


class SharedWorlds:
    """The one world this test process holds open, if any."""

    def __init__(self) -> None:
        self.open: Open | None = None

    def holds(self, name: str) -> bool:
        return self.open is not None and self.open.name == name

    def enter(self, name: str) -> None:
        if self.holds(name):
            return
        self.leave()
        from tests.conftest import site_home

        builder = BUILDERS[name]
        index = Path(tempfile.mkdtemp(prefix=f"world-{name}-")) if builder.indexed else None
        atomic = transaction.atomic()
        # Marked as a test case's own, as Django marks setUpTestData's: a durable atomic block
        # inside a test is then still allowed, as in production.
        atomic._from_testcase = True
        atomic.__enter__()
        try:
            with (
                override_settings(WAGTAILSEARCH_BACKENDS=search_backends(index)),
                indexing_afterwards(builder.indexed),
            ):
                world = builder.build(site_home())
        except BaseException as error:
            atomic.__exit__(type(error), error, error.__traceback__)
            raise
        self.open = Open(name, atomic, world, index)

    def leave(self) -> None:
        if self.open is None:
            return
        from modelsearch_whoosh import storage

        transaction.set_rollback(True)
        self.open.atomic.__exit__(None, None, None)
        if self.open.index:
            storage.close_all()
            shutil.rmtree(self.open.index, ignore_errors=True)
        self.open = None

    def copy(self) -> Any:
        assert self.open is not None
        return copy.deepcopy(self.open.world)


def search_backends(index: Path | None) -> dict:
    """The test settings' search backend; with `index`, indexing into it as production does."""
    from django.conf import settings

    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    if index is not None:
        backends["default"] = {**backends["default"], "PATH": index, "AUTO_UPDATE": True}
    return backends


def shared_world(
    name: str,
    build: Callable[[Any], Any],
    *,
    indexed: bool = False,
    index_per_test: bool = True,
    fixture: str = "",
):
    """A fixture (named `fixture`, or `name`) giving the test the world `build(home_page)` makes:
    a copy of the one shared by this process, or one built for this test alone (see above)."""
    assert name not in BUILDERS, f"two shared worlds are called {name}"

    def world_fixture(request, home_page):
        if WORLDS.holds(name):
            return WORLDS.copy()
        if "search_index" in request.fixturenames:  # indexed as it is built
            request.getfixturevalue("search_index")
        return build(home_page)

    world_fixture.__doc__ = build.__doc__
    BUILDERS[name] = Builder(build, indexed, index_per_test, fixture or name, world_fixture)
    return pytest.fixture(name=fixture or name)(world_fixture)


def shared_world_wanted(item: pytest.Item) -> str | None:
    """The shared world this test will run in, if it can share one."""
    names = getattr(item, "fixturenames", ())
    if runs_on_committed_data(item):
        return None
    # The fixture that name resolves to for this test: a module may have one of its own.
    definitions = item._fixtureinfo.name2fixturedefs
    wanted = (
        name
        for name, builder in BUILDERS.items()
        if builder.fixture in names and definitions[builder.fixture][-1].func is builder.function
    )
    name = next(wanted, None)
    if name and "search_index" in names and not BUILDERS[name].indexed:
        return None
    return name


def runs_on_committed_data(item: pytest.Item) -> bool:
    """pytest-django's own test of a transactional test (pytest_django.fixtures)."""
    from pytest_django.fixtures import validate_django_db

    if marker := item.get_closest_marker("django_db"):
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    names = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(names & set(getattr(item, "fixturenames", ())))


def uses_the_database(item: pytest.Item) -> bool:
    """pytest-django's own test of whether a test touches the database (its test ordering)."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if isinstance(cls, type) and issubclass(cls, unittest.TestCase):
        return issubclass(cls, TransactionTestCase)
    return bool(
        item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
        & set(getattr(item, "fixturenames", ()))
    )


def in_a_rolled_back_transaction(item: pytest.Item) -> bool:
    """Whether pytest-django runs this test in a transaction it rolls back (a Django TestCase,
    or a test asking for the database that is not transactional)."""
    from django.test import TestCase

    cls = getattr(item, "cls", None)
    if isinstance(cls, type) and issubclass(cls, unittest.TestCase):
        return issubclass(cls, TestCase)
    uses_database = item.get_closest_marker("django_db") or "db" in getattr(
        item, "fixturenames", ()
    )
    return bool(uses_database) and not runs_on_committed_data(item)


WORLDS = SharedWorlds()  # this test process's
