"""The network's publication: a page per year with a chapter page per theme. A chapter's quotes
are excerpts, chosen by id: their words are never copied into the page or its revisions, and
each quote is shown only while a live consent covers exactly its text (`shown_quotes`, at
every render). From its freeze date, a publication is final: its quotes can no longer be withdrawn.

The pages live in exchange, not cms, because they hold exchange's excerpts: cms never imports
exchange. Exchange puts the publication under cms's home page itself (apps.py)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import HeadingBlock
from cms.pdf import pdf_for_page
from exchange.excerpts.models import (
    Attribution,
    Consent,
    Excerpt,
    live_consents,
    waiting_for_confirmation,
)
from exchange.roles import is_coordinator


@dataclass(frozen=True)
class Quote:
    """What a page may show of an excerpt: the words consented to, who said them as far as the
    author allowed, and where the quote comes from (the challenge and the visit's year; the
    coordinators' codes are their analysis, not the reader's)."""

    text: str
    attribution: str
    challenge: str = ""
    year: int | None = None
    consent: Consent | None = None  # the receipt, for the coordinators' list
    language: str = ""  # the language the words were written in (the lang attribute)


def shown_quotes(excerpt_ids: Iterable[int]) -> dict[int, Quote]:
    """The quotes that may be shown, by excerpt id: those with a live consent for publication.
    Anything else (no consent, withdrawn, words that no longer match, not for publication, a
    named quote keeping a flag no coordinator has confirmed) is left out, and the page shows
    nothing in its place."""
    excerpts = {
        excerpt.pk: excerpt
        for excerpt in Excerpt.objects.filter(pk__in=set(excerpt_ids)).select_related(
            "author__profile__organisation", "challenge", "visit"
        )
    }
    consents = {
        pk: consent
        for pk, consent in live_consents(excerpts.values()).items()
        if consent.attribution != Attribution.PRIVATE
    }
    # Named, and keeping a flag that names someone or reaches them: not before a coordinator
    # has confirmed it (exchange.excerpts.services.flags_confirm).
    waiting = waiting_for_confirmation(consent.version for consent in consents.values())
    consents = {pk: c for pk, c in consents.items() if c.version.pk not in waiting}
    shown = {}
    for pk, consent in consents.items():
        excerpt = excerpts[pk]
        shown[pk] = Quote(
            text=consent.text,
            attribution=_attribution_line(excerpt, consent),
            challenge=excerpt.challenge.name if excerpt.challenge else "",
            year=excerpt.visit.starts_on.year,
            consent=consent,
            language=excerpt.language,
        )
    return shown


def _attribution_line(excerpt: Excerpt, consent) -> str:
    """Named: the name, the role and the country; role and country: only those; anonymous, or
    an author whose account was erased: "A practitioner" (erasure takes the name away)."""
    author = excerpt.author
    profile = getattr(author, "profile", None) if author is not None else None
    if author is None or consent.attribution == Attribution.ANONYMOUS:
        return str(_("A practitioner"))
    parts = []
    if consent.attribution == Attribution.NAMED and author.get_full_name():
        parts.append(author.get_full_name())
    if profile is not None:
        parts.append(profile.role or str(_("practitioner")))
        country = profile.country or profile.organisation.country
        if country:
            parts.append(country.name)
    return ", ".join(parts) or str(_("A practitioner"))


class ExcerptChooser(BaseChooser):
    """The quote block's widget: the editor sees the words a page would show, or that it shows
    nothing (the choosing itself is exchange/publication/chooser.py, for coordinators)."""

    model = "exchange.Excerpt"
    choose_one_text = _("Choose an excerpt")
    choose_another_text = _("Choose another excerpt")
    link_to_chosen_text = None
    show_edit_link = False
    chooser_modal_url_name = "excerpt_chooser:choose"
    icon = "openquote"

    def get_display_title(self, instance):
        quote = shown_quotes([instance.pk]).get(instance.pk)
        if quote is None:
            return str(_("Excerpt %(id)s: not shown (no consent to publish it now)")) % {
                "id": instance.pk
            }
        title = f"“{Truncator(quote.text).chars(140)}” — {quote.attribution}"
        # What the gate flagged and the author kept, in view while the chapter is edited.
        kept = [f"“{flag['text']}”" for flag in quote.consent.version.kept_findings]
        if kept:
            title += " · " + str(_("kept by its author: %(words)s")) % {"words": ", ".join(kept)}
        return title


class ExcerptChooserBlock(blocks.ChooserBlock):
    @cached_property
    def target_model(self):
        return Excerpt

    @cached_property
    def widget(self):
        return ExcerptChooser()

    class Meta:
        icon = "openquote"


class QuoteBlock(blocks.StructBlock):
    """An excerpt, shown with the attribution its author chose, while their consent stands."""

    excerpt = ExcerptChooserBlock(
        label=_("Excerpt"),
        help_text=_(
            "Only excerpts whose authors consented to publication can be chosen. The page shows "
            "the words they approved, and nothing once they withdraw."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote from an excerpt")
        template = "exchange/publication/blocks/quote.html"

    def clean(self, value):
        """A quote must pick an excerpt consented to for publication now (the chooser offers
        only those; a forged form could send any id)."""
        value = super().clean(value)
        excerpt = value.get("excerpt")
        if excerpt is not None and excerpt.pk not in shown_quotes([excerpt.pk]):
            consent = live_consents([excerpt]).get(excerpt.pk)
            if consent is not None and waiting_for_confirmation([consent.version]):
                message = _(
                    "Excerpt %(id)s goes with its author's name and keeps words that name "
                    "someone or reach them: confirm it on its page under Coding first."
                ) % {"id": excerpt.pk}
            else:
                message = _("This excerpt has no consent to publish it: choose another.")
            raise StructBlockValidationError(block_errors={"excerpt": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        excerpt = value["excerpt"]
        context["quote"] = shown_quotes([excerpt.pk]).get(excerpt.pk) if excerpt else None
        return context


class ChapterBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    quote = QuoteBlock()


class PublicationPage(RoutablePageMixin, Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year of the visits the publication draws on."),
    )
    freeze_date = models.DateField(
        _("freeze date"),
        help_text=_(
            "From this day the publication is final: its pages stay as they are, and authors "
            "can no longer withdraw the quotes it uses (they can until the day before)."
        ),
    )

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["exchange.ChapterPage"]
    template = "exchange/publication/publication_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("year"),
        FieldPanel("freeze_date"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("publication")

    def is_frozen(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) >= self.freeze_date

    def chapters(self):
        """What the public reads: the live chapters without view restrictions, in order."""
        return ChapterPage.objects.child_of(self).live().public().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.chapters()
        context["pdf_available"] = self.is_frozen() or is_coordinator(request.user)
        return context

    def pdf_document(self) -> tuple[str, dict, str]:
        """What `cms.pdf.render_pdf` makes the PDF from."""
        return (
            "exchange/publication/publication_pdf.html",
            {"publication": self, "chapters": self.chapters(), "frozen": self.is_frozen()},
            f"{self.slug}-{self.year}.pdf",
        )

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The whole publication as one tagged PDF, once it is final; before that only the
        coordinators may see it, as a draft. It holds what the pages show, nothing more: the
        live public chapters, and each quote only while its consent stands."""
        frozen = self.is_frozen()
        if not frozen and not is_coordinator(request.user):
            raise Http404
        # The freeze date passes without a save: the draft and the final PDF are stored apart.
        response = pdf_for_page(request, self, variant="final" if frozen else "draft")
        # As for the chapters: an erasure changes a quote's attribution even after the freeze.
        patch_cache_control(response, no_cache=True)
        return response


class ChapterPage(Page):
    theme = models.ForeignKey(
        "exchange.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chapters",
        verbose_name=_("theme"),
        help_text=_("The curated theme the chapter is written on."),
    )
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    body = StreamField(ChapterBodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["exchange.PublicationPage"]
    subpage_types: list[str] = []
    template = "exchange/publication/chapter_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("written_text"),
        index.SearchField("quoted_text"),
    ]

    class Meta:
        verbose_name = _("chapter")

    def written_text(self) -> str:
        """The chapter's own words, for search."""
        parts = []
        for block in self.body:
            if block.block_type == "heading":
                parts.append(block.value["text"])
            elif block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
        return "\n".join(parts)

    def text_passages(self) -> list[str]:
        """The chapter's prose in reading order, for the site search's highlighting: its
        summary, its own words and the quotes shown (so only consented words)."""
        passages = [self.summary, *self.written_text().split("\n")]
        return [*passages, *(q.text for q in shown_quotes(quoted_ids(self.body)).values())]

    def quoted_text(self) -> str:
        """The quotes' words, for search: only those shown, so only with a live consent."""
        return "\n".join(quote.text for quote in shown_quotes(quoted_ids(self.body)).values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if is_coordinator(request.user):
            # The coordinators' check: every quote the page holds, with its consent receipt,
            # and those it does not show (no consent to publish them now).
            ids = quoted_ids(self.body)
            shown = shown_quotes(ids)
            context["quote_receipts"] = [(pk, shown.get(pk)) for pk in sorted(ids)]
        # The chapters read in their order: the one before and the one after this.
        chapters = list(self.get_siblings().live().public().specific().only("title"))
        here = next(n for n, chapter in enumerate(chapters) if chapter.pk == self.pk)
        context["previous_chapter"] = chapters[here - 1] if here > 0 else None
        context["next_chapter"] = chapters[here + 1] if here + 1 < len(chapters) else None
        return context

    def serve(self, request, *args, **kwargs):
        # A quote leaves the page the moment its consent ends: no browser or proxy may answer
        # with a copy it kept without asking the site first.
        response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, no_cache=True)
        return response


def quoted_ids(body) -> set[int]:
    """The excerpts a chapter body quotes, from its raw data (nothing is loaded or decrypted)."""
    found = set()
    for block in body.raw_data:
        if block["type"] == "quote":
            pk = (block.get("value") or {}).get("excerpt")
            if isinstance(pk, int):
                found.add(pk)
    return found


def chapters_quoting(excerpt_id: int, *, live_only: bool = False) -> list[ChapterPage]:
    """The chapters whose published content or latest draft quotes the excerpt (with
    `live_only`, their published content only). A few dozen chapters a year: read them all."""
    found = []
    for chapter in ChapterPage.objects.select_related("latest_revision"):
        quoted = quoted_ids(chapter.body) if chapter.live else set()
        if not live_only and chapter.latest_revision is not None:
            quoted |= quoted_ids(chapter.latest_revision.as_object().body)
        if excerpt_id in quoted:
            found.append(chapter)
    return found


def quoted_in(excerpt_id: int) -> list[tuple[ChapterPage, PublicationPage]]:
    """The published chapters quoting the excerpt, each with its publication."""
    found = []
    for chapter in chapters_quoting(excerpt_id, live_only=True):
        publication = PublicationPage.objects.ancestor_of(chapter).first()
        if publication is not None:
            found.append((chapter, publication))
    return found
