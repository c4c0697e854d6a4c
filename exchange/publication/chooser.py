"""Choosing an excerpt for a chapter's quote block (the Wagtail admin's chooser modal). Only the
coordinators choose, and only among excerpts whose authors consented to publication: the list
shows the words a page would show, with their attribution, the de-identification gate's flags
its author kept (with their reasons), challenge and year. The widget in the page editor is
exchange.publication.models.ExcerptChooser."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as generic
from wagtail.admin.viewsets.chooser import ChooserViewSet

from exchange.excerpts.models import (
    Attribution,
    Excerpt,
    consented,
    live_consents,
    waiting_for_confirmation,
)
from exchange.publication.models import shown_quotes
from exchange.roles import is_coordinator


class CoordinatorsOnly:
    """Member authors may open the page editor; the excerpts to choose from are for the
    coordinators, who curate the quotes."""

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def publishable():
    """Excerpts whose last consent event is a grant for publication (the words are checked
    against it as each page of results is shown)."""
    return (
        consented()
        .exclude(last_attribution=Attribution.PRIVATE)
        .select_related("challenge", "visit")
    )


class QuoteListing:
    """The results' columns: the quote as a page would show it, its challenge and year."""

    ordering = ["-created_at", "-pk"]

    def get_object_list(self):
        return publishable()

    def get_results_page(self, request):
        page = super().get_results_page(request)
        quotes = shown_quotes(excerpt.pk for excerpt in page.object_list)
        consents = live_consents(page.object_list)
        waiting = waiting_for_confirmation(consent.version for consent in consents.values())
        for excerpt in page.object_list:
            excerpt.quote = quotes.get(excerpt.pk)
            consent = consents.get(excerpt.pk)
            excerpt.consented_words = consent.text if consent else ""
            excerpt.kept_flags = consent.version.kept_findings if consent else []
            excerpt.waiting = consent is not None and consent.version.pk in waiting
        return page

    @property
    def columns(self):
        title = self.title_column
        title.accessor = _quote_words
        title.label = _("Quote")
        return [
            title,
            Column("attribution", label=_("Shown as"), accessor=_shown_as),
            Column("flags", label=_("Flags its author kept"), accessor=_kept_flags),
            Column("challenge", label=_("Challenge")),
            Column("year", label=_("Visit year"), accessor=lambda e: e.visit.starts_on.year),
        ]


def _quote_words(excerpt) -> str:
    if excerpt.quote:
        return excerpt.quote.text
    if excerpt.waiting:
        return excerpt.consented_words
    return _("Not shown: the consent has just ended")


def _kept_flags(excerpt) -> str:
    """Each flag the author kept, with its kind and their reason; and whether a coordinator
    must confirm it before a page shows the quote (exchange/coding/, the excerpt's page)."""
    kept = [
        f"“{flag['text']}” ({_kind(flag['kind'])}): {flag.get('reason') or '—'}"
        for flag in excerpt.kept_flags
    ]
    if excerpt.waiting:
        kept.append(str(_("Not shown until a coordinator confirms it, on the excerpt's page.")))
    return " · ".join(kept)


def _kind(kind: str) -> str:
    return render_to_string("exchange/excerpts/kind.html", {"kind": kind}).strip()


def _shown_as(excerpt) -> str:
    return excerpt.quote.attribution if excerpt.quote else ""


class ChooseView(CoordinatorsOnly, QuoteListing, generic.ChooseView):
    pass


class ChooseResultsView(CoordinatorsOnly, QuoteListing, generic.ChooseResultsView):
    pass


class ChosenView(CoordinatorsOnly, generic.ChosenView):
    def get_object(self, pk):
        return publishable().get(pk=pk)

    def get_display_title(self, instance):
        quote = shown_quotes([instance.pk]).get(instance.pk)
        return f"“{quote.text}” — {quote.attribution}" if quote else str(instance)


class ChosenMultipleView(CoordinatorsOnly, generic.ChosenMultipleView):
    pass


class CreateView(generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied  # excerpts are proposed by their authors, never here


class ExcerptChooserViewSet(ChooserViewSet):
    model = Excerpt
    icon = "openquote"
    choose_one_text = _("Choose an excerpt")
    choose_another_text = _("Choose another excerpt")
    page_title = _("Choose an excerpt to quote")
    register_widget = False  # the widget is the model layer's ExcerptChooser
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


excerpt_chooser_viewset = ExcerptChooserViewSet("excerpt_chooser", url_prefix="excerpt-chooser")
