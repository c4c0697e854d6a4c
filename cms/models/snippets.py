"""Controlled vocabularies the coordinator edits in the Wagtail admin (Snippets), each term in
English, German and French.

The vocabulary is its terms in the default language: practices, profiles, offers and matching
link to those, and addresses name them by their slug. A term's German or French version (made
with "Translate" in the admin) gives only its name in that language. `Challenge.vocabulary` is
the vocabulary, each term with `display_name` in the reader's language, read in the same query;
`Challenge.vocabulary` holds every version, as Wagtail's admin expects.
"""

from django.conf import settings
from django.db import models
from django.db.models import Expression, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from whoosh.lang import stopwords_for_language

from cms.locales import active_locale_id, default_locale_id


class LocaleAtQueryTime(Expression):
    """A locale id decided when the query runs, not when it is built: forms build their
    querysets once, at import, and are shown in every language."""

    output_field = IntegerField()

    def __init__(self, which):
        super().__init__()
        self.which = which

    def as_sql(self, compiler, connection):
        return "%s", [self.which()]


def name_in_reader_language(model, key: str = "translation_key"):
    """The name of the term whose translation key is in `key`, in the reader's language, else
    in the default language (where it is not translated yet)."""
    translated = model._base_manager.filter(
        translation_key=OuterRef(key), locale_id=LocaleAtQueryTime(active_locale_id)
    ).values("name")[:1]
    return Coalesce(Subquery(translated), F(key.replace("translation_key", "name")))


class VocabularyManager(models.Manager):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(locale_id=LocaleAtQueryTime(default_locale_id))
            .annotate(display_name=name_in_reader_language(self.model))
        )


def stop_words(language: str) -> frozenset[str]:
    try:
        return frozenset(stopwords_for_language(language))
    except KeyError:
        return frozenset()


def on_the_vocabulary() -> dict:
    """limit_choices_to for a field that links terms: the default language's."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in URLs."))
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    objects = models.Manager()
    vocabulary = VocabularyManager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),  # the admin chooser shows one language at a time
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="%(class)s_slug_per_locale"),
            models.UniqueConstraint(fields=["locale", "name"], name="%(class)s_name_per_locale"),
        ]

    def __str__(self) -> str:
        return getattr(self, "display_name", None) or self.name

    @cached_property
    def names_in_every_language(self) -> str:
        """Its name in each language, for the search index: a practice is found by its
        challenge's German or French name as by its English one. One query per term object;
        the index loads one object per term for a batch of practices."""
        names = type(self).objects.filter(translation_key=self.translation_key)
        words = []
        for name, language in names.values_list("name", "locale__language_code"):
            # Without the language's small words ("und", "aux"): the index reads these names
            # as English, which keeps its own small words, and every practice would hold them.
            small = stop_words(language)
            words += [word for word in name.split() if word.casefold() not in small]
        return " ".join(words)


class Challenge(TaxonomyTerm):
    """A shared challenge of the field; visits are matched on these."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")


class Setting(TaxonomyTerm):
    """Where the work happens: school, family, prison and probation, online, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("setting")
        verbose_name_plural = _("settings")


class TargetGroup(TaxonomyTerm):
    """Who a practice works with: young people at risk, families, first-line professionals, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(TaxonomyTerm):
    """A working language; the slug is its ISO 639-1 code (en, de, fr, ...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
