"""A Whoosh search backend for Wagtail 8 / modelsearch (work in progress, see issue 4).

`storage` is the part that makes Whoosh safe with several worker processes; the backend classes
(schema from `search_fields`, query compiler, results) build on it.
"""
