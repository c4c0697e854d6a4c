"""The access-control matrix: every URL pattern of the site, the admin and allauth included,
requested by each role with GET and POST, against the outcome `table.TABLE` expects.

A pattern missing from the table fails the test (so does a row for a pattern that is gone):
a new view is reviewed for who may reach it before it ships. Each request runs in a
transaction that is rolled back, so a POST that deletes or changes something leaves the next
probe the same records.
"""

from urllib.parse import urlsplit

from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

import pytest

from tests.access.table import TABLE
from tests.access.world import ROLES, build_world

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


def request(user, method: str, url: str) -> str:
    with transaction.atomic():
        client = Client()
        if user is not None:
            client.force_login(user)
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


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_table_says(home_page):
    world = build_world(home_page)
    existing = routes()
    problems = [f"not in the table: {route!r}" for route in sorted(existing - TABLE.keys())]
    problems += [f"no such pattern: {route!r}" for route in sorted(TABLE.keys() - existing)]
    for route, probes in TABLE.items():
        for probe in probes if isinstance(probes, list) else [probes]:
            url = probe.url.format(**world.ids)
            actual = {
                method: " ".join(request(world.users[role], method, url) for role in ROLES)
                for method in ("get", "post")
            }
            if actual != {"get": probe.get, "post": probe.post}:
                problems.append(
                    f"{route!r}: {url}\n    expected GET {probe.get} / POST {probe.post}"
                    f"\n    actual   GET {actual['get']} / POST {actual['post']}"
                )
    assert not problems, f"roles: {' '.join(ROLES)}\n" + "\n".join(problems)
