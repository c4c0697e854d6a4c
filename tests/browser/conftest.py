"""Playwright driving the system's Chromium (Debian's `chromium` package) against a live server.

Never `playwright install`: it downloads its own browser, which locked-down machines refuse.
Without Chromium these tests skip with a clear reason; with REQUIRE_BROWSER_TESTS=1 (CI) they fail.

While Playwright's sync API runs, asyncio sees a running event loop in this thread, and Django
then hands out a different database connection. So every fixture that writes to the database
must run before `page`, and Playwright stops before the database is reset after the test.
"""

import os
import shutil
from collections.abc import Iterator

from django.core.management import call_command

import pytest

from cms.models import Challenge, Language
from demo.factories import UserFactory, make_member, make_offer
from demo.page_factories import make_library, make_organisation

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NOT_INSTALLED = (
    "Chromium is not installed, so the browser tests did not run "
    "(`make system-deps` installs Debian's chromium)."
)


def find_chromium() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(f"REQUIRE_BROWSER_TESTS=1 but {NOT_INSTALLED}")
        pytest.skip(NOT_INSTALLED)
    return executable


@pytest.fixture(autouse=True)
def indexing(search_index) -> None:
    """Journeys run as production does: what is saved is indexed as it is saved."""


@pytest.fixture
def site_db(transactional_db, django_db_serialized_rollback) -> None:
    """A real (committed) database the live server can read, restored after each test."""


@pytest.fixture
def demo_site(site_db, settings) -> None:
    """The demo as `make run` seeds it: seed_demo indexes what it seeded (the browser tests
    index as production does: the autouse `indexing`)."""
    settings.DEBUG = True  # seed_demo runs only in development, as `make run` does
    call_command("seed_demo")
    settings.DEBUG = False


@pytest.fixture
def member(site_db):
    return UserFactory()


@pytest.fixture
def people(site_db, home_page):
    """Two fictional members of two organisations, one hosting an offer with one window."""
    _library, organisations = make_library(home_page)
    host_org = make_organisation(organisations, title="Fictional Dune Counselling", country="NL")
    visitor_org = make_organisation(organisations, title="Fictional Birch Mentors", country="FI")
    offer = make_offer(host_org, title="Family support sessions (fictional)")
    return {
        "host": make_member(host_org, hosts=True, first_name="Hosting", last_name="Counsellor"),
        "visitor": make_member(visitor_org, first_name="Visiting", last_name="Mentor"),
        "window": offer.windows.get(),
        # Read now: the ORM is off limits while Playwright runs (tests/browser/conftest.py).
        "challenge": Challenge.vocabulary.order_by("pk").first().name,
        "language": Language.vocabulary.order_by("pk").first().name,
    }


CSP_VIOLATIONS_SCRIPT = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def page(chromium_executable, site_db, live_server) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=live_server.url)
        # Whatever the Content-Security-Policy blocks is noted (audit() fails on it).
        context.add_init_script(CSP_VIOLATIONS_SCRIPT)
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        context.close()
        browser.close()


def after_visit_answer(people, text: str):
    """The visitor's submitted after-visit answer `text`, on a visit to the host that ended
    three days ago."""
    from datetime import timedelta

    from django.utils import timezone

    from demo.factories import advance
    from exchange.reflections import services as reflections
    from exchange.reflections.models import Phase
    from exchange.visits.models import Visit
    from tests.exchange.conftest import Network

    host, visitor = people["host"], people["visitor"]
    network = Network(None, None, host, None, visitor, None, None, people["window"])
    visit = advance(network, "completed")
    ended = timezone.localdate() - timedelta(days=3)
    Visit.objects.filter(pk=visit.pk).update(starts_on=ended - timedelta(days=2), ends_on=ended)
    visit.refresh_from_db()
    question, goal = reflections.phase_slots(visit, Phase.AFTER, visitor)[0]
    return reflections.entry_save(
        visit_id=visit.pk,
        user=visitor,
        phase=Phase.AFTER,
        question_id=question.pk,
        goal=goal,
        text=text,
        submit=True,
    )


def session_of(user) -> str:
    """A session cookie's value for `user`, made before Playwright runs (the ORM is off limits
    once it does), as after signing in with a second factor."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value
