"""A Whoosh search backend for Wagtail 8 / modelsearch: ``BACKEND: "modelsearch_whoosh"``.

- `storage`: Whoosh indexes on local disk, safe with several worker processes;
- `schema`: models' `search_fields` → Whoosh schema and documents;
- `query`: modelsearch queries and queryset filters → Whoosh queries;
- `backend`: the index, results and rebuilder classes modelsearch asks for;
- `languages`: text read in its language (settings.MODELSEARCH_WHOOSH_LANGUAGES);
- `public`: what the public finds, registered by the site (`@what_the_public_finds`), the only
  source of the "did you mean" words (`vocabulary`);
- `fixes`: fixes to Whoosh itself.

It imports nothing of the site nor of Wagtail: modelsearch alone runs it (tests/).
"""

from modelsearch_whoosh import fixes
from modelsearch_whoosh.backend import SearchBackend

fixes.apply()

__all__ = ["SearchBackend"]
