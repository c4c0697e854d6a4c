"""The access-control matrix: every URL pattern of the site, the admin and allauth included,
requested by each role with GET and POST, against the outcome `table.TABLE` expects; and every
page that renders, again in German and in French.

A pattern missing from the table fails a test (so does a row for a pattern that is gone): a new
view is reviewed for who may reach it before it ships. Each request runs in a transaction that
is rolled back, so a POST that deletes or changes something leaves the next probe the same
records. One test per row (and per row and language), so the test processes share the sweep.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

import pytest

from cms.languages import address_in, is_page_address
from tests.access.table import TABLE
from tests.access.world import ROLES

pytestmark = pytest.mark.sweep

REDIRECTS = {301, 302, 303, 307, 308}


def routes(resolver=None, prefix: str = "") -> set[str]:
    """Every URL pattern, as its full route (the table's key)."""
    found = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found |= routes(pattern, route)
        else:
            found.add(route)
    return found


def outcome(response) -> str:
    """The status code; for a redirect, where it sends: `login` (sign in first), `denied`
    (Wagtail's "no permission": back to the dashboard with a message), or its status."""
    if response.status_code not in REDIRECTS:
        return str(response.status_code)
    target = urlsplit(response["Location"]).path
    if target in (reverse("account_login"), reverse("wagtailadmin_login")):
        return "login"
    if target == reverse("wagtailadmin_home"):
        return "denied"
    return str(response.status_code)


def request(session: str | None, method: str, url: str, language: str = "en") -> str:
    """One request in a transaction that is rolled back, so a POST that deletes or signs out
    leaves the next probe the same records and the same session."""
    with transaction.atomic():
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        if session is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        try:
            response = getattr(client, method)(url)
        except Exception as error:  # noqa: BLE001 - a 500, reported with its cause
            result = f"500({type(error).__name__})"
        else:
            result = outcome(response)
        transaction.set_rollback(True)
    for cache in caches.all():  # rate limits count requests: each probe starts afresh
        cache.clear()
    return result


def probes_of(route: str) -> list:
    probes = TABLE[route]
    return probes if isinstance(probes, list) else [probes]


def shown_to(probe) -> list[str]:
    """The roles the English run shows this probe's page to (a 200)."""
    return [role for role, got in zip(ROLES, probe.get.split(), strict=True) if got == "200"]


def test_the_table_has_a_row_for_every_url_pattern_and_no_other():
    existing = routes()
    problems = [f"not in the table: {route!r}" for route in sorted(existing - TABLE.keys())]
    problems += [f"no such pattern: {route!r}" for route in sorted(TABLE.keys() - existing)]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(TABLE))
def test_every_role_gets_what_the_table_says(access_world, route):
    sessions = access_world.sessions
    problems = []
    for probe in probes_of(route):
        url = probe.url.format(**access_world.ids)
        actual = {
            method: " ".join(request(sessions.get(role), method, url) for role in ROLES)
            for method in ("get", "post")
        }
        if actual != {"get": probe.get, "post": probe.post}:
            problems.append(
                f"{url}\n    expected GET {probe.get} / POST {probe.post}"
                f"\n    actual   GET {actual['get']} / POST {actual['post']}"
            )
    assert not problems, f"roles: {' '.join(ROLES)}\n" + "\n".join(problems)


# German and French: every page renders in them, as the first role the English run shows it to
# (a 200). Who gets what does not depend on the language, and the English run checks every
# role with GET and POST: repeating that would triple the sweep for nothing.
@pytest.mark.django_db
@pytest.mark.parametrize("language", ("de", "fr"))
@pytest.mark.parametrize(
    "route", sorted(route for route in TABLE if any(shown_to(p) for p in probes_of(route)))
)
def test_every_page_shown_renders_in_german_and_french(access_world, route, language):
    sessions = access_world.sessions
    problems = []
    for probe in probes_of(route):
        if not (roles := shown_to(probe)):
            continue
        url = probe.url.format(**access_world.ids)
        # A page of the site's content is asked for at its address in that language.
        if is_page_address(url):
            url = address_in(url, language)
        if (actual := request(sessions.get(roles[0]), "get", url, language)) != "200":
            problems.append(f"{url} in {language}, as {roles[0]}: {actual}")
    assert not problems, "\n".join(problems)
