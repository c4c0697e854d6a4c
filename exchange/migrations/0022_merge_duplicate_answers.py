"""Duplicate entries of one answer (visit, author, phase, question, goal, day), made by saves
that raced on PostgreSQL before entry_save locked the visit, merged before 0023 makes one entry
per answer a constraint. Merged as serialised saves would have left them: every submitted
version kept, in order, on the oldest entry; of several drafts, the newest (a later save
overwrites the draft); open shares and excerpts moved over. Reads keep their plain ids (the
read log only grows)."""

from django.db import migrations
from django.db.models import Count

SLOT = ("visit_id", "author_id", "phase", "question_id", "goal", "day")


def merge_duplicates(apps, schema_editor):
    Entry = apps.get_model("exchange", "ReflectionEntry")
    Version = apps.get_model("exchange", "EntryVersion")
    Share = apps.get_model("exchange", "EntryShare")
    Excerpt = apps.get_model("exchange", "Excerpt")
    groups = (
        Entry.objects.filter(question__isnull=False)
        .values(*SLOT)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    for group in groups:
        slot = {name: group[name] for name in SLOT}
        keep, *duplicates = Entry.objects.filter(**slot).order_by("pk")
        drafts = Version.objects.filter(entry__in=[keep, *duplicates], submitted=False)
        newest_draft = drafts.order_by("-saved_at", "-pk").first()
        drafts.exclude(pk=getattr(newest_draft, "pk", None)).delete()
        # Numbered again in order: the submitted versions by when they were saved, the draft
        # last; through numbers no version of the group holds, as (entry, number) is unique.
        ordered = list(
            Version.objects.filter(entry__in=[keep, *duplicates]).order_by(
                "-submitted", "saved_at", "pk"
            )
        )
        top = max((version.number for version in ordered), default=0)
        for offset, version in enumerate(ordered, start=1):
            version.entry_id, version.number = keep.pk, top + offset
            version.save(update_fields=["entry", "number"])
        for number, version in enumerate(ordered, start=1):
            version.number = number
            version.save(update_fields=["number"])
        for share in Share.objects.filter(entry__in=duplicates):
            already = Share.objects.filter(
                entry=keep, audience=share.audience, withdrawn_at__isnull=True
            ).exists()
            if already and share.withdrawn_at is None:
                share.delete()
            else:
                share.entry_id = keep.pk
                share.save(update_fields=["entry"])
        Excerpt.objects.filter(entry__in=duplicates).update(entry=keep)
        submitted = [e.submitted_at for e in (keep, *duplicates) if e.submitted_at]
        if submitted and keep.submitted_at is None:
            keep.submitted_at = min(submitted)
            keep.save(update_fields=["submitted_at"])
        Entry.objects.filter(pk__in=[d.pk for d in duplicates]).delete()


class Migration(migrations.Migration):
    dependencies = [("exchange", "0021_append_only_against_replace_and_truncate")]

    # The constraints come in 0023: PostgreSQL refuses to index a table with changes still
    # to check in the same transaction.
    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]
