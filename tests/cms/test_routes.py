"""The request's site and page, found once per content generation (cms/routes.py): fewer
queries, never a page that was moved or unpublished, view restrictions still checked, and never
one reader's copy of a page for another."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

import pytest

from cms.routes import RememberedRoutesMiddleware
from demo.factories import UserFactory
from demo.page_factories import make_library, make_practice

# Committed, as in production: the routes' generation moves on at a change's commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def practice(home_page):
    library, _ = make_library(home_page)
    return make_practice(library, title="Fictional street-corner mentoring")


@pytest.fixture
def member_client(client):
    # A member's requests pass the page cache (cms/page_cache.py), so the page is routed.
    client.force_login(UserFactory())
    return client


def routing_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if '"wagtailcore_site"' in query["sql"]
        or 'WHERE "wagtailcore_page"."path" LIKE' in query["sql"]
    ]


def test_a_page_is_routed_once_per_generation(member_client, practice):
    first = routing_queries(member_client, practice.url)
    again = routing_queries(member_client, practice.url)
    assert first and not again


def test_a_renamed_page_is_routed_afresh(member_client, practice):
    old_url = practice.url
    routing_queries(member_client, old_url)
    practice.slug = "renamed-street-corner-mentoring"
    practice.save_revision().publish()
    # Not the page from the memo: Wagtail's redirect from the old address, made at the rename.
    new_url = "/practices/renamed-street-corner-mentoring/"
    old = member_client.get(old_url)
    assert old.status_code == 301 and old["Location"] == new_url
    assert member_client.get(new_url).status_code == 200


def test_an_unpublished_page_is_not_found_from_the_memo(member_client, practice):
    routing_queries(member_client, practice.url)
    practice.unpublish()
    assert member_client.get(practice.url).status_code == 404


def test_a_changed_site_is_found_afresh(member_client, practice):
    member_client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Fictional exchange, renamed"
    site.save()
    response = member_client.get("/")
    assert response.wsgi_request._wagtail_site.site_name == "Fictional exchange, renamed"


def test_view_restrictions_are_still_checked_on_every_request(client, member_client, practice):
    PageViewRestriction.objects.create(page=practice, restriction_type="login")
    assert member_client.get(practice.url).status_code == 200
    member_client.logout()
    member_client.cookies.clear()
    response = member_client.get(practice.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_kept_route_is_a_copy_taken_before_the_page_is_served(rf, practice):
    middleware = RememberedRoutesMiddleware(lambda request: None)

    def route(path: str):
        from wagtail import views

        request = rf.get(path)
        middleware(request)
        middleware.process_view(request, views.serve, (path.lstrip("/"),), {})
        return request._wagtail_route_for_request

    first = route(practice.url)
    first.page.title = "Set on one reader's copy while it was served"
    again = route(practice.url)
    assert again.page.pk == practice.pk
    assert again.page.title == "Fictional street-corner mentoring"
