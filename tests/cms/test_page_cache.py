"""Whole public pages from the shared cache, for visitors without a session: served without
reading the page tree, never to or from a member, and gone as soon as what they show changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cms import page_cache
from demo.factories import UserFactory
from demo.page_factories import make_library, make_practice

# Committed, as in production: a change's generation starts at its commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def practice(home_page):
    library, _ = make_library(home_page)
    return make_practice(library, title="Fictional kitchen-table mentoring")


def queries_for(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_visitors_second_request_is_served_from_the_cache(client, practice):
    first, page = queries_for(client, practice.url)
    second, cached = queries_for(client, practice.url)
    assert cached == page
    # The stored page only: no session, user or page tree (the cache is a table here).
    assert second <= 1 < first


def test_a_page_from_the_cache_keeps_its_security_headers(client, practice):
    first = client.get(practice.url)
    again = client.get(practice.url)
    assert not hasattr(again, "context") or again.context is None  # not rendered again
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert again[header] == first[header]


def test_a_change_starts_a_new_generation_and_the_page_is_rendered_again(client, practice):
    queries_for(client, practice.url)
    practice.title = "Fictional kitchen-table mentoring, revised"
    practice.save_revision().publish()
    _, page = queries_for(client, practice.url)
    assert "revised" in page


def test_an_unpublished_page_is_not_served_from_the_cache(client, practice):
    queries_for(client, practice.url)
    practice.unpublish()
    assert client.get(practice.url).status_code == 404


def test_a_member_never_gets_the_visitors_page_and_their_pages_are_never_stored(client, practice):
    _, anonymous = queries_for(client, "/")
    member = UserFactory()
    client.force_login(member)
    _, signed_in = queries_for(client, "/")
    assert "Sign out" in signed_in and "Sign out" not in anonymous
    client.logout()
    client.cookies.clear()
    _, again = queries_for(client, "/")
    assert "Sign out" not in again


def test_what_sets_a_cookie_or_is_private_is_never_stored(rf):
    from django.http import HttpResponse

    with_cookie = HttpResponse("form")
    with_cookie.set_cookie("csrftoken", "x")
    private = HttpResponse("mine")
    private["Cache-Control"] = "private, no-store"
    not_found = HttpResponse("gone", status=404)
    assert not any(map(page_cache.is_storable, (with_cookie, private, not_found)))
    assert page_cache.is_storable(HttpResponse("public"))

    assert page_cache.is_cacheable_request(rf.get("/practices/"))
    assert not page_cache.is_cacheable_request(rf.post("/practices/"))
    assert not page_cache.is_cacheable_request(rf.get("/accounts/login/"))
    assert not page_cache.is_cacheable_request(rf.get("/admin/"))
    signed_in = rf.get("/practices/")
    signed_in.COOKIES["sessionid"] = "abc"
    assert not page_cache.is_cacheable_request(signed_in)


def test_private_busy_models_and_sign_ins_leave_the_generation_alone(practice):
    from django.contrib.auth.models import update_last_login
    from django.contrib.sessions.backends.db import SessionStore

    member = UserFactory()
    before = page_cache.version()
    SessionStore().create()
    update_last_login(None, member)  # a sign-in
    assert page_cache.version() == before
    member.first_name = "Renamed"
    member.save()
    assert page_cache.version() != before


def test_inside_an_open_transaction_no_stored_page_is_used_until_the_commit(practice):
    from django.db import transaction

    before = page_cache.version()
    with transaction.atomic():
        UserFactory()
        assert page_cache.version() is None  # this process knows of a change not yet shared
        assert page_cache.generation() in before  # and the shared generation has not moved
    assert page_cache.version() not in (None, before)


def test_each_language_has_its_own_stored_page(client, practice):
    # A page's address names its language (English's none): a reader who chose German is sent
    # from the English address to the German one, and that answer is never stored for others.
    moved = client.get(practice.url, HTTP_ACCEPT_LANGUAGE="de")
    assert moved.status_code == 302 and moved["Location"] == f"/de{practice.url}"
    english = client.get(practice.url, HTTP_ACCEPT_LANGUAGE="en").text
    assert '<html lang="en">' in english
    german = client.get(f"/de{practice.url}", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<html lang="de">' in german
    # An address outside the page tree reads in the reader's language: stored once for each.
    reports = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="de").text
    client.cookies["django_language"] = "fr"  # the switcher's choice, over the browser's
    french = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="de").text
    assert '<html lang="de">' in reports and '<html lang="fr">' in french
    del client.cookies["django_language"]
    assert client.get("/reports/", HTTP_ACCEPT_LANGUAGE="de").text == reports
    assert client.get(f"/de{practice.url}").text == german
