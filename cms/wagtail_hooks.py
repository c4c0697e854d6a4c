from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.admin_api import BoundedPagesAdminAPIViewSet
from cms.models import Challenge, Language, Setting, TargetGroup


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


@hooks.register("construct_admin_api")
def bounded_page_api(router):
    router.register_endpoint("pages", BoundedPagesAdminAPIViewSet)
