from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, SectionLinksBlock


class HomePage(Page):
    """The front door: what the network is, and a way into each section."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    sections = StreamField(
        SectionLinksBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("Cards that lead to the site's sections. Unpublished pages are not shown."),
    )

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: the page types that may go under the home page say so themselves with
    # their parent_page_types, those of cms and those of the floors above (the publication),
    # which cms may not name.
    max_count = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        FieldPanel("sections"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """A page missing in the reader's language falls back to its original: the same path
        is looked for under the default language's home, then under the other languages' (a
        practice written in German first exists only there). The page is served as it is, in
        its own language, and says so (templates/includes/translation_notice.html)."""
        try:
            return super().route(request, path_components)
        except Http404:
            for home in self.other_homes():
                try:
                    return Page.route(home, request, path_components)
                except Http404:
                    continue
            raise

    def other_homes(self) -> list["HomePage"]:
        """This home's translations, the default language's first."""
        homes = self.get_translations().live().select_related("locale").specific()
        return sorted(homes, key=lambda home: home.locale.language_code != settings.LANGUAGE_CODE)

    def live_sections(self) -> list:
        """The section cards whose page is published: a card never leads to a missing page."""
        return [
            block for block in self.sections if block.value["page"] and block.value["page"].live
        ]


class StandardPage(Page):
    """A plain content page: about the network, how visits work, the privacy notice."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
