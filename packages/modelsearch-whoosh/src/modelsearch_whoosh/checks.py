"""`manage.py check` (run by every deploy and by runserver): an index on disk built with an
older schema than the models ask for needs a rebuild before it answers every filter right (a
column's type changed: say, numbers through to-many relations became numeric)."""

from django.core.checks import Warning, register

from modelsearch.backends import get_search_backends

from modelsearch_whoosh.schema import build_schema, index_roots
from modelsearch_whoosh.storage import CURRENT, open_dir


@register("search")
def index_schema_is_current(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    for backend in get_search_backends():
        if not hasattr(backend, "path"):  # not the Whoosh backend
            continue
        for root in index_roots():
            store = backend.get_index_for_model(root).store
            if not (store.directory / CURRENT).exists():
                continue  # created on first use, with the current schema
            on_disk = open_dir(store.current).schema
            wanted = build_schema(root)
            changed = sorted(
                name
                for name in wanted.names()
                if name in on_disk.names() and type(on_disk[name]) is not type(wanted[name])
            )
            if changed:
                warnings.append(
                    Warning(
                        f"The search index {store.name} was built for an older version: "
                        f"{', '.join(changed)} changed type.",
                        hint="Run `manage.py update_index`.",
                        id="modelsearch_whoosh.W001",
                    )
                )
    return warnings
