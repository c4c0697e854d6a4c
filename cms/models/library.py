"""The practice library's index page. Its listing (filters, facets, pages of cards) is
cms/listing/, which reads the models: the page names its builder by path, so the models never
import the listing."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from cms.models.practices import PracticePage
from cms.models.sections import SectionIndexPage


class PracticeIndexPage(SectionIndexPage):
    subpage_types = ["cms.PracticePage"]
    listing = "cms.listing.context.library_context"

    class Meta:
        verbose_name = _("practice library page")

    def children_queryset(self):
        return PracticePage.objects.select_related("organisation")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(import_string(self.listing)(request, request.GET))
        return context
