from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from cms import plugins
from exchange.excerpts.models import Excerpt, live_consents
from exchange.publication import views
from exchange.publication.chooser import excerpt_chooser_viewset
from exchange.publication.models import ChapterPage, PublicationPage, quoted_ids, quoted_in
from exchange.roles import is_coordinator

# The excerpts ask where an excerpt is quoted (a final publication keeps its quotes as they are).
hooks.register(plugins.EXCERPT_QUOTED_IN, quoted_in)


@hooks.register("register_admin_viewset")
def register_excerpt_chooser():
    return excerpt_chooser_viewset


@hooks.register("register_admin_urls")
def register_chapter_authors():
    return [path("chapters/<int:pk>/authors/", views.chapter_authors, name="chapter_authors")]


@hooks.register("register_page_header_buttons")
def chapter_authors_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class, ChapterPage) and is_coordinator(user):
        yield Button(
            _("Authors"), reverse("chapter_authors", args=[page.pk]), icon_name="group", priority=60
        )


def final_publication(page) -> PublicationPage | None:
    """The final publication `page` is, or is in (its pages stay as they are)."""
    if not issubclass(page.specific_class, (PublicationPage, ChapterPage)):
        return None
    publication = PublicationPage.objects.ancestor_of(page, inclusive=True).first()
    return publication if publication is not None and publication.is_frozen() else None


def refuse_if_final(request, page):
    publication = final_publication(page)
    if publication is None:
        return None
    messages.error(
        request,
        _("“%(title)s” is final since %(date)s: its pages stay as they are.")
        % {
            "title": publication.title,
            "date": date_format(publication.freeze_date, "SHORT_DATE_FORMAT"),
        },
    )
    return redirect("wagtailadmin_explore", publication.get_parent().pk)


for hook_name in ("before_edit_page", "before_delete_page", "before_unpublish_page"):
    hooks.register(hook_name, refuse_if_final)


@hooks.register("before_create_page")
def refuse_new_chapters_when_final(request, parent_page, page_class):
    return refuse_if_final(request, parent_page)


@hooks.register("before_publish_page")
def show_the_flags_kept_in_the_quotes(request, page):
    """Before a chapter goes live, the coordinator sees the de-identification gate's flags that
    the authors of its quotes kept. (A quote with its author's name keeping words that name
    someone or reach them cannot be chosen before a coordinator confirms it: QuoteBlock.)"""
    if not issubclass(page.specific_class, ChapterPage):
        return None
    excerpts = Excerpt.objects.filter(pk__in=quoted_ids(page.specific.body))
    kept = [
        f"{pk}: “{flag['text']}”"
        for pk, consent in sorted(live_consents(excerpts).items())
        for flag in consent.version.kept_findings
    ]
    if kept:
        messages.warning(
            request,
            _("Words in this chapter's quotes that the gate flagged and their authors kept: %s")
            % "; ".join(kept),
        )
    return None
