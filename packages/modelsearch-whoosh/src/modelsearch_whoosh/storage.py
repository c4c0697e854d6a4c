"""Whoosh indexes on local disk, safe with several worker processes.

Whoosh allows one writer at a time and fails at once when another process holds the lock, and a
reader opened while a commit is under way can miss a segment file. So:

- writes wait for the lock (`writer(timeout=..., delay=...)`) instead of failing;
- each process keeps one searcher per index and refreshes it per use (0.01 ms) rather than
  opening a new one (30-40 ms); any open or refresh that races a commit is retried, in readers
  and in writers alike (a writer opens the index too);
- a rebuild fills a new generation directory and then swaps the `current` symlink atomically,
  so searches keep answering from the old generation until the new one is complete;
- whoever uses a generation (a searcher, a writer, a rebuild filling it) holds a shared lock on
  its lease file; a generation that is not current is deleted as soon as nobody holds its lease
  (`sweep`, run after a swap and whenever a process lets go of a generation);
- the index holds drafts and restricted pages (the admin searches them), so its files are the
  site user's alone: folders 0700, files 0600, whatever the process's umask.

Layout: ``<root>/<name>/current -> gen-<id>/``.
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

from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.reading import ReaderClosed
from whoosh.searching import Searcher
from whoosh.util import random_name
from whoosh.util.filelock import FileLock
from whoosh.writing import SegmentWriter

WRITE_LOCK_TIMEOUT = 30.0
WRITE_LOCK_DELAY = 0.05
CURRENT = "current"
LEASE = ".lease"
FILE_MODE, FOLDER_MODE = 0o600, 0o700

# One opened index and searcher per (directory, process): a forked worker must not reuse the
# parent's file handles, so the pid is part of the key.
_open: dict[tuple[str, int], "_OpenIndex"] = {}
_open_lock = threading.Lock()


class PrivateFileStorage(FileStorage):
    """Whoosh's file storage, with every file it creates readable by the site's user only."""

    def create(self):
        super().create()
        os.chmod(self.folder, FOLDER_MODE)
        return self

    def create_file(self, name, excl=False, mode="wb", **kwargs):
        flags = os.O_CREAT | os.O_RDWR | (os.O_EXCL if excl else os.O_TRUNC)
        fd = os.open(self._fpath(name), flags, FILE_MODE)
        return StructFile(os.fdopen(fd, mode), name=name, **kwargs)

    def lock(self, name):
        path = self._fpath(name)
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, FILE_MODE))  # FileLock's own mode is 0777
        return FileLock(path)

    def temp_storage(self, name=None):
        folder = os.path.join(self.folder, name or f"{random_name()}.tmp")
        return PrivateFileStorage(folder).create()


def private_folder(path: Path) -> None:
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(path, FOLDER_MODE)  # mkdir's mode passes through the umask


def private_file(path: Path, flags: int = os.O_RDWR) -> int:
    """A file descriptor on `path`, created 0600 if missing."""
    return os.open(path, flags | os.O_CREAT, FILE_MODE)


class Lease:
    """A shared lock on a generation's lease file, held while the generation is in use."""

    def __init__(self, generation: Path):
        self.fd = private_file(generation / LEASE)
        fcntl.flock(self.fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the lock
            self.fd = None


class _OpenIndex:
    def __init__(self, generation: Path):
        self.generation = generation
        self.lease = Lease(generation)
        try:
            if not (generation / LEASE).exists():  # swept between reading `current` and here
                raise FileNotFoundError(generation)
            self.index = open_dir(generation)
            self.searcher: Searcher = retry_on_commit_race(self.index.searcher)
        except BaseException:
            self.lease.release()
            raise
        self.lock = threading.Lock()

    def close(self) -> None:
        self.searcher.close()
        self.lease.release()


class IndexStore:
    """One named Whoosh index under `root`, shared by every process on this host."""

    def __init__(self, root: Path | str, name: str, schema: Callable[[], Schema]):
        self.root = Path(root)
        self.name = name
        self.schema = schema
        self.directory = self.root / name
        self._rebuilds: dict[Path, Lease] = {}  # generations this process is filling

    # --- generations --------------------------------------------------------------------------

    @property
    def current(self) -> Path:
        """The live generation directory, created (empty) on first use."""
        link = self.directory / CURRENT
        if not link.exists():
            # Two workers' first writes must not each create a generation: the second swap
            # would strand the first one's writes in a generation nobody reads.
            private_folder(self.root)
            private_folder(self.directory)
            lock = private_file(self.directory / ".create.lock")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not link.exists():
                    generation, lease = self._new_generation()
                    self._swap_to(generation)
                    lease.release()
            finally:
                os.close(lock)
        return self.directory / os.readlink(link)

    def _new_generation(self) -> tuple[Path, Lease]:
        """A new, empty generation, leased (no sweep takes it before it is swapped in)."""
        private_folder(self.directory)
        generation = self.directory / f"gen-{uuid.uuid4().hex}"
        private_folder(generation)
        lease = Lease(generation)
        PrivateFileStorage(str(generation)).create_index(self.schema())
        return generation, lease

    def _swap_to(self, generation: Path) -> None:
        link = self.directory / CURRENT
        staging = self.directory / f".{CURRENT}-{uuid.uuid4().hex}"
        os.symlink(generation.name, staging)
        os.replace(staging, link)  # atomic: readers see the old or the new generation
        self.sweep()

    def sweep(self) -> None:
        """Delete every generation that is not current and that nobody holds: its text must
        not outlive its use (a deleted page's words would stay on disk)."""
        link = self.directory / CURRENT
        current = os.readlink(link) if link.is_symlink() else None
        for entry in self.directory.glob("gen-*"):
            if entry.name == current or entry in self._rebuilds:
                continue
            try:
                fd = os.open(entry / LEASE, os.O_RDWR)
            except FileNotFoundError:
                shutil.rmtree(entry, ignore_errors=True)  # never leased: a half-made generation
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a searcher, writer or rebuild still uses it
            else:
                shutil.rmtree(entry, ignore_errors=True)
            finally:
                os.close(fd)

    # --- writing ------------------------------------------------------------------------------

    @contextmanager
    def writer(self, generation: Path | None = None, **commit) -> Iterator[SegmentWriter]:
        """A writer that waits for the lock; commits on success, cancels on error."""
        generation = generation or self.current
        lease = Lease(generation)
        try:
            writer = self.open_writer(generation)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            else:
                writer.commit(**commit)
        finally:
            lease.release()

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
            try:
                opened.searcher = opened.searcher.refresh()
            except (FileNotFoundError, ReaderClosed):
                # A commit raced the refresh, which may already have closed parts of the old
                # reader (refreshing it again then fails with ReaderClosed): open afresh.
                opened.searcher = retry_on_commit_race(opened.index.searcher)
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
            opened.close()
            self.sweep()

    def _opened(self) -> _OpenIndex:
        generation = self.current
        key = (str(self.directory), os.getpid())
        replaced = False
        with _open_lock:
            opened = _open.get(key)
            if opened is None or opened.generation != generation:
                if opened is not None:
                    opened.close()
                    replaced = True
                opened = _open[key] = _OpenIndex(generation)
        if replaced:
            self.sweep()  # this process may have been the last to hold the old generation
        return opened

    # --- rebuild and reset ----------------------------------------------------------------------

    def start_rebuild(self) -> Path:
        """A new, empty generation to fill; searches keep using the current one."""
        generation, self._rebuilds[generation] = self._new_generation()
        return generation

    def finish_rebuild(self, generation: Path) -> None:
        self._swap_to(generation)
        self._rebuilds.pop(generation).release()

    def reset(self) -> None:
        generation, lease = self._new_generation()
        self._swap_to(generation)
        lease.release()


COMMIT_RACE_ATTEMPTS = 5


def close_all() -> None:
    """Close this process's searchers (tests, which make an index per test)."""
    with _open_lock:
        opened = list(_open.values())
        _open.clear()
    for index in opened:
        index.close()


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
    return retry_on_commit_race(lambda: PrivateFileStorage(str(generation)).open_index())
