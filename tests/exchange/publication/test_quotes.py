"""The publication's quotes: a chapter shows exactly the words consented to, with the chosen
attribution, checked at every render; the coordinators choose among publishable excerpts only;
a new version replaces the words everywhere; after the freeze date the quote is final."""

from django.core import mail
from django.urls import reverse

import pytest

from exchange.excerpts import services as excerpts
from exchange.excerpts.models import Excerpt, ExcerptVersion
from exchange.publication.models import ExcerptChooser, chapters_quoting
from tests.exchange.publication.conftest import MARKER, QUOTED, propose, publish_chapter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def page_text(client, chapter) -> str:
    response = client.get(chapter.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_chapter_shows_the_consented_words_with_the_attribution_chosen(
    client, entry, network, coordinator, home_page
):
    network.visitor.first_name, network.visitor.last_name = "Fictional", "Member"
    network.visitor.save()
    network.visitor.profile.role = "family counsellor"
    network.visitor.profile.save()
    named = propose(entry, "Named: the team listens first.", "named")
    role = propose(entry, "Role only: the team listens first.", "role_country")
    anonymous = propose(entry, "Anonymous: the team listens first.", "anonymous")
    private = propose(entry, f"Private: {MARKER}.", "private")
    chapter = publish_chapter(home_page, coordinator, [named, role, anonymous, private])

    html = page_text(client, chapter)
    assert "Named: the team listens first." in html
    assert "Fictional Member, family counsellor, Austria" in html
    assert "Role only: the team listens first." in html
    assert html.count("family counsellor, Austria") == 2 and html.count("Fictional Member") == 1
    assert "Anonymous: the team listens first." in html and "A practitioner" in html
    assert MARKER not in html  # not for publication: never shown, though the block is there
    assert "no-cache" in client.get(chapter.url)["Cache-Control"]


def test_a_quote_whose_words_no_longer_match_the_consent_is_never_shown(
    client, excerpt, coordinator, home_page
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    assert MARKER in page_text(client, chapter)
    # Someone with the database swaps the words, or the digest, behind the ledger's back.
    ExcerptVersion.objects.filter(excerpt=excerpt).update(text="Other words.")
    html = page_text(client, chapter)
    assert MARKER not in html and "Other words." not in html
    assert "not shown" in ExcerptChooser().get_display_title(excerpt)  # the page editor
    client.force_login(coordinator)
    listing = client.get(reverse("excerpt_chooser:choose")).json()["html"]
    assert "Other words." not in listing and MARKER not in listing
    chosen = client.get(reverse("excerpt_chooser:chosen", args=[excerpt.pk])).json()
    assert "Other words." not in chosen["result"]["title"]
    assert chapter.specific.quoted_text() == ""  # what the index is given
    ExcerptVersion.objects.filter(excerpt=excerpt).update(text=QUOTED, digest="0" * 64)
    assert MARKER not in page_text(client, chapter)


def test_a_new_version_replaces_the_words_on_the_page_in_search_and_the_index_files(
    client, excerpt, coordinator, home_page, django_capture_on_commit_callbacks
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    with django_capture_on_commit_callbacks(execute=True):
        excerpts.excerpt_revise(
            excerpt_id=excerpt.pk,
            user=excerpt.author,
            text="They read the words of the family aloud first.",
            attribution="anonymous",
            reasons={},
            checklist=set(excerpts.CHECKLIST),
        )
    html = page_text(client, chapter)
    assert MARKER not in html and "They read the words of the family aloud first." in html
    from exchange.publication.models import ChapterPage
    from tests.privacy import index_files

    assert list(ChapterPage.objects.live().search("aloud")) == [chapter]
    assert not list(ChapterPage.objects.live().search(MARKER))
    assert not [p for p in index_files() if MARKER.encode() in p.read_bytes()]
    [told] = mail.outbox
    assert told.to == [coordinator.email] and "new words" in told.subject
    assert MARKER not in told.body and "aloud" not in told.body


def test_the_chooser_is_the_coordinators_and_offers_only_publishable_excerpts(
    client, entry, network, coordinator
):
    publishable = propose(entry, "Publishable words.", "anonymous")
    private = propose(entry, "Private words.", "private")
    withdrawn = propose(entry, "Withdrawn words.", "anonymous")
    excerpts.excerpt_withdraw(excerpt_id=withdrawn.pk, user=withdrawn.author)
    choose = reverse("excerpt_chooser:choose")

    client.force_login(network.visitor)  # a member may open the admin, not this
    modal = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}  # how the chooser modal asks
    assert client.get(choose, **modal).status_code == 403
    chosen = reverse("excerpt_chooser:chosen", args=[publishable.pk])
    assert client.get(chosen, **modal).status_code == 403
    assert client.get(chosen)["Location"] == reverse("wagtailadmin_home")  # with a message

    client.force_login(coordinator)
    html = client.get(choose).json()["html"]
    assert "Publishable words." in html
    assert "Private words." not in html and "Withdrawn words." not in html
    chosen = client.get(reverse("excerpt_chooser:chosen", args=[publishable.pk])).json()
    assert chosen["result"]["id"] == str(publishable.pk)
    assert "Publishable words." in chosen["result"]["title"]
    for refused in (private, withdrawn):
        assert client.get(reverse("excerpt_chooser:chosen", args=[refused.pk])).status_code == 404
    assert client.get(reverse("excerpt_chooser:create"), **modal).status_code == 403


def test_the_coordinators_choose_a_quote_in_the_page_editor(
    client, excerpt, coordinator, home_page
):
    chapter = publish_chapter(home_page, coordinator, [])
    client.force_login(coordinator)
    edit = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
    assert client.get(edit).status_code == 200
    data = {
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
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    chapter.refresh_from_db()
    assert chapters_quoting(excerpt.pk) == [chapter]
    assert MARKER in page_text(client, chapter)
    # The page's revisions hold the excerpt's id, never its words.
    assert MARKER not in str(chapter.latest_revision.content)


def test_after_the_freeze_date_the_quote_is_final_and_the_author_is_told_why(
    client, excerpt, coordinator, home_page
):
    chapter = publish_chapter(home_page, coordinator, [excerpt], freeze_in_days=0)
    client.force_login(excerpt.author)
    page = client.get(reverse("excerpt_detail", args=[excerpt.pk])).content.decode()
    assert "This quote is final" in page and "Withdraw my consent" not in page
    response = client.post(reverse("excerpt_withdraw", args=[excerpt.pk]))
    assert response.status_code == 409
    assert "can no longer be changed or withdrawn" in response.content.decode()
    with pytest.raises(excerpts.ExcerptError, match="final since"):
        excerpts.excerpt_revise(
            excerpt_id=excerpt.pk,
            user=excerpt.author,
            text="Other words.",
            attribution="anonymous",
            reasons={},
            checklist=set(excerpts.CHECKLIST),
        )
    with pytest.raises(excerpts.ExcerptError, match="final since"):
        excerpts.excerpt_suggest(
            excerpt_id=excerpt.pk, user=coordinator, text="Shorter.", reason="Shorter."
        )
    assert excerpts.live_consent(Excerpt.objects.get(pk=excerpt.pk)).text == QUOTED
    assert MARKER in page_text(client, chapter)


def test_before_the_freeze_the_author_sees_where_the_excerpt_is_quoted(
    client, excerpt, coordinator, home_page
):
    publish_chapter(home_page, coordinator, [excerpt], freeze_in_days=1)
    client.force_login(excerpt.author)
    page = client.get(reverse("excerpt_detail", args=[excerpt.pk])).content.decode()
    assert "Families first" in page and "final from" in page
    assert "Withdraw my consent" in page


def test_the_site_search_finds_a_chapter_by_its_words_and_its_consented_quotes(
    client, excerpt, coordinator, home_page, django_capture_on_commit_callbacks
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    html = client.get("/search/", {"q": "Practitioners wrote"}).content.decode()
    assert "Other pages" in html and chapter.title in html
    html = client.get("/search/", {"q": MARKER}).content.decode()
    assert chapter.title in html and f"<mark>{MARKER}</mark>" in html
    with django_capture_on_commit_callbacks(execute=True):
        excerpts.excerpt_withdraw(excerpt_id=excerpt.pk, user=excerpt.author)
    html = client.get("/search/", {"q": MARKER}).content.decode()
    assert chapter.title not in html and f"<mark>{MARKER}</mark>" not in html


def test_the_editor_refuses_a_quote_of_an_excerpt_without_consent_to_publish(
    client, entry, coordinator, home_page
):
    private = propose(entry, "Private words.", "private")
    chapter = publish_chapter(home_page, coordinator, [])
    client.force_login(coordinator)
    edit = reverse("wagtailadmin_pages:edit", args=[chapter.pk])
    data = {
        "title": chapter.title,
        "slug": chapter.slug,
        "body-count": "1",
        "body-0-type": "quote",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "a1",
        "body-0-value-excerpt": str(private.pk),
        "action-publish": "action-publish",
    }
    response = client.post(edit, data)  # a forged form: the chooser never offers it
    assert response.status_code == 200
    assert "no consent to publish it" in response.content.decode()
    assert chapters_quoting(private.pk) == []


def test_each_quote_shows_its_provenance_and_the_coordinators_see_every_receipt(
    client, entry, coordinator, home_page
):
    from exchange.coding import services as coding
    from exchange.coding.models import Theme

    shown = propose(entry, "Shown words.", "anonymous")
    private = propose(entry, "Private words.", "private")
    coding.span_code(
        excerpt_id=shown.pk, user=coordinator, passage="Shown", start=None, codes="listening"
    )
    chapter = publish_chapter(home_page, coordinator, [shown, private])
    chapter.theme = Theme.objects.create(title="Families first")
    chapter.save_revision(user=coordinator).publish()
    html = page_text(client, chapter)
    assert "Theme: Families first" in html
    assert "Codes:" not in html and "listening" not in html  # the coding is the coordinators' tool
    assert f"visit in {shown.visit.starts_on.year}" in html
    assert "coordinators only" not in html  # the public does not see the receipts
    client.force_login(coordinator)
    html = page_text(client, chapter)
    assert "Quotes and their consent (coordinators only)" in html
    assert excerpts.live_consent(shown).event.digest[:12] in html
    assert f"/excerpts/{private.pk}/" in html and "No consent to publish it now" in html
    assert "Private words." not in html
