"""Keep derived data in step with the library: the cached facet counts and cards, and the site's
sections in the header and footer; and a member's language in their session."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms import languages, locales, navigation
from cms.listing.vocabularies import library_changed
from cms.models import (
    Challenge,
    Language,
    OrganisationPage,
    PracticePage,
    Setting,
    SynonymGroup,
    TargetGroup,
)


def connect() -> None:
    user_logged_in.connect(languages.remember_at_sign_in, dispatch_uid="member-language")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(library_changed, sender=PracticePage, dispatch_uid=f"library-{id(signal)}")
    # A practice card names its organisation (cms/listing/cards.py).
    for signal in (page_published, page_unpublished):
        signal.connect(
            library_changed, sender=OrganisationPage, dispatch_uid=f"library-org-{id(signal)}"
        )
    for model in (
        PracticePage,
        OrganisationPage,
        Challenge,
        Setting,
        TargetGroup,
        Language,
        SynonymGroup,
    ):
        post_delete.connect(library_changed, sender=model, dispatch_uid=f"library-delete-{model}")
    # A renamed or re-ordered term changes the facet labels; a synonym, what a search finds.
    for model in (Challenge, Setting, TargetGroup, Language, SynonymGroup):
        post_save.connect(library_changed, sender=model, dispatch_uid=f"library-save-{model}")
    # Any page: a section is any child of the home page, and the home page names them.
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(navigation.forget, dispatch_uid=f"sections-{id(signal)}")
    for signal in (post_delete, post_save):
        signal.connect(
            navigation.forget, sender=PageViewRestriction, dispatch_uid=f"sections-r-{id(signal)}"
        )
    post_delete.connect(navigation.forget, sender=Page, dispatch_uid="sections-delete")
    for signal in (post_delete, post_save):
        signal.connect(locales.forget, sender=Locale, dispatch_uid=f"locales-{id(signal)}")
