"""Remove what has left the site from the Whoosh index files: deleted documents (a deleted
page, an edited page's previous text) and the words of "did you mean" that no public page holds
any more (a page unpublished or placed under a view restriction).

Whoosh only marks a deleted document deleted; its words stay in the segment files until the
segment is rewritten, which is too slow to do in a request. Run this on a schedule (every 15
minutes): that is the bound on how long a deleted page's text stays on disk.
"""

from django.core.management.base import BaseCommand

from modelsearch.backends import get_search_backends
from modelsearch_whoosh.schema import index_roots


class Command(BaseCommand):
    help = "Purge deleted documents and non-public words from the Whoosh search index."

    def handle(self, *args, **options):
        for backend in get_search_backends(with_auto_update=True):
            for root in index_roots():
                index = backend.get_index_for_model(root)
                if hasattr(index, "purge"):  # the Whoosh backend's
                    index.purge()
                    if options["verbosity"] > 1:
                        self.stdout.write(f"purged {index}")
