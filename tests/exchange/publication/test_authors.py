"""Writing together: a coordinator invites member authors to a chapter; an invited author edits
it as a draft and submits it through the moderation workflow, and cannot publish; from the
freeze date the publication's pages stay as they are."""

from django.core import mail
from django.urls import reverse

import pytest

from exchange.publication import authors
from exchange.publication.models import ChapterPage
from tests.exchange.publication.conftest import publish_chapter

pytestmark = pytest.mark.django_db


def edit_data(chapter, **extra):
    return {
        "title": chapter.title,
        "slug": chapter.slug,
        "summary": "Rewritten by an invited author.",
        "body-count": "0",
        **extra,
    }


def test_an_invited_author_edits_and_submits_but_never_publishes(
    client, coordinator, network, home_page, django_capture_on_commit_callbacks
):
    chapter = publish_chapter(home_page, coordinator, [])
    edit = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
    client.force_login(network.outsider)
    assert client.get(edit)["Location"] == reverse("wagtailadmin_home")  # not invited

    client.force_login(coordinator)
    page = reverse("chapter_authors", args=[chapter.pk])
    assert "Authors" in client.get(edit).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"member": str(network.outsider.pk)})
    assert response.status_code == 302
    [invited] = mail.outbox
    assert invited.to == [network.outsider.email] and chapter.title in invited.subject
    assert client.post(page, {"member": str(network.outsider.pk)}).status_code == 409  # twice
    assert client.post(page, {"member": "x"}).status_code == 400

    client.force_login(network.outsider)
    assert client.get(edit).status_code == 200
    response = client.post(edit, edit_data(chapter, **{"action-submit": "action-submit"}))
    assert response.status_code == 302, response.content.decode()[:500]
    chapter = ChapterPage.objects.get(pk=chapter.pk)
    assert chapter.summary != "Rewritten by an invited author."  # not published
    assert chapter.current_workflow_state.status == "in_progress"  # with the coordinators
    client.post(edit, edit_data(chapter, **{"action-publish": "action-publish"}))
    assert ChapterPage.objects.get(pk=chapter.pk).summary != "Rewritten by an invited author."
    # Another member's draft elsewhere stays hidden; this chapter is in their explorer.
    listing = client.get(reverse("wagtailadmin_explore", args=[chapter.get_parent().pk]))
    assert chapter.title in listing.content.decode()

    client.force_login(coordinator)
    client.post(page, {"remove": str(network.outsider.pk)})
    client.force_login(network.outsider)
    assert client.get(edit)["Location"] == reverse("wagtailadmin_home")


def test_only_coordinators_invite(coordinator, network, home_page):
    chapter = publish_chapter(home_page, coordinator, [])
    with pytest.raises(authors.AuthorError, match="Only the coordinators"):
        authors.author_invite(
            chapter_id=chapter.pk, member_id=network.visitor.pk, user=network.host
        )


def test_a_final_publication_stays_as_it_is(client, coordinator, network, home_page):
    chapter = publish_chapter(home_page, coordinator, [], freeze_in_days=0)
    with pytest.raises(authors.AuthorError, match="final"):
        authors.author_invite(chapter_id=chapter.pk, member_id=network.visitor.pk, user=coordinator)
    client.force_login(coordinator)
    for url in (
        reverse("wagtailadmin_pages:edit", args=[chapter.pk]),
        reverse("wagtailadmin_pages:delete", args=[chapter.pk]),
        reverse(
            "wagtailadmin_pages:add", args=["exchange", "chapterpage", chapter.get_parent().pk]
        ),
    ):
        response = client.get(url, follow=True)
        assert "is final since" in response.content.decode(), url
    unpublish = client.post(reverse("wagtailadmin_pages:unpublish", args=[chapter.pk]), follow=True)
    assert "is final since" in unpublish.content.decode()
    assert client.post(reverse("wagtailadmin_pages:edit", args=[chapter.pk]), {}).status_code == 302
    assert ChapterPage.objects.get(pk=chapter.pk).live


@pytest.mark.usefixtures("search_index")  # another's draft is not found by the admin's search
def test_an_invited_author_finds_the_draft_chapter_others_do_not(
    client, coordinator, network, home_page
):
    chapter = publish_chapter(home_page, coordinator, [])
    chapter.unpublish()
    authors.author_invite(chapter_id=chapter.pk, member_id=network.outsider.pk, user=coordinator)
    explore = reverse("wagtailadmin_explore", args=[chapter.get_parent().pk])
    search = reverse("wagtailadmin_pages:search")
    client.force_login(network.outsider)
    assert chapter.title in client.get(explore).content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[chapter.pk])).status_code == 200
    client.force_login(network.visitor)  # not invited: another's draft stays hidden
    assert chapter.title not in client.get(explore).content.decode()
    assert chapter.title not in client.get(search, {"q": "Families"}).content.decode()
