"""The practice library's index page. Its listing (filters, facets, pages of cards) is
cms/listing/, which reads the models: it plugs in at `plugins.LIBRARY_LISTING` (cms/plugins.py),
so the models never import the listing."""

from django.utils.translation import gettext_lazy as _

from cms import plugins
from cms.models.practices import PracticePage
from cms.models.sections import SectionIndexPage


class PracticeIndexPage(SectionIndexPage):
    subpage_types = ["cms.PracticePage"]

    class Meta:
        verbose_name = _("practice library page")

    def children_queryset(self):
        return PracticePage.objects.select_related("organisation")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(plugins.the_one(plugins.LIBRARY_LISTING)(request, request.GET))
        return context
