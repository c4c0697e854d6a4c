"""The Wagtail admin's page API (the explorer menu and choosers read it), with an offset that
stops where a database's integers do: Wagtail slices the query at any offset, and SQLite
refuses an integer past 2**63 with an OverflowError, a 500 for any member."""

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

MAX_OFFSET = 10**9  # far past any listing of pages


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class BoundedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    pagination_class = BoundedPagination
