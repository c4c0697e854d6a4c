"""Controlled vocabularies the coordinator edits in the Wagtail admin (Snippets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in URLs."))
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


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
