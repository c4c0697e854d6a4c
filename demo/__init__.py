"""The fictional demo network and the synthetic data, in one place, beside the factories the
tests build with (factories.py, page_factories.py). The demo is seeded by `manage.py seed_demo`
for a newcomer's site and the browser tests; the benchmarks generate at scale the library
(synthetic.py, `manage.py generate_library`), a round's applications and offers, and years of
visits with their reflections and survey answers (synthetic_exchange.py). Above every other
package: it may use any of them, and none uses it."""
