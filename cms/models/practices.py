"""The practice library's pages: a practice, where it runs, its tags, and when it is archived."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from django_countries.fields import CountryField

from cms import plugins
from cms.blocks import BodyBlock
from cms.locales import active_locale_id, one_version_each
from cms.models.sections import Term, terms_by_relation
from cms.models.snippets import on_the_vocabulary
from cms.panels import SafeInlinePanel


class PreventionLevel(models.TextChoices):
    """The prevention triangle used across the field."""

    GENERAL = "general", _("General prevention")
    AT_RISK = "at_risk", _("At-risk groups")
    INDIVIDUAL = "individual", _("Individual intervention")


class Evidence(models.TextChoices):
    NONE = "none", _("Not yet evaluated")
    INTERNAL = "internal", _("Internal evaluation")
    EXTERNAL = "external", _("External evaluation")
    PEER_REVIEWED = "peer_reviewed", _("Peer reviewed")


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


def archive_cutoff(today: date | None = None) -> date:
    """Practices last reviewed before this date are archived."""
    today = today or timezone.localdate()
    years = settings.PRACTICE_ARCHIVE_AFTER_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February, and the year `years` ago is not a leap year
        return today.replace(year=today.year - years, day=28)


class PracticeQuerySet(PageQuerySet):
    def archived(self, today: date | None = None) -> "PracticeQuerySet":
        return self.filter(last_reviewed__lt=archive_cutoff(today))

    def current(self, today: date | None = None) -> "PracticeQuerySet":
        return self.filter(last_reviewed__gte=archive_cutoff(today))

    def one_version_each(self, locale_id: int) -> "PracticeQuerySet":
        return one_version_each(self, locale_id)


PracticeManager = PageManager.from_queryset(PracticeQuerySet)


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PracticeCountry(Orderable):
    """One country where a practice runs (a row each, so the library can count them)."""

    practice = ParentalKey("cms.PracticePage", on_delete=models.CASCADE, related_name="countries")
    country = CountryField(_("country"), db_index=True)

    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        verbose_name = _("country where it runs")
        verbose_name_plural = _("countries where it runs")
        constraints = [
            models.UniqueConstraint(fields=["practice", "country"], name="practice_country_unique")
        ]

    def __str__(self) -> str:
        return str(self.country.name)


class PracticePage(Page):
    """A practice in the library: what it is, why it works, what it takes, how we know."""

    summary = models.TextField(_("summary"), max_length=500)
    description = StreamField(BodyBlock(), verbose_name=_("description"))
    organisation = models.ForeignKey(
        "cms.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        verbose_name=_("organisation"),
    )
    challenges = ParentalManyToManyField(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        related_name="practices",
        verbose_name=_("challenges"),
    )
    prevention_level = models.CharField(
        _("prevention level"), max_length=20, choices=PreventionLevel.choices, db_index=True
    )
    target_groups = ParentalManyToManyField(
        "cms.TargetGroup",
        limit_choices_to=on_the_vocabulary,
        related_name="practices",
        verbose_name=_("target groups"),
    )
    work_settings = ParentalManyToManyField(
        "cms.Setting",
        limit_choices_to=on_the_vocabulary,
        related_name="practices",
        verbose_name=_("settings"),
    )
    languages = ParentalManyToManyField(
        "cms.Language",
        limit_choices_to=on_the_vocabulary,
        related_name="practices",
        verbose_name=_("languages"),
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("keywords"))
    scope = models.CharField(
        _("geographical scope"), max_length=20, choices=Scope.choices, default=Scope.LOCAL
    )
    mechanism = models.TextField(_("why it works"), blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True)
    staff = models.TextField(_("staff needed"), blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    evidence = models.CharField(
        _("evidence"), max_length=20, choices=Evidence.choices, default=Evidence.NONE, db_index=True
    )
    evaluation_summary = models.TextField(_("evaluation summary"), blank=True)
    sustainability = models.TextField(_("sustainability"), blank=True)
    transferability = models.TextField(_("transferability"), blank=True)
    # Readiness to travel: what another organisation needs to take the practice home.
    manual = models.TextField(
        _("manual or guide"), blank=True, help_text=_("What is written down, and how to get it.")
    )
    training = models.TextField(
        _("training offered"), blank=True, help_text=_("Who trains new staff in it, and how.")
    )
    contact = models.CharField(
        _("who to contact"),
        max_length=200,
        blank=True,
        help_text=_("A role or a team and how to reach it, never a private person's address."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    last_reviewed = models.DateField(_("last reviewed"), db_index=True)

    objects = PracticeManager()

    parent_page_types = ["cms.PracticeIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("organisation"),
        SafeInlinePanel("countries", label=_("Countries where it runs"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("challenges"),
                FieldPanel("prevention_level"),
                FieldPanel("target_groups"),
                FieldPanel("work_settings"),
                FieldPanel("languages"),
                FieldPanel("scope"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("mechanism"), FieldPanel("deliverables")], heading=_("Approach")
        ),
        MultiFieldPanel(
            [FieldPanel("staff"), FieldPanel("duration"), FieldPanel("cost")],
            heading=_("What it takes"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence"),
                FieldPanel("evaluation_summary"),
                FieldPanel("sustainability"),
            ],
            heading=_("Evidence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("transferability"),
                FieldPanel("manual"),
                FieldPanel("training"),
                FieldPanel("contact"),
            ],
            heading=_("Ready to travel"),
        ),
        MultiFieldPanel(
            [FieldPanel("start_year"), FieldPanel("last_reviewed")], heading=_("Dates")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("mechanism"),
        index.FilterField("prevention_level"),
        index.FilterField("evidence"),
        index.FilterField("last_reviewed"),
        index.FilterField("organisation"),
        # The search page's facets: counted by term id (every backend can count these)...
        index.FilterField("challenges"),
        index.FilterField("target_groups"),
        index.FilterField("work_settings"),
        index.FilterField("languages"),
        # ...and filtered by slug, as the library's URLs name them.
        index.RelatedFields("tags", [index.SearchField("name")]),
        # A search for the organisation's name finds its practices, without their text having to
        # repeat it (each card then shows its own summary, the organisation in its meta line).
        index.RelatedFields("organisation", [index.SearchField("title")]),
        # The names of its challenges, target groups and settings in every language: a German
        # reader's "Haft" finds the practices on prison and probation, "Eltern" those for
        # families, whatever language they are written in.
        *(
            index.RelatedFields(
                terms, [index.SearchField("names_in_every_language"), index.FilterField("slug")]
            )
            for terms in ("challenges", "target_groups", "work_settings")
        ),
        index.RelatedFields("languages", [index.FilterField("slug")]),
        index.RelatedFields("countries", [index.FilterField("country")]),
    ]

    class Meta:
        verbose_name = _("practice")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(start_year__gte=1950, start_year__lte=2100),
                name="practice_start_year_plausible",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # For signed-in members, what the apps holding members' data add (where the practice
        # can be observed on a visit): each hook returns HTML, or "" for whom it is not meant.
        context["members_only_sections"] = plugins.sections(
            plugins.PRACTICE_PAGE_MEMBERS_ONLY, request, self
        )
        # For every reader: what the network's visits saw of it (counts made safe to publish).
        context["sections"] = plugins.sections(plugins.PRACTICE_PAGE_SECTIONS, request, self)
        return context

    @cached_property
    def terms(self) -> dict[str, list[Term]]:
        """Challenges, target groups, settings and languages by name, in one query."""
        return terms_by_relation(
            self,
            {
                "challenges": "challenge",
                "target_groups": "targetgroup",
                "work_settings": "setting",
                "languages": "language",
            },
        )

    @property
    def is_archived(self) -> bool:
        return self.last_reviewed < archive_cutoff()

    def text_passages(self) -> list[str]:
        """The practice's prose in reading order, one passage per field or block (for the
        search's highlighting)."""
        return [
            self.summary,
            *self.description.stream_block.get_searchable_content(self.description),
            self.mechanism,
        ]

    @property
    def label(self) -> str:
        """The public label: "peer reviewed" when the evidence is, "inspiring" otherwise."""
        if self.evidence == Evidence.PEER_REVIEWED:
            return str(_("Peer reviewed"))
        return str(_("Inspiring"))

    def related_practices(self, limit: int = 3, candidates: int = 50) -> PracticeQuerySet:
        """Current live practices that share the most challenges with this one.

        Candidates are ranked on the challenge table alone (most shared challenges, then newest),
        and only the best `candidates` are checked for being live and current and ordered by
        last review: ranking every practice that shares a challenge through page rows took
        20-50 ms at 20,000 practices.
        """
        through = PracticePage.challenges.through
        mine = through.objects.filter(practicepage_id=self.pk).values("challenge_id")
        ranked = (
            through.objects.filter(challenge_id__in=mine)
            .exclude(practicepage_id=self.pk)
            .values("practicepage_id")
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-practicepage_id")
            .values("practicepage_id")[:candidates]
        )
        return (
            PracticePage.objects.live()
            .current()
            .one_version_each(active_locale_id())
            .exclude(translation_key=self.translation_key)  # this practice in other languages
            .filter(pk__in=ranked)
            .annotate(shared=Count("challenges", filter=Q(challenges__in=mine)))
            .annotate(organisation_title=F("organisation__title"))
            .order_by("-shared", "-last_reviewed", "pk")[:limit]
        )
