import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.utils import translation

from wagtail.models import Site

import pytest
from pytest_django.plugin import blocking_manager_key

from cms.models import HomePage
from config.settings import env, env_path
from tests.worlds import (
    BUILDERS,
    WORLDS,
    in_a_rolled_back_transaction,
    search_backends,
    shared_world,
    shared_world_wanted,
    uses_the_database,
)


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """pytest-django's test database, made by copying a template migrated once (tests/databases.py)
    instead of migrating again in every worker."""
    from django.db import connection

    from pytest_django.fixtures import _get_databases_for_setup

    from tests.databases import clone_template

    with django_db_blocker.unblock():
        old_name = clone_template()
        # What a test with serialized_rollback restores after it (browser tests), as
        # Django's setup_databases keeps it; on SQLite the template is copied back instead.
        if "default" in _get_databases_for_setup(request.session.items)[1]:
            sqlite = connection.vendor == "sqlite"
            connection._test_serialized_contents = (
                "" if sqlite else connection.creation.serialize_db_to_string()
            )
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(old_name, verbosity=0)


def site_home() -> HomePage:
    """The site root that the cms migration creates on every fresh database."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home_page(db) -> HomePage:
    return site_home()


def seed_demo_pages(home: HomePage) -> None:
    """The demo's site pages (its German and French pages among them)."""
    from demo.site import seed_site_pages

    seed_site_pages()


demo_pages = shared_world("demo_pages", seed_demo_pages, indexed=True)


@pytest.fixture(scope="session")
def shared_worlds(django_db_setup, django_db_blocker):
    """The worlds tests share in this process (tests/worlds.py), rolled back at the end."""
    yield WORLDS
    with django_db_blocker.unblock():
        WORLDS.leave()


@pytest.fixture
def _enter_shared_world(request, shared_worlds, django_db_blocker) -> None:
    if name := shared_world_wanted(request.node):
        with django_db_blocker.unblock():
            shared_worlds.enter(name)


@pytest.fixture
def _django_db_helper(_enter_shared_world, _django_db_helper):
    """pytest-django's database access for a test (its savepoint, rolled back after it),
    opened after the shared world's transaction, so within it. The arguments are set up in
    their order."""
    return _django_db_helper


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not run in the open shared world rolls it back first: it sees only the
    records it asked for (a Django TestCase class opens its own transaction before any fixture
    of ours runs, so this is a hook)."""
    if WORLDS.open is not None and shared_world_wanted(item) != WORLDS.open.name:
        with item.config.stash[blocking_manager_key].unblock():
            WORLDS.leave()


TEMPLATE_BUILDER = pytest.StashKey[subprocess.Popen]()


def pytest_sessionstart(session):
    """With test processes (pytest-xdist's controller), the migrated template of the test
    databases is built beside them if missing (tests/databases.py), while they run the tests
    that need no database (ordered first below)."""
    if session.config.pluginmanager.hasplugin("dsession"):
        session.config.stash[TEMPLATE_BUILDER] = subprocess.Popen(
            [sys.executable, "-m", "tests.databases"], cwd=session.config.rootpath
        )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that need no database first (while the template is built, above). Then tests
    that share a world one after the other (each xdist worker takes the list in chunks), so
    each process builds it about once. pytest-django has already put the tests in a transaction
    first, those on committed data after them (a transactional test empties the database), and
    those without a database last: the stable sort only moves tests within the first group,
    where every shared world is."""
    rank = {name: rank for rank, name in enumerate(BUILDERS, start=1)}
    first_group = [item for item in items if in_a_rolled_back_transaction(item)]
    if items[: len(first_group)] != first_group:
        raise pytest.UsageError("pytest-django's order changed: review tests/conftest.py")
    first_group.sort(key=lambda item: rank.get(shared_world_wanted(item), 0))
    rest = items[len(first_group) :]
    without_database = [item for item in rest if not uses_the_database(item)]
    committed = [item for item in rest if uses_the_database(item)]
    # The browser journeys, the longest tests, first among those on committed data: the short
    # ones after them even out the two workers' last minutes (one journey at the very end kept
    # a worker busy for 40 s while the other had nothing left).
    committed.sort(key=lambda item: item.get_closest_marker("browser") is None)
    items[:] = without_database + first_group + committed


@pytest.fixture(autouse=True)
def interface_in_the_default_language():
    """Each test starts in English: a request leaves its reader's language active in the thread
    (the middleware activates one per request, as a server does), and the next test would read
    its messages in German or French."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def deployed(settings, monkeypatch):
    """Sets settings as a deployment does: the variable in the environment, read by the settings
    module's own parser, so a test sees the type production sees (a test that assigned a
    pathlib.Path hid that production got django-environ's Path, and erasure failed there)."""

    def configure(**values: object) -> None:
        for setting, value in values.items():
            variable, parse = PARSED_FROM_ENVIRONMENT[setting]
            monkeypatch.setenv(variable, str(value))
            setattr(settings, setting, parse(variable))

    return configure


# Each setting: its environment variable, and the settings module's own way of reading it.
PARSED_FROM_ENVIRONMENT = {
    "ERASURE_LOG": ("ERASURE_LOG", lambda name: env_path(name, default=Path())),
    "BACKUP_DIR": ("BACKUP_DIR", lambda name: env_path(name, default=Path())),
    "MEDIA_ROOT": ("MEDIA_ROOT", lambda name: env_path(name, default=Path())),
    "ALLAUTH_TRUSTED_PROXY_COUNT": ("TRUSTED_PROXY_COUNT", lambda name: env.int(name, default=0)),
}


@pytest.fixture(autouse=True)
def erasure_log(settings, tmp_path, deployed):
    """Every deleted user is written to the erasure log: tests write to their own, never to
    the developer's var/erasures.jsonl."""
    deployed(ERASURE_LOG=tmp_path / "erasures.jsonl")
    return settings.ERASURE_LOG


@pytest.fixture(autouse=True)
def empty_cache():
    """Caches that outlive a test's database transaction start every test empty: the
    per-process memo, and the shared cache when it is Redis (in the database table it is
    rolled back with the test)."""
    aliases = ["local"]
    if not isinstance(caches["default"], DatabaseCache):
        aliases.append("default")
    for alias in aliases:
        caches[alias].clear()
    yield
    for alias in aliases:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def search_path(request, tmp_path, settings):
    """A fresh Whoosh index per test: the index outlives a test's database transaction. Nothing
    is written to it unless the test turns indexing on (`search_index`). A test in an indexed
    shared world searches a copy of that world's index (tests/worlds.py)."""
    from modelsearch_whoosh import storage

    name = shared_world_wanted(request.node)
    if name and BUILDERS[name].indexed:
        request.getfixturevalue("_enter_shared_world")
        index = WORLDS.open.index
        if BUILDERS[name].index_per_test:
            # A copy: what the test indexes or removes is gone with it, as its records are.
            index = shutil.copytree(index, tmp_path / "search", symlinks=True)
        settings.WAGTAILSEARCH_BACKENDS = search_backends(index)
    elif settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "modelsearch_whoosh":
        backends = settings.WAGTAILSEARCH_BACKENDS
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {**backends["default"], "PATH": tmp_path / "search"}
        }
    yield
    storage.close_all()


@pytest.fixture
def search_index(search_path, settings):
    """Search indexing on, as in production, into the test's own index (tests/settings.py
    turns it off for the tests that do not search)."""
    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    backends["default"] = {**backends["default"], "AUTO_UPDATE": True}
    settings.WAGTAILSEARCH_BACKENDS = backends


@pytest.fixture
def all_logs():
    """Every log record of every logger during the test, as a log file would hold it."""
    from tests.privacy import Everything

    handler, root = Everything(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


# CI (CHECK_TEST_DURATIONS=1) fails a run in which a test other than a browser journey spent
# more than SLOW_CALL seconds in its body: the suite stays within its minutes by keeping each
# test short (a world many tests share belongs in tests/worlds.py, not in each test). Counted in
# processor time of the test's process (its threads too: a live server's, a parallel test's):
# on this shared two-core machine one test's wall-clock time varied by half between runs (a
# 3 s test took 6.3 s once), its processor time far less. A test that waits rather than works
# (a subprocess, a sleep, a timeout) is held to twice the limit in wall-clock time.
SLOW_CALL = 5.0
SLOW_WAIT = 2 * SLOW_CALL
# Over the limit in the last runs, each for a reason it names: work left, not exceptions to keep.
STILL_SLOW = {
    # Fifty threads accepting at once, each with its own connection (8 s).
    "tests/exchange/visits/test_capacity.py::test_fifty_parallel_accepts_fill_the_window_exactly",
    # seed_demo on committed data is its subject (the demo request's mail goes out at the
    # commit): 5 s, Wagtail publishing 51 pages. The other tests of the demo share one seeding.
    "tests/exchange/test_seed_demo.py::test_seed_demo_prints_the_accounts_and_no_email",
    # The survey's admin page renders every question row it is posted, each with a section per
    # language: twelve hostile posts of up to a hundred rows take 3-4 s at the usual speed, and
    # went over the scaled limit in a CI run where a browser journey held the other core.
    "tests/access/test_hostile_input.py::test_no_generated_input_to_a_form_or_filter_gives_a_500"
    "[coordinator-/admin/surveys/new/]",
    "tests/access/test_hostile_input.py::test_no_generated_input_to_a_form_or_filter_gives_a_500"
    "[coordinator-/admin/surveys/edit/{survey}/]",
    # Walks exchange's migrations back to 0023 and forward again: each later migration adds to
    # it (0024-0032 now), 6 s in a CI run. The work left: squash the exchange migrations that
    # every deployment has applied, so the walk is shorter.
    "tests/exchange/reflections/test_one_entry_per_answer.py::test_duplicates_are_merged_and_then_refused",
}
SLOW_TESTS: list[tuple[str, float, float, float]] = []  # test, processor s, clock s, slowdown
# The limits hold on this machine at its usual speed, when bench/cpu.py's yardstick reads
# YARDSTICK_S. The shared machine's processor is at times far slower (the yardstick read 0.6 s
# in one hour, and eight tests of 3-4 s took over 5 s; in another run the yardstick at the end
# read the usual speed while four tests had run slow): a test over a limit reads the yardstick
# at once, and is held to the limits scaled by how much slower than usual the machine runs then.
# The slowest of three readings counts: readings a second apart varied from 0.35 s to 0.65 s, and
# with the fastest, a 6.1 s test failed a run whose yardstick read 0.44 s at its end (1.15x).
YARDSTICK_S = 0.32


def machine_slowdown() -> float:
    from bench.cpu import cpu_reference_s

    return max(1.0, max(cpu_reference_s() for _ in range(3)) / YARDSTICK_S)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """The processor time of the test's body, reported with it (to xdist's main process too),
    and for a test over a limit, the machine's slowdown read just after it."""
    started, clock = time.process_time(), time.perf_counter()
    try:
        return (yield)
    finally:
        processor, clock = time.process_time() - started, time.perf_counter() - clock
        item.user_properties += [("processor_seconds", processor), ("clock_seconds", clock)]
        over = processor > SLOW_CALL or clock > SLOW_WAIT
        if over and os.environ.get("CHECK_TEST_DURATIONS") == "1":
            item.user_properties.append(("slowdown", machine_slowdown()))


def pytest_runtest_logreport(report):
    if report.when != "call" or "browser" in report.keywords:
        return
    properties = dict(report.user_properties)
    processor, clock = properties.get("processor_seconds", 0.0), properties.get("clock_seconds", 0)
    slowdown = properties.get("slowdown", 1.0)
    slow = processor > SLOW_CALL * slowdown or clock > SLOW_WAIT * slowdown
    if slow and not {report.nodeid, report.nodeid.split("[")[0]} & STILL_SLOW:
        SLOW_TESTS.append((report.nodeid, processor, clock, slowdown))


def pytest_sessionfinish(session):
    # It failed if migrating failed: the first test process to need the database then tried
    # again and reported why.
    if builder := session.config.stash.get(TEMPLATE_BUILDER, None):
        builder.wait()
    checked = os.environ.get("CHECK_TEST_DURATIONS") == "1"
    # In the run's own process, to which the workers report: not in each worker.
    if checked and SLOW_TESTS and not hasattr(session.config, "workerinput"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    """The verdict again as the run's very last lines: CI shows the end of a failed run's output,
    and the section above sits before the list of skipped tests."""
    checked = os.environ.get("CHECK_TEST_DURATIONS") == "1"
    if checked and SLOW_TESTS and not hasattr(config, "workerinput"):
        for nodeid, processor, duration, slowdown in SLOW_TESTS:
            sys.stdout.write(
                f"TOO SLOW: {nodeid} {processor:.1f} s processor, {duration:.1f} s clock "
                f"(machine {slowdown:.2f}x slower)\n"
            )


def pytest_terminal_summary(terminalreporter):
    if os.environ.get("CHECK_TEST_DURATIONS") == "1" and SLOW_TESTS:
        terminalreporter.section(
            f"tests over {SLOW_CALL:.0f} s of processor time or {SLOW_WAIT:.0f} s of waiting, "
            "times how much slower than usual the machine ran (CHECK_TEST_DURATIONS=1)",
            red=True,
        )
        for nodeid, processor, duration, slowdown in sorted(SLOW_TESTS, key=lambda t: -t[1]):
            terminalreporter.line(
                f"{processor:6.1f} s processor {duration:6.1f} s clock  "
                f"(machine {slowdown:.2f}x slower)  {nodeid}"
            )
