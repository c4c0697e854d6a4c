"""Drafts, unpublished, private and deleted pages never show in any public search result.

Each page holds a word no other page has; the tests search for exactly those words, through
the search page, its autocomplete and its "did you mean", on the Whoosh index.
"""

from wagtail.models import Page, PageViewRestriction

import pytest

from cms.models import PracticePage
from demo.page_factories import make_library, make_practice

pytestmark = pytest.mark.django_db

SECRETS = {
    "draft": "zanzibarite",
    "unpublished": "quokkalith",
    "private": "vellichorium",
    "deleted": "brumbleworth",
    "draft_edit": "marmalucent",
}


@pytest.fixture
def hidden_pages(home_page):
    library, _ = make_library(home_page)
    public = make_practice(library, title="Public practice", summary="Open to all readers.")

    draft = PracticePage(
        title=f"Draft {SECRETS['draft']}",
        slug="draft",
        summary=f"Never published {SECRETS['draft']}.",
        description=[],
        prevention_level="general",
        last_reviewed=public.last_reviewed,
        live=False,
    )
    library.add_child(instance=draft)
    draft.save_revision()

    unpublished = make_practice(
        library, title=f"Withdrawn {SECRETS['unpublished']}", summary=SECRETS["unpublished"]
    )
    unpublished.unpublish()

    private = make_practice(
        library, title=f"Members only {SECRETS['private']}", summary=SECRETS["private"]
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    deleted = make_practice(
        library, title=f"Deleted {SECRETS['deleted']}", summary=SECRETS["deleted"]
    )
    deleted.delete()

    # A live page with an unpublished edit: the edit's words are not public yet.
    public.title = f"Public practice {SECRETS['draft_edit']}"
    public.save_revision()
    return public


def test_the_index_holds_them_but_no_public_search_shows_them(client, hidden_pages):
    # The admin's search sees drafts (editors need them): the words really are in the index.
    assert Page.objects.search(SECRETS["draft"]).count() == 1
    assert Page.objects.search(SECRETS["private"]).count() == 1
    for kind, word in SECRETS.items():
        response = client.get("/search/", {"q": word})
        assert response.status_code == 200
        # The query is echoed (title, search box, links); the hidden page's text never is.
        page = response.content.decode()
        for echo in (f"Search: {word}", f'value="{word}"', f"q={word}"):
            page = page.replace(echo, "")
        assert word not in page, kind
        assert response.context["hits"] == [], kind
        assert response.context["organisations"] == [], kind


def test_autocomplete_never_offers_them(client, hidden_pages):
    for word in SECRETS.values():
        response = client.get("/search/autocomplete/", {"q": word[:5]})
        assert response.json() == {"results": []}
    assert client.get("/search/autocomplete/", {"q": "publ"}).json()["results"] == [
        {"title": "Public practice", "url": "/practices/" + hidden_pages.slug + "/"}
    ]


def test_did_you_mean_never_suggests_their_words(client, hidden_pages):
    for word in SECRETS.values():
        misspelled = word[:-1] + ("x" if word[-1] != "x" else "y")
        response = client.get("/search/", {"q": misspelled})
        assert response.context["suggestion"] is None
        assert word not in response.content.decode()
