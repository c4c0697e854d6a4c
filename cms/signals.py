"""Keep derived data in step with the library: the cached facet counts."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.listing.vocabularies import library_changed
from cms.models import Challenge, Language, PracticePage, Setting, TargetGroup


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(library_changed, sender=PracticePage, dispatch_uid=f"library-{id(signal)}")
    for model in (PracticePage, Challenge, Setting, TargetGroup, Language):
        post_delete.connect(library_changed, sender=model, dispatch_uid=f"library-delete-{model}")
    # A renamed or re-ordered term changes the facet labels.
    for model in (Challenge, Setting, TargetGroup, Language):
        post_save.connect(library_changed, sender=model, dispatch_uid=f"library-save-{model}")
