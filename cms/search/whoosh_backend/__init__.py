"""A Whoosh search backend for Wagtail 8 / modelsearch: ``BACKEND: "cms.search.whoosh_backend"``.

- `storage`: Whoosh indexes on local disk, safe with several worker processes;
- `schema`: models' `search_fields` → Whoosh schema and documents;
- `query`: modelsearch queries and queryset filters → Whoosh queries;
- `backend`: the index, results and rebuilder classes modelsearch asks for;
- `fixes`: fixes to Whoosh itself.
"""

from cms.search.whoosh_backend import fixes
from cms.search.whoosh_backend.backend import SearchBackend

fixes.apply()

__all__ = ["SearchBackend"]
