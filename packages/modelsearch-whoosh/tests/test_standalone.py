"""The backend stands on modelsearch alone: loading every module of it brings in no Wagtail and
nothing of the site it was written for."""

import importlib
import pkgutil
import sys

import modelsearch_whoosh


def test_no_module_of_the_backend_imports_wagtail_or_the_site():
    for module in pkgutil.iter_modules(modelsearch_whoosh.__path__):
        importlib.import_module(f"modelsearch_whoosh.{module.name}")
    loaded = {name.split(".")[0] for name in sys.modules}
    assert loaded & {"wagtail", "cms", "exchange", "matching", "demo", "config"} == set()
