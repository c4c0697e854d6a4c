"""Member organisations' public profiles and their index page."""

from django.db import models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from django_countries.fields import CountryField

from cms import plugins
from cms.locales import active_locale_id, one_version_each
from cms.models.practices import PracticePage
from cms.models.sections import SectionIndexPage, Term, terms_by_relation
from cms.models.snippets import on_the_vocabulary


class OrganisationType(models.TextChoices):
    NGO = "ngo", _("NGO")
    STATUTORY = "statutory", _("Statutory body")
    GRASSROOTS = "grassroots", _("Grassroots initiative")
    INDIVIDUAL = "individual", _("Individual member")


class OrganisationIndexPage(SectionIndexPage):
    subpage_types = ["cms.OrganisationPage"]

    class Meta:
        verbose_name = _("organisation index page")

    def children_queryset(self) -> PageQuerySet:
        return OrganisationPage.objects.all()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every member organisation, each once, in the reader's language where it is translated
        # (the index in German lists the profiles written in English too).
        reader = active_locale_id()
        practices = (
            PracticePage.objects.live()
            .one_version_each(reader)
            .filter(organisation__translation_key=OuterRef("translation_key"))
            .order_by()
            .values("organisation__translation_key")
            .annotate(count=Count("pk"))
            .values("count")
        )
        context["organisations"] = (
            one_version_each(OrganisationPage.objects.live(), reader)
            .annotate(practice_count=Coalesce(Subquery(practices), 0))
            .order_by("title")
        )
        return context


class OrganisationPage(Page):
    """A member organisation's public profile. No street address: members are targets."""

    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisation_type = models.CharField(
        _("type"), max_length=20, choices=OrganisationType.choices, default=OrganisationType.NGO
    )
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ol", "ul"])
    languages = ParentalManyToManyField(
        "cms.Language",
        limit_choices_to=on_the_vocabulary,
        blank=True,
        related_name="organisations",
        verbose_name=_("working languages"),
    )
    challenges = ParentalManyToManyField(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        blank=True,
        related_name="organisations",
        verbose_name=_("challenges"),
    )
    work_settings = ParentalManyToManyField(
        "cms.Setting",
        limit_choices_to=on_the_vocabulary,
        blank=True,
        related_name="organisations",
        verbose_name=_("settings"),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    parent_page_types = ["cms.OrganisationIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("city"), FieldPanel("organisation_type")],
            heading=_("Where and what"),
        ),
        FieldPanel("description"),
        FieldPanel("languages"),
        FieldPanel("challenges"),
        FieldPanel("work_settings"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("organisation_type"),
    ]

    class Meta:
        verbose_name = _("organisation page")

    @cached_property
    def terms(self) -> dict[str, list[Term]]:
        return terms_by_relation(
            self, {"languages": "language", "challenges": "challenge", "work_settings": "setting"}
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["labels"] = {"archived": _("Archived"), "reviewed": _("reviewed")}
        # Practices link the organisation's original profile: those of each of its versions.
        practices = list(
            one_version_each(
                PracticePage.objects.live().filter(
                    organisation__translation_key=self.translation_key
                ),
                active_locale_id(),
            )
            .annotate(organisation_title=F("organisation__title"))
            .order_by("-last_reviewed", "title")
        )
        # The cards' terms, loaded for all of them at once by the listing (plugged in: it reads
        # the models, so they do not import it).
        plugins.the_one(plugins.PRACTICE_CARD_FIELDS)(practices)
        context["practices"] = practices
        # Sections for signed-in members only (the contact persons), supplied by the apps
        # that hold members' data: each hook returns HTML, or "" for whom it is not meant.
        context["members_only_sections"] = plugins.sections(
            plugins.ORGANISATION_PAGE_MEMBERS_ONLY, request, self
        )
        return context
