"""Form fields that choose a page that may be translated: one choice per page (its first
version, cms.locales.first_versions), labelled and ordered by its title in the reader's language.
A German page translation is not a second organisation."""

from django import forms
from django.db.models import QuerySet

from cms.locales import first_versions, titles_for_reader


class ReaderTitles(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        pages = list(self.queryset)
        titles = titles_for_reader(page.translation_key for page in pages)
        labelled = [(titles.get(page.translation_key, page.title), page) for page in pages]
        for title, page in sorted(labelled, key=lambda pair: pair[0].casefold()):
            yield (self.choice(page)[0], title)


class PageChoiceField(forms.ModelChoiceField):
    iterator = ReaderTitles

    def __init__(self, queryset: QuerySet, **kwargs) -> None:
        super().__init__(queryset.filter(first_versions()), **kwargs)
