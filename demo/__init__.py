"""The fictional demo network and the synthetic data, in one place: built on the factories the
tests use (factories.py, page_factories.py), seeded by `manage.py seed_demo` for a newcomer's
site and the browser tests, and generated at scale for the benchmarks: the library
(synthetic.py, `manage.py generate_library`), a round's applications and offers and years of
visits with their reflections and survey answers (synthetic_exchange.py). Above every other package: it may use any of them, and none uses it."""
