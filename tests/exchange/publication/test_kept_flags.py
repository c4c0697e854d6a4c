"""What the de-identification gate flagged and an author kept follows the excerpt to the
coordinators: on the excerpt's coding page (with the author's reasons), in the quote chooser,
and before a chapter is published. A quote with the author's name that keeps words naming
someone or reaching them is shown nowhere until a coordinator confirms it, and a chapter
quoting it is not published before; quotes without such words are not held back."""

from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from exchange.excerpts import services as excerpts
from exchange.excerpts.models import FlagsConfirmation
from exchange.publication.models import ExcerptChooser, shown_quotes
from tests.exchange.publication.conftest import MARKER, publish_chapter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

KEPT = f"Mrs Berisha agreed: the {MARKER} round starts with her words."
REASON = "She asked to be named; her consent is on file."


def keep(entry, attribution="named", text=KEPT, reason=REASON):
    """The author proposes `text`, keeping the gate's one flag (a name) with `reason`."""
    [finding] = excerpts.findings(text)
    return excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=text,
        attribution=attribution,
        reasons={excerpts.finding_key(finding): reason},
        checklist=set(excerpts.CHECKLIST),
    )


def test_a_named_quote_keeping_a_name_is_shown_only_once_a_coordinator_confirms_it(
    client, entry, coordinator, home_page
):
    excerpt = keep(entry)
    assert shown_quotes([excerpt.pk]) == {}
    chapter = publish_chapter(home_page, coordinator, [])  # a chapter, then the quote in it
    chapter.body = [("quote", {"excerpt": excerpt})]
    chapter.save_revision(user=coordinator).publish(user=coordinator)
    assert MARKER not in client.get(chapter.url).content.decode()
    assert MARKER not in chapter.specific.quoted_text()  # nor in search

    with pytest.raises(excerpts.ExcerptError, match="Only the coordinators"):
        excerpts.flags_confirm(excerpt_id=excerpt.pk, user=entry.author)
    excerpts.flags_confirm(excerpt_id=excerpt.pk, user=coordinator)
    assert MARKER in client.get(chapter.url).content.decode()
    assert ModelLogEntry.objects.filter(action="exchange.excerpt.confirm_flags").count() == 1
    with pytest.raises(excerpts.ExcerptError, match="confirmed already"):
        excerpts.flags_confirm(excerpt_id=excerpt.pk, user=coordinator)

    # The author's new version is a new question: asked again.
    excerpts.excerpt_revise(
        excerpt_id=excerpt.pk,
        user=entry.author,
        text=KEPT.replace("agreed", "insisted"),
        attribution="named",
        reasons={"name:Mrs Berisha": REASON},
        checklist=set(excerpts.CHECKLIST),
    )
    assert shown_quotes([excerpt.pk]) == {}


def test_anonymous_quotes_and_quotes_keeping_only_a_date_are_not_held_back(entry, coordinator):
    anonymous = keep(entry, attribution="anonymous")
    dated = keep(entry, text=f"On 12 March 2024 the {MARKER} round began.", reason="Public.")
    assert set(shown_quotes([anonymous.pk, dated.pk])) == {anonymous.pk, dated.pk}
    with pytest.raises(excerpts.ExcerptError, match="nothing that needs a confirmation"):
        excerpts.flags_confirm(excerpt_id=dated.pk, user=coordinator)
    assert not FlagsConfirmation.objects.exists()


def test_the_coding_page_shows_each_flag_with_the_authors_reason_and_confirms(
    client, entry, coordinator
):
    excerpt = keep(entry)
    client.force_login(coordinator)
    url = reverse("coding:excerpt", args=[excerpt.pk])
    page = client.get(url).content.decode()
    assert "What the de-identification gate flags" in page
    assert "<strong>Mrs Berisha</strong>" in page and REASON in page
    assert "a person&#x27;s name" in page or "a person's name" in page
    assert 'name="confirm_flags"' in page and "until a coordinator confirms" in page

    confirmed = client.post(url, {"confirm_flags": "yes"})
    assert confirmed.status_code == 302
    page = client.get(url).content.decode()
    assert "Confirmed for publication by" in page and 'name="confirm_flags"' not in page
    again = client.post(url, {"confirm_flags": "yes"})
    assert again.status_code == 409 and "confirmed already" in again.content.decode()

    # A member, even the author, cannot confirm.
    member = Client()
    member.force_login(entry.author)
    assert member.post(url, {"confirm_flags": "yes"}).status_code in (302, 403)
    assert FlagsConfirmation.objects.count() == 1


def test_the_chooser_lists_the_kept_flags_and_what_waits_for_confirmation(
    client, entry, coordinator
):
    keep(entry)
    client.force_login(coordinator)
    listing = client.get(reverse("excerpt_chooser:choose")).json()["html"]
    assert MARKER in listing  # the words, for the coordinator to read
    assert "Mrs Berisha" in listing and REASON in listing
    assert "Not shown until a coordinator confirms it" in listing


def test_an_unconfirmed_named_quote_cannot_be_chosen_and_publishing_shows_the_kept_words(
    client, entry, coordinator, home_page
):
    excerpt = keep(entry)
    chapter = publish_chapter(home_page, coordinator, [])
    client.force_login(coordinator)
    edit = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
    form = {
        "title": chapter.title,
        "slug": chapter.slug,
        "summary": chapter.summary,
        "body-count": "1",
        "body-0-type": "quote",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "a1",
        "body-0-value-excerpt": str(excerpt.pk),
        "action-publish": "action-publish",
    }
    refused = client.post(edit, form)
    assert refused.status_code == 200
    assert f"Excerpt {excerpt.pk} goes with its author" in refused.content.decode()
    assert MARKER not in client.get(chapter.url).content.decode()

    excerpts.flags_confirm(excerpt_id=excerpt.pk, user=coordinator)
    # In view while the chapter is edited: the quote's widget names what its author kept.
    assert "kept by its author: “Mrs Berisha”" in ExcerptChooser().get_display_title(excerpt)
    published = client.post(edit, form, follow=True).content.decode()
    assert "their authors kept" in published and "Mrs Berisha" in published
    assert MARKER in client.get(chapter.url).content.decode()
