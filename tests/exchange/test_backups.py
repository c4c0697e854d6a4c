"""The backup drill: back up, change and erase data, restore, replay the erasures, and find the
site exactly as the backup had it, minus whoever asked to be erased since. On the run's own
database: SQLite's online backup API, or pg_dump and pg_restore."""

import binascii
import json
import re
import stat
import subprocess
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.db.models import ForeignKey
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest
from allauth.usersessions.models import UserSession

from demo.factories import PASSWORD, UserFactory
from exchange.backups import services as backups
from exchange.personal_data.services import erase
from exchange.reflections import services as reflections
from exchange.reflections.models import EntryVersion
from tests.exchange.conftest import CLEAN, FLAGGED

User = get_user_model()
# Rows the restore itself rewrites, or that do not describe the site: the shared cache (cleared),
# sessions of the test client, the task queue, the schedule, and the indexes derived from the
# objects (the search index's tables; Wagtail's reference index, which the erasure re-saves).
NOT_SITE_DATA = {
    "sessions.session",
    "django_tasks_database.dbtaskresult",
    "cms.scheduledrun",
    "wagtailsearch.indexentry",
    "wagtailcore.referenceindex",
}
# Committed data: a restore replaces the database under the test's feet, as it does in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(deployed, tmp_path, entry, network):
    deployed(MEDIA_ROOT=tmp_path / "media", BACKUP_DIR=tmp_path / "backups")
    document = get_document_model().objects.create(
        title="Fictional visit programme",
        file=ContentFile(b"Day one: the family counselling team.", name="programme.txt"),
    )
    return {"entry": entry, "network": network, "document": document}


def site_data(without_user=None) -> dict[str, list[dict]]:
    """Every row of every model, by model, without the rows of `without_user`."""
    data = {}
    for model in apps.get_models():
        if model._meta.label_lower in NOT_SITE_DATA or model._meta.proxy:
            continue
        rows = model.objects.order_by("pk")
        if without_user is not None:
            if model is User:
                rows = rows.exclude(pk=without_user.pk)
            for field in model._meta.concrete_fields:
                if isinstance(field, ForeignKey) and field.related_model is User:
                    rows = rows.exclude(**{field.attname: without_user.pk})
        data[model._meta.label_lower] = list(rows.values())
    return data


def test_backup_change_erase_restore_replay_and_find_the_site_as_expected(site, settings):
    network, entry, document = site["network"], site["entry"], site["document"]
    folder = backups.backup()
    expected = site_data(without_user=network.outsider)

    # After the backup: a newcomer, an edited reflection, a deleted file, an erased member.
    UserFactory(email="newcomer@demo.example")
    reflections.entry_save(
        visit_id=entry.visit_id,
        user=network.visitor,
        phase=entry.phase,
        question_id=entry.question_id,
        goal=entry.goal,
        text="Rewritten after the backup.",
        submit=True,
    )
    document_id = document.pk
    document.file.delete()
    document.delete()
    erase(network.outsider)
    assert len(Path(settings.ERASURE_LOG).read_text().splitlines()) == 1

    call_command("restore", str(folder), "--no-input", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert site_data() == expected
    assert not User.objects.filter(pk=network.outsider.pk).exists()  # erased again
    assert not User.objects.filter(email="newcomer@demo.example").exists()
    texts = [version.text for version in EntryVersion.objects.filter(entry=entry)]
    assert texts == [f"{CLEAN} {FLAGGED}"]  # decrypted with the site's key
    restored = get_document_model().objects.get(pk=document_id)
    assert restored.file.read() == b"Day one: the family counselling team."


def test_a_backup_is_the_sites_users_alone_and_names_its_keys_never_holds_them(site, settings):
    folder = backups.backup()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["reflection_key_ids"] == backups.key_identifiers()
    everything = b"".join(path.read_bytes() for path in folder.iterdir())
    for key in settings.REFLECTION_KEYS:
        assert key.encode() not in everything
    # The reflection is in the database file as ciphertext only.
    assert CLEAN.encode() not in (folder / backups.CONNECTORS[manifest["database"]][1]).read_bytes()


def test_a_restore_refuses_a_backup_whose_key_the_site_lacks_or_whose_files_changed(site, settings):
    folder = backups.backup()
    original_keys = settings.REFLECTION_KEYS
    settings.REFLECTION_KEYS = ["bmV3LWtleS1uZXZlci1pbi1wcm9kdWN0aW9uLTMyYnk="]
    with pytest.raises(CommandError, match="keys this site does not have"):
        call_command("restore", str(folder), "--no-input")
    settings.REFLECTION_KEYS = original_keys

    with open(folder / "media.tar.gz", "ab") as archive:
        archive.write(b"tampered")
    with pytest.raises(CommandError, match="media.tar.gz is missing or changed"):
        call_command("restore", str(folder), "--no-input")
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(folder.parent), "--no-input")


def database_text(folder: Path) -> bytes:
    """What the backup's database file says, readable: SQLite's pages as they are, pg_dump's
    compressed archive as the SQL pg_restore would run."""
    manifest = json.loads((folder / "manifest.json").read_text())
    path = folder / backups.CONNECTORS[manifest["database"]][1]
    if manifest["database"] == "sqlite":
        return path.read_bytes()
    return subprocess.run(  # noqa: S603 (fixed arguments)
        ["pg_restore", "--file=-", str(path)],  # noqa: S607 (PostgreSQL's client, on PATH)
        capture_output=True,
        check=True,
    ).stdout


def test_a_backup_holds_no_session_and_no_cache_and_a_restore_signs_everyone_out(
    site, client, settings
):
    """A session key read from a backup signed its holder in; cached PDFs kept withdrawn words;
    a queued invitation's link made an account."""
    visitor = site["network"].visitor
    signed_in = client.post(
        reverse("account_login"), {"login": visitor.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert UserSession.objects.filter(session_key=key).exists()
    cached = "withdrawn-words-4c1e in a cached PDF"
    caches["default"].set("pdf-of-a-chapter", cached)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "exchange.mail.QueuedEmailBackend"
    link = "https://exchange.example.org/accounts/invitation/q-secret-token-7781/"
    EmailMessage("You are invited", link, to=["queued.invitee@demo.example"]).send()

    folder = backups.backup()
    held = database_text(folder)
    assert key.encode() not in held
    assert cached.encode() not in held
    # As one who reads the backup would: base64 (a queued message on the wire) decoded too.
    decoded = b"".join(
        binascii.a2b_base64(chunk[: len(chunk) - len(chunk) % 4])
        for chunk in re.findall(rb"[A-Za-z0-9+/]{40,}", held)
    )
    for secret in (b"q-secret-token-7781", b"queued.invitee"):
        assert secret not in held and secret not in decoded
    assert visitor.email.encode() in held  # the site's data is there

    call_command("restore", str(folder), "--no-input", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Session.objects.exists() and not UserSession.objects.exists()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
