from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from tqdm import tqdm

from demo.library import ensure_index_pages
from demo.synthetic import generate_library


class Command(BaseCommand):
    help = "Add a large synthetic practice library (published pages) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=20_000)
        parser.add_argument("--organisations", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same library.")

    def handle(self, *args, practices: int, organisations: int, seed: int, **options):
        if practices < 0 or organisations < 0:
            raise CommandError("--practices and --organisations must be zero or more.")
        if practices and not organisations:
            raise CommandError("Practices need organisations: give --organisations 1 or more.")
        ensure_index_pages(Site.objects.get(is_default_site=True).root_page.specific)
        with tqdm(
            total=practices + organisations,
            unit="page",
            file=self.stderr._out,
            disable=options["verbosity"] == 0,
        ) as bar:
            generate_library(
                practices=practices, organisations=organisations, seed=seed, progress=bar.update
            )
        self.stdout.write(
            self.style.SUCCESS(f"Added {organisations} organisations and {practices} practices.")
        )
