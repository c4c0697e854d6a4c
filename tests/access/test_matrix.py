"""The access-control matrix: every URL pattern of the site, the admin and allauth included,
requested by each role with GET and POST, against the outcome `table.TABLE` expects; and every
page that renders, again in German and in French.

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

from cms.languages import address_in, is_page_address
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


def request(user, method: str, url: str, language: str = "en") -> str:
    with transaction.atomic():
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
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


# German and French: every page renders in them, as the first role the English run shows it to
# (a 200 there). Who gets what does not depend on the language, and the English run checks every
# role with GET and POST: repeating that would double the suite's longest test for nothing.
LANGUAGES = ("en", "de", "fr")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_url_answers_every_role_as_the_table_says(home_page, language):
    world = build_world(home_page)
    if language == "en":
        existing = routes()
        problems = [f"not in the table: {route!r}" for route in sorted(existing - TABLE.keys())]
        problems += [f"no such pattern: {route!r}" for route in sorted(TABLE.keys() - existing)]
    else:
        problems = []
    for route, probes in TABLE.items():
        for probe in probes if isinstance(probes, list) else [probes]:
            url = probe.url.format(**world.ids)
            if language == "en":
                actual = {
                    method: " ".join(request(world.users[role], method, url) for role in ROLES)
                    for method in ("get", "post")
                }
                if actual != {"get": probe.get, "post": probe.post}:
                    problems.append(
                        f"{route!r}: {url}\n    expected GET {probe.get} / POST {probe.post}"
                        f"\n    actual   GET {actual['get']} / POST {actual['post']}"
                    )
                continue
            shown_to = [r for r, got in zip(ROLES, probe.get.split(), strict=True) if got == "200"]
            if shown_to:
                # A page of the site's content is asked for at its address in that language.
                if is_page_address(url):
                    url = address_in(url, language)
                actual = request(world.users[shown_to[0]], "get", url, language)
                if actual != "200":
                    problems.append(f"{route!r}: {url} in {language}, as {shown_to[0]}: {actual}")
    assert not problems, f"roles: {' '.join(ROLES)}\n" + "\n".join(problems)
