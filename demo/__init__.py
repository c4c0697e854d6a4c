"""The fictional demo network and the synthetic data, in one place: built on the factories the
tests use (factories.py, page_factories.py), seeded by `manage.py seed_demo` for a newcomer's
site and the browser tests, and generated at scale (synthetic.py, `manage.py generate_library`)
for the benchmarks. Above every other package: it may use any of them, and none uses it."""
