"""Benchmark the daily digests: every member's day of notifications in one e-mail each.

    .venv/bin/python bench/digests.py [--members 5000] [--per-member 20] [--baseline-members 500]

Builds the members and their notifications in a fresh SQLite database (bulk inserts: the
workflow that makes notifications is what the test suite covers), then times
exchange.notifications.digests.send_digests() once for everyone, through Django's in-memory
mail backend (the building and handing over, not a mail server's speed). The baseline, in the
same run: the same notifications sent as one e-mail each, as before digests, through the path of
an e-mail sent at once (notifications.email: the reader's language, the footer, the signed
unsubscribe headers; its body the digest template's, about an e-mail's size), timed for
--baseline-members members and shown per e-mail and for the whole set at that rate.
Target (issue 39): 5,000 members with 20 each in <= 30 s.
The last line is a summary of key=value figures.
"""

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from cpu import cpu_reference_s  # bench/cpu.py: the script's directory is on sys.path
from throwaway import configure

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 30.0
TOPICS = 4  # visits a member hears of in a day


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--per-member", type=int, default=20)
    parser.add_argument("--baseline-members", type=int, default=500)
    args = parser.parse_args()
    print(f"cpu reference: {cpu_reference_s():.2f} s")
    configure(Path(tempfile.mkdtemp(prefix="bench-digests-")), EMAIL_URL="memorymail://")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return measure(args)


def build(members: int, per_member: int, made: dt.datetime) -> list:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from exchange.notifications.models import Notification

    User = get_user_model()
    people = User.objects.bulk_create(
        User(
            username=f"bench-member-{n}",
            email=f"bench-member-{n}@demo.example",
            first_name="Fictional",
            last_name=f"Member {n}",
            password=UNUSABLE_PASSWORD_PREFIX,  # nobody signs in to a benchmark
        )
        for n in range(members)
    )
    Notification.objects.bulk_create(
        (
            Notification(
                recipient=person,
                kind="visit",
                subject=f"Fictional step {n} of the visit",
                topic=f"Visit to Fictional Host {n % TOPICS}",
                link=f"/visits/{n % TOPICS + 1}/",
                channel="daily",
                created_at=made,
            )
            for person in people
            for n in range(per_member)
        ),
        batch_size=5000,
    )
    return people


def measure(args) -> int:
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    from exchange import notifications
    from exchange.notifications import digests, kinds

    call_command("migrate", verbosity=0)
    settings.NOTIFICATION_DIGEST_AT = "07:00"
    made = dt.datetime(2027, 3, 1, 18, 0, tzinfo=dt.UTC)
    started = time.perf_counter()
    people = build(args.members, args.per_member, made)
    events = args.members * args.per_member
    print(
        f"built {args.members:,} members with {args.per_member} notifications each "
        f"({events:,}) in {time.perf_counter() - started:.1f} s"
    )

    # The baseline: one e-mail per event, as each step sent its own before digests.
    sample = people[: args.baseline_members]
    mail.outbox = []
    begin = time.perf_counter()
    for person in sample:
        messages = [
            notifications.email(
                person,
                "Fictional step %(n)s of the visit",
                "exchange/notifications/email/digest.txt",
                {"n": n, "groups": [], "link": f"/visits/{n % TOPICS + 1}/"},
                kind=kinds.VISIT,
            )
            for n in range(args.per_member)
        ]
        notifications.send_now(messages)
    baseline_s = time.perf_counter() - begin
    per_mail_ms = baseline_s / (len(sample) * args.per_member) * 1000
    print(
        f"baseline, one e-mail per event: {len(mail.outbox):,} e-mails in {baseline_s:.1f} s "
        f"({per_mail_ms:.2f} ms each; {per_mail_ms * events / 1000:.0f} s for all {events:,})"
    )

    mail.outbox = []
    begin = time.perf_counter()
    sent = digests.send_digests(made + dt.timedelta(hours=14))  # 08:00 the next day, UTC
    digest_s = time.perf_counter() - begin
    assert sent == args.members == len(mail.outbox), (sent, len(mail.outbox))
    print(
        f"daily digests: {sent:,} e-mails carrying {events:,} notifications in {digest_s:.1f} s "
        f"(target {TARGET_S:.0f} s at 5,000 members: "
        f"{'met' if digest_s <= TARGET_S * args.members / 5000 else 'NOT met'})"
    )
    again = digests.send_digests(made + dt.timedelta(hours=15))
    print(f"run again in the same slot: {again} sent")
    print(
        f"summary members={args.members} events={events} digest_s={digest_s:.2f} "
        f"baseline_ms_per_mail={per_mail_ms:.2f} "
        f"baseline_all_s={per_mail_ms * events / 1000:.1f} repeat_sent={again}"
    )
    return 0 if digest_s <= TARGET_S * args.members / 5000 and again == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
