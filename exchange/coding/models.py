"""Qualitative coding of the excerpts, by the coordinators: free codes (a taggit tag model of
their own, so codes never mix with the site's other tags) applied to spans of an excerpt's
consented words, memos on codes, and curated themes that group codes. Offsets count Unicode
code points from 0, as REFI-QDA does."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.models import ItemBase, TagBase

from exchange.excerpts.models import Excerpt, ExcerptVersion


class Code(TagBase):
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("What the code means, and when to apply it."),
    )
    memo = models.TextField(
        _("memo"),
        max_length=20_000,
        blank=True,
        help_text=_("Your analytic notes on the code: what you notice, open questions."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["name"]


class CodedSpan(ItemBase):
    """One code applied to one span of one version of an excerpt (the version whose words the
    author consented to when it was coded)."""

    tag = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="spans")
    content_object = models.ForeignKey(
        Excerpt, on_delete=models.CASCADE, related_name="coded_spans"
    )
    version = models.ForeignKey(ExcerptVersion, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField()  # code points, from 0
    end = models.PositiveIntegerField()  # exclusive
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["content_object", "start", "end"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="coded_span_is_not_empty"),
            models.UniqueConstraint(
                fields=["tag", "version", "start", "end"], name="one_code_per_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tag} on excerpt {self.content_object_id} [{self.start}:{self.end}]"


class Theme(models.Model):
    """A theme the coordinators curate over the year from codes: a chapter of the publication
    is written on one."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    description = models.TextField(_("description"), max_length=20_000, blank=True)
    codes = models.ManyToManyField(Code, blank=True, related_name="themes", verbose_name=_("codes"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
