"""What the site search reads besides the pages: the words practitioners use for the same thing,
kept by the coordinators (cms/search/synonyms.py applies them to each query, so a change needs
no rebuild of the index)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

MAX_WORDS = 30
MAX_WORD_LENGTH = 60


class SynonymGroup(models.Model):
    """Words that mean the same thing in the field, for readers searching in one language: a
    search for any of them also finds the others. Words in other languages may be listed too,
    so that a search in this language finds practices written in them."""

    language = models.CharField(_("readers' language"), max_length=8, choices=settings.LANGUAGES)
    words = models.TextField(
        _("words"),
        help_text=_(
            "Separated by commas, for example: prison, custody, detention. An entry may be a few "
            "words (mental health). List each word once: its plurals and other forms are found "
            "anyway."
        ),
    )

    panels = [FieldPanel("language"), FieldPanel("words")]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(words=""), name="synonym_group_has_words")
        ]

    def __str__(self) -> str:
        return ", ".join(self.word_list())

    def word_list(self) -> list[str]:
        return list(dict.fromkeys(" ".join(w.split()) for w in self.words.split(",") if w.strip()))

    def clean(self) -> None:
        words = self.word_list()
        if len(words) < 2:
            raise ValidationError({"words": _("List at least two words, separated by commas.")})
        if len(words) > MAX_WORDS:
            raise ValidationError(
                {"words": _("List at most %(count)d words in a group.") % {"count": MAX_WORDS}}
            )
        if any(len(word) > MAX_WORD_LENGTH for word in words):
            raise ValidationError(
                {
                    "words": _("A word may be at most %(count)d characters long.")
                    % {"count": MAX_WORD_LENGTH}
                }
            )
        self.words = ", ".join(words)
