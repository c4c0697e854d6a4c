from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import plugins
from cms.admin_api import BoundedPagesAdminAPIViewSet
from cms.listing.cards import attach_card_fields
from cms.listing.context import library_context
from cms.models import Challenge, Language, Setting, SynonymGroup, TargetGroup


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]
    add_to_admin_menu = False


class ChallengeViewSet(TaxonomyViewSet):
    model = Challenge
    icon = "flag"


class SettingViewSet(TaxonomyViewSet):
    model = Setting
    icon = "site"


class TargetGroupViewSet(TaxonomyViewSet):
    model = TargetGroup
    icon = "group"


class LanguageViewSet(TaxonomyViewSet):
    model = Language
    icon = "globe"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ChallengeViewSet, SettingViewSet, TargetGroupViewSet, LanguageViewSet)
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300


register_snippet(TaxonomyViewSetGroup)


class SynonymGroupViewSet(SnippetViewSet):
    """Words that mean the same to the site search, kept by the coordinators (cms/search/)."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "language"]
    list_filter = ["language"]
    search_fields = ["words"]
    ordering = ["language", "pk"]


register_snippet(SynonymGroupViewSet)


@hooks.register("construct_admin_api")
def bounded_page_api(router):
    router.register_endpoint("pages", BoundedPagesAdminAPIViewSet)


# The library page and the organisation page's practice cards: the listing reads the models, so
# they call it through these plug-in points (cms/plugins.py) rather than import it.
hooks.register(plugins.LIBRARY_LISTING, library_context)
hooks.register(plugins.PRACTICE_CARD_FIELDS, attach_card_fields)
