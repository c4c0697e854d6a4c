"""Load on the production server: gunicorn with two workers, driven by wrk over loopback.

    .venv/bin/python bench/http_load.py [--practices 20000] [--duration 60] [--connections 50]

Builds a fresh SQLite database of the synthetic library (README "Production": STATIC_MANIFEST,
collected static files, a search index), then measures, one after the other:

- gunicorn (config/gunicorn.py, 2 workers), the production server, with its caches: the
  home page, the library, a practice, one search repeated (the 100 requests/s target: answered
  from each worker's memo after its first time), a signed-in dashboard, and searches of a new
  query each time (bench/new_searches.lua: the search itself, every request);
- the same gunicorn without the page cache (bench/settings_without_page_cache.py): the library
  listing rendered on every request, from the data memos a running site keeps. This is the
  "uncached listing" of the 200 requests/s target: what a listing the page cache does not hold
  costs (a filter combination nobody asked for since the last change, every member's listing);
- the same gunicorn with every cache off (bench/settings_without_caches.py): the listing as
  the first visitor after a change sees it, every request (facet counts over the whole
  library each time), printed for scale;
- `manage.py runserver` serving the same requests, the baseline measured in the same run.

Each scenario is one wrk run of `--duration` seconds with `--connections` connections. It
prints requests per second, p50 and p99 latency and errors (socket errors and responses other
than 2xx/3xx), and ends with one key=value summary line. wrk is Debian's (`make system-deps`).
The name is not `http.py`: beside the other scripts, a file of that name would stand in for the
standard library's `http` package in every one of them.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from cpu import cpu_reference_s
from throwaway import configure  # bench/throwaway.py: the script's directory is on sys.path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

TARGET_UNCACHED_LISTING_RPS = 200
TARGET_CACHED_PAGE_RPS = 2000
TARGET_SEARCH_RPS = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=60, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress as it happens, also through a pipe
    if not shutil.which("wrk"):
        print("wrk is not installed: run `make system-deps` (Debian's wrk package).")
        return 1

    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    configure(
        workdir,
        STATIC_MANIFEST="true",
        STATIC_ROOT=str(workdir / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    sys.path.insert(0, str(ROOT))
    member_cookie, practice_path = build_site(workdir, args.practices)

    scenarios = {
        "home": ("/", {}),
        "listing": ("/practices/", {}),
        "practice": (practice_path, {}),
        # One query, repeated: answered from each worker's memo after its first time.
        "search": ("/search/?q=family+mentoring", {}),
        "dashboard (signed in)": ("/dashboard/", {"Cookie": member_cookie}),
    }
    reference_s = cpu_reference_s()
    print(f"CPU reference: {reference_s:.2f} s (bench/cpu.py)")
    results = {}
    with server(gunicorn_command(), {}) as base:
        for name, (path, headers) in scenarios.items():
            results[("gunicorn", name)] = wrk(base + path, headers, args)
        # Each request a new query (bench/new_searches.lua): the search itself, every time.
        results[("gunicorn", "search, new queries")] = wrk(
            base + "/search/", {}, args, script=BENCH / "new_searches.lua"
        )
    without_page_cache = {"DJANGO_SETTINGS_MODULE": "bench.settings_without_page_cache"}
    with server(gunicorn_command(), without_page_cache) as base:
        results[("gunicorn, no page cache", "listing")] = wrk(base + "/practices/", {}, args)
    without_caches = {"DJANGO_SETTINGS_MODULE": "bench.settings_without_caches"}
    with server(gunicorn_command(), without_caches) as base:
        results[("gunicorn, caches off", "listing")] = wrk(base + "/practices/", {}, args)
    with server(runserver_command(), {}) as base:
        for name, (path, headers) in scenarios.items():
            results[("runserver", name)] = wrk(base + path, headers, args)

    print()
    print(f"{'server':<22} {'scenario':<22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for (server_name, name), result in results.items():
        print(
            f"{server_name:<22} {name:<22} {result['rps']:>9.0f} {result['p50_ms']:>8.1f} "
            f"{result['p99_ms']:>8.1f} {result['errors']:>7}"
        )
    uncached = results[("gunicorn, no page cache", "listing")]["rps"]
    cached = results[("gunicorn", "practice")]["rps"]
    errors = sum(result["errors"] for (name, _), result in results.items() if name != "runserver")
    searches = results[("gunicorn", "search")]["rps"]
    new_searches = results[("gunicorn", "search, new queries")]["rps"]
    met = (
        uncached >= TARGET_UNCACHED_LISTING_RPS
        and cached >= TARGET_CACHED_PAGE_RPS
        and searches >= TARGET_SEARCH_RPS
        and not errors
    )
    print(
        f"\nsummary practices={args.practices} duration_s={args.duration} "
        f"connections={args.connections} cpu_reference_s={reference_s:.2f} "
        f"uncached_listing_rps={uncached:.0f} (target {TARGET_UNCACHED_LISTING_RPS}) "
        f"caches_off_listing_rps={results[('gunicorn, caches off', 'listing')]['rps']:.0f} "
        f"cached_page_rps={cached:.0f} (target {TARGET_CACHED_PAGE_RPS}) "
        f"search_rps={searches:.0f} (target {TARGET_SEARCH_RPS}) "
        f"new_searches_rps={new_searches:.0f} "
        f"gunicorn_errors={errors} "
        f"runserver_listing_rps={results[('runserver', 'listing')]['rps']:.0f} "
        f"targets_met={str(met).lower()}"
    )
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def build_site(workdir: Path, practices: int) -> tuple[str, str]:
    """Migrate, generate the library, collect static files, index; a signed-in member's cookie
    and a practice's path."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from allauth.account.models import EmailAddress

    from cms.models import OrganisationPage, PracticePage
    from exchange.membership.models import Profile

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command(
        "generate_library", practices=practices, organisations=max(1, practices // 10), verbosity=0
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), "update_index", "--verbosity", "0"],
        check=True,
        env=os.environ,
    )
    print(
        f"built {practices} practices, static files and the index in "
        f"{time.perf_counter() - started:.0f} s ({workdir})"
    )

    member = get_user_model().objects.create_user(
        username="bench-member", email="bench.member@demo.example", password=None
    )
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    Profile.objects.create(user=member, organisation=OrganisationPage.objects.first())
    client = Client()
    client.force_login(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    practice = PracticePage.objects.live().order_by("pk")[practices // 2]
    return cookie, practice.url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command() -> list[str]:
    return [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "config/gunicorn.py")]


def runserver_command() -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload"]


class server:
    """A server process on a free port for the `with` block; its base URL."""

    def __init__(self, command: list[str], environ: dict[str, str]):
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        if "runserver" in command:
            command = [*command, self.address]
        env = {**os.environ, **environ, "BIND": self.address, "WEB_CONCURRENCY": "2"}
        env["ACCESS_LOG"] = "false"
        self.process = subprocess.Popen(  # noqa: S603 (our own commands)
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # runserver logs every request there
            start_new_session=True,
        )

    def __enter__(self) -> str:
        base = f"http://{self.address}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/health/", timeout=5):  # noqa: S310
                    return base
            except urllib.error.HTTPError:
                return base  # it answers (without caches, /health/ says the cache keeps nothing)
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"the server did not answer on {base}/health/")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, headers: dict[str, str], args, script: Path | None = None) -> dict:
    """One wrk run against `url` (each request's path from `script`, a wrk Lua file, if any)."""
    scripted = ["-s", str(script)] if script else []
    warm = ["wrk", "-t1", "-c2", "-d2s", *scripted, url]
    for name, value in headers.items():
        warm[1:1] = ["-H", f"{name}: {value}"]
    subprocess.run(warm, capture_output=True, check=True)  # noqa: S603 (imports, first renders)
    command = [
        "wrk",
        "-t2",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
        *scripted,
        url,
    ]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    latency = {
        share: float(value) * UNIT_MS[unit] for share, value, unit in LATENCY.findall(output)
    }
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(non_2xx.group(1)) if non_2xx else 0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    print(
        f"  {url}{f' ({script.name})' if script else ''}: {rps:.0f} req/s, "
        f"p50 {latency['50']:.1f} ms, p99 {latency['99']:.1f} ms, {errors} errors"
    )
    return {"rps": rps, "p50_ms": latency["50"], "p99_ms": latency["99"], "errors": errors}


if __name__ == "__main__":
    sys.exit(main())
