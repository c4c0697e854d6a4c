"""Whoosh indexes on local disk, safe with several worker processes.

Whoosh allows one writer at a time and fails at once when another process holds the lock, and a
reader opened while a commit is under way can miss a segment file. So:

- writes wait for the lock (`writer(timeout=..., delay=...)`) instead of failing;
- each process keeps one searcher per index and refreshes it per use (0.01 ms) rather than
  opening a new one (30-40 ms); any open or refresh that races a commit is retried, in readers
  and in writers alike (a writer opens the index too);
- a rebuild fills a new generation directory and then swaps the `current` symlink atomically,
  so searches keep answering from the old generation until the new one is complete.

Layout: ``<root>/<name>/current -> gen-<id>/``; the previous generation is kept until the next
swap, for searchers that still have it open.
"""

import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import Schema
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

WRITE_LOCK_TIMEOUT = 30.0
WRITE_LOCK_DELAY = 0.05
CURRENT = "current"

# One opened index and searcher per (directory, process): a forked worker must not reuse the
# parent's file handles, so the pid is part of the key.
_open: dict[tuple[str, int], "_OpenIndex"] = {}
_open_lock = threading.Lock()


class _OpenIndex:
    def __init__(self, generation: Path):
        self.generation = generation
        self.index = open_dir(generation)
        self.searcher: Searcher = retry_on_commit_race(self.index.searcher)
        self.lock = threading.Lock()


class IndexStore:
    """One named Whoosh index under `root`, shared by every process on this host."""

    def __init__(self, root: Path | str, name: str, schema: Callable[[], Schema]):
        self.root = Path(root)
        self.name = name
        self.schema = schema
        self.directory = self.root / name

    # --- generations --------------------------------------------------------------------------

    @property
    def current(self) -> Path:
        """The live generation directory, created (empty) on first use."""
        link = self.directory / CURRENT
        if not link.exists():
            # Two workers' first writes must not each create a generation: the second swap
            # would strand the first one's writes in a generation nobody reads.
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(self.directory / ".create.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not link.exists():
                    self._swap_to(self._new_generation())
        return self.directory / os.readlink(link)

    def _new_generation(self) -> Path:
        generation = self.directory / f"gen-{uuid.uuid4().hex}"
        generation.mkdir(parents=True)
        whoosh_index.create_in(str(generation), self.schema())
        return generation

    def _swap_to(self, generation: Path) -> None:
        link = self.directory / CURRENT
        previous = self.directory / os.readlink(link) if link.is_symlink() else None
        staging = self.directory / f".{CURRENT}-{uuid.uuid4().hex}"
        os.symlink(generation.name, staging)
        os.replace(staging, link)  # atomic: readers see the old or the new generation
        # Keep the generation just replaced (searchers may hold it); drop anything older.
        keep = {generation.name, previous.name if previous else None, CURRENT}
        for entry in self.directory.iterdir():
            if entry.name not in keep and entry.name.startswith("gen-"):
                shutil.rmtree(entry, ignore_errors=True)

    # --- writing ------------------------------------------------------------------------------

    @contextmanager
    def writer(self, generation: Path | None = None) -> Iterator[SegmentWriter]:
        """A writer that waits for the lock; commits on success, cancels on error."""
        writer = self.open_writer(generation)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit()

    def open_writer(self, generation: Path | None = None, **options) -> SegmentWriter:
        """A writer that waits for the lock; the caller commits or cancels it."""
        ix = open_dir(generation or self.current)
        return ix.writer(timeout=WRITE_LOCK_TIMEOUT, delay=WRITE_LOCK_DELAY, **options)

    # --- reading ------------------------------------------------------------------------------

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """This process's searcher for the current generation, brought up to date."""
        opened = self._opened()
        with opened.lock:
            opened.searcher = retry_on_commit_race(opened.searcher.refresh)
            yield opened.searcher

    def read(self, action: Callable[[Searcher], object]):
        """Run `action(searcher)`, once more on a freshly opened index if a merge removed a
        segment file it needed (old searchers open segment files lazily)."""
        for attempt in range(COMMIT_RACE_ATTEMPTS):
            try:
                with self.searcher() as searcher:
                    return action(searcher)
            except FileNotFoundError:
                if attempt == COMMIT_RACE_ATTEMPTS - 1:
                    raise
                self._forget()
        raise AssertionError("unreachable")

    def _forget(self) -> None:
        with _open_lock:
            opened = _open.pop((str(self.directory), os.getpid()), None)
        if opened is not None:
            opened.searcher.close()

    def _opened(self) -> _OpenIndex:
        generation = self.current
        key = (str(self.directory), os.getpid())
        with _open_lock:
            opened = _open.get(key)
            if opened is None or opened.generation != generation:
                if opened is not None:
                    opened.searcher.close()
                opened = _open[key] = _OpenIndex(generation)
            return opened

    # --- rebuild and reset ----------------------------------------------------------------------

    def start_rebuild(self) -> Path:
        """A new, empty generation to fill; searches keep using the current one."""
        return self._new_generation()

    def finish_rebuild(self, generation: Path) -> None:
        self._swap_to(generation)

    def reset(self) -> None:
        self._swap_to(self._new_generation())


COMMIT_RACE_ATTEMPTS = 5


def close_all() -> None:
    """Close this process's searchers (tests, which make an index per test)."""
    with _open_lock:
        opened = list(_open.values())
        _open.clear()
    for index in opened:
        index.searcher.close()


def retry_on_commit_race(action: Callable):
    """Run `action`, again if a concurrent commit replaced the index's table of contents while
    it was being read (Whoosh raises FileNotFoundError for `_MAIN_<n>.toc`)."""
    for attempt in range(COMMIT_RACE_ATTEMPTS):
        try:
            return action()
        except FileNotFoundError:
            if attempt == COMMIT_RACE_ATTEMPTS - 1:
                raise
            time.sleep(0.001 * (attempt + 1))
    raise AssertionError("unreachable")


def open_dir(generation: Path):
    return retry_on_commit_race(lambda: whoosh_index.open_dir(str(generation)))
