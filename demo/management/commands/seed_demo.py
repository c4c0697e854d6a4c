from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from demo.coding import seed_coding
from demo.excerpts import seed_excerpt
from demo.indexing import indexes_each_save, indexing_afterwards
from demo.people import (
    DEMO_PASSWORD,
    seed_coordinator,
    seed_host,
    seed_member,
    seed_offers_and_visit,
)
from demo.publication import seed_publication
from demo.reflections import seed_visit_with_reflections
from demo.report import seed_report
from demo.site import seed_site_pages
from demo.year import seed_year
from exchange.reports.evidence import work_out_all


def mail_to_nobody():
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")


class Command(BaseCommand):
    help = (
        "Load the fictional demo network (pages and accounts). Safe to run again: it only adds "
        "what is missing and never overwrites content or passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-a-demo",
            action="store_true",
            dest="confirmed",
            help="Allow seeding with DEBUG off. Demo accounts have a published password.",
        )

    def handle(self, *args, confirmed: bool = False, **options):
        if not (settings.DEBUG or confirmed):
            raise CommandError(
                "seed_demo creates accounts with a published password, so it runs only with "
                "DEBUG on. On a demo server, pass --i-know-this-is-a-demo."
            )
        # The demo request notifies the demo host; the people are fictional, so the mail goes
        # nowhere instead of being printed before the accounts by the console backend. Where
        # saves are indexed as they are made, the demo is indexed once at the end instead
        # (update_index, 4 s, against half a minute at each of its saves).
        with (
            indexing_afterwards(index=indexes_each_save()),
            mail_to_nobody(),
            transaction.atomic(),
        ):
            pages = seed_site_pages()
            accounts = [seed_coordinator(), seed_member(), seed_host()]
            seed_offers_and_visit()
            seed_visit_with_reflections()
            seed_excerpt()
            seed_coding()
            seed_year()
            seed_publication()
            seed_report()
            # The practice pages' figures, here rather than after the commit: a test's
            # transaction never commits.
            work_out_all()

        for item in pages:
            self.stdout.write(f"Created {item}")
        self.stdout.write(self.style.SUCCESS("Demo network ready. Demo accounts:"))
        for account in accounts:
            password = DEMO_PASSWORD if account.password_is_demo else "(changed since seeding)"
            status = "created" if account.created else "exists"
            self.stdout.write(f"  {account.role:<12} {account.email:<32} {password}  [{status}]")
