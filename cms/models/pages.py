from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import plugins
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


class ProcessorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("who"), max_length=200)
    service = blocks.CharBlock(label=_("what they do for the network"), max_length=300)
    location = blocks.CharBlock(label=_("where the data is"), max_length=200)

    class Meta:
        label = _("processor")
        icon = "site"


class PrivacyNoticePage(Page):
    """The privacy notice. The coordinators write what belongs to their network (who is
    responsible, the contact, the processors, the authority to complain to); what the platform
    does with personal data (what it holds and why, who reads what, what is encrypted, how long
    each kind is kept, rights and cookies) is written by the code that does it and read from the
    deployment's settings (PRIVACY_NOTICE_FACTS), so it cannot drift from what happens."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    controller = models.TextField(
        _("who is responsible"),
        max_length=1000,
        help_text=_("The controller: the network's legal name and postal address."),
    )
    contact_email = models.EmailField(_("contact for questions about personal data"))
    protection_officer = models.TextField(
        _("data protection officer"),
        max_length=1000,
        blank=True,
        help_text=_("Name or role and how to reach them, if the network has appointed one."),
    )
    processors = StreamField(
        [("processor", ProcessorBlock())],
        blank=True,
        verbose_name=_("processors"),
        help_text=_("Hosting, e-mail, backups: each service that handles the data for you."),
    )
    authority = models.TextField(
        _("supervisory authority"),
        max_length=1000,
        help_text=_("The data protection authority members may complain to, with its address."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more about the network"))
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("controller"),
        FieldPanel("contact_email"),
        FieldPanel("protection_officer"),
        FieldPanel("processors"),
        FieldPanel("authority"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["facts"] = plugins.sections(plugins.PRIVACY_NOTICE_FACTS, request)
        return context
