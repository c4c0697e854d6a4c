"""A member's personal data: the export covers every model that refers to them; deletion erases
them, keeps what others need without their name, ends their sessions, and can be replayed."""

import hashlib
import io
import json
import zipfile

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry, Revision

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

from cms.models import Challenge, Language
from demo.factories import PASSWORD, UserFactory, apply
from demo.page_factories import make_library, make_organisation, make_practice
from exchange.membership import services as invitations
from exchange.membership.models import Invitation, Profile, ProfileLanguage
from exchange.personal_data import services as personal_data
from exchange.personal_data.export import export, sections
from exchange.personal_data.export import export as export_of
from exchange.visits.models import Visit

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def member(home_page):
    """A member who accepted an invitation, has a profile, proposed a practice."""
    library, organisations = make_library(home_page)
    harbour = make_organisation(organisations, title="Fictional Harbour Exit Project")
    coordinator = UserFactory(first_name="Fictional", last_name="Coordinator")
    invitation = invitations.invite("ada.member@demo.example", harbour, coordinator)
    user = UserFactory(email="ada.member@demo.example", first_name="Ada", last_name="Fictional")
    invitation.accepted_by = user
    invitation.save()
    profile = Profile.objects.create(
        user=user, organisation=harbour, role="Family counsellor", biography="Fictional bio."
    )
    ProfileLanguage.objects.create(profile=profile, language=Language.vocabulary.get(slug="de"))
    profile.challenges_faced.add(Challenge.vocabulary.get(slug="mentoring"))
    practice = make_practice(library, title="Harbour exit mentoring", organisation=harbour)
    practice.owner = user
    practice.save()
    practice.save_revision(user=user, log_action=True)
    return user


def sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def with_password_again(client, url, data=None):
    """POST to a view that asks for the password again: allauth asks, then resumes the POST."""
    response = client.post(url, data or {})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    return client.post(response.url, {"password": PASSWORD})


def test_every_relation_to_the_user_is_in_the_export():
    relations = {
        (field.model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.related_model is User
        and not field.auto_created
        and field.model is model  # a page type inherits Page's owner: Page covers it
    }
    covered = {(section.model, section.user_field) for section in sections()}
    assert relations - covered == set(), "add a Section to exchange/personal_data/services.py"
    assert covered - relations == set()


def test_a_member_downloads_everything_about_them(client, member):
    other = UserFactory(email="someone.else@demo.example")
    sign_in(client, member)
    page = client.get(reverse("personal_data"))
    assert page.status_code == 200
    assert reverse("export_personal_data") in page.content.decode()

    response = with_password_again(client, reverse("export_personal_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    readme = archive.read("README.txt").decode()
    files = {
        name: json.loads(archive.read(name))
        for name in archive.namelist()
        if name.endswith(".json")
    }
    # A file for each kind of data that holds something, none for the empty ones, and a README.
    assert all(files.values()) and "calendar_feed.json" not in files
    assert "- account.json" in readme and "- calendar_feed.json" not in readme

    assert files["account.json"]["email"] == "ada.member@demo.example"
    assert files["email_addresses.json"] == [
        {"email": "ada.member@demo.example", "verified": True, "primary": True}
    ]
    assert files["profile.json"][0]["role"] == "Family counsellor"
    assert files["profile_languages.json"] == [{"language__name": "German", "level": "working"}]
    assert files["profile_challenges_faced.json"] == ["Mentoring"]
    assert files["invitation_accepted.json"][0]["organisation__title"] == (
        "Fictional Harbour Exit Project"
    )
    assert [page["title"] for page in files["pages_owned.json"]] == ["Harbour exit mentoring"]
    assert files["revisions.json"][0]["object_str"] == "Harbour exit mentoring"
    assert files["sessions.json"] and files["page_history.json"]
    assert {f"{s.name}.json" for s in sections() if export(member)[s.name]} <= set(files)
    everything = response.content.decode("latin-1") + json.dumps(files)
    assert "someone.else" not in everything and other.email not in everything


def test_the_export_holds_no_secret(client, member):
    sign_in(client, member)
    Authenticator.objects.create(user=member, type="totp", data={"secret": "SECRET-TOTP-SEED"})
    response = with_password_again(client, reverse("export_personal_data"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    text = "".join(archive.read(name).decode() for name in archive.namelist())
    assert '"type": "totp"' in text
    assert "SECRET-TOTP-SEED" not in text
    assert member.password not in text and "session_key" not in text


def test_export_and_deletion_ask_for_the_password_again(client, member):
    sign_in(client, member)  # signing in is not enough: the password is asked again
    for name in ("export_personal_data", "delete_account"):
        response = client.post(reverse(name), {"confirm": "on"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_reauthenticate"))
        wrong = client.post(response.url, {"password": "not-the-password"})
        assert wrong.status_code == 200  # the form again, with an error
    assert User.objects.filter(pk=member.pk).exists()


def test_deletion_needs_the_box_ticked(client, member):
    sign_in(client, member)
    response = with_password_again(client, reverse("delete_account"))
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_a_member_deletes_their_account(client, member, erasure_log):
    other_device = sign_in(type(client)(), member)
    sign_in(client, member)
    assert UserSession.objects.filter(user=member).count() == 2
    practice_pk = member.owned_pages.get().pk

    response = with_password_again(client, reverse("delete_account"), {"confirm": "on"})
    assert response.status_code == 302

    # Gone: the account, addresses, profile, sessions on every device.
    assert not User.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email=member.email).exists()
    assert not Profile.objects.filter(user_id=member.pk).exists()
    assert not UserSession.objects.filter(user_id=member.pk).exists()
    assert client.get(reverse("profile")).status_code == 302
    assert other_device.get(reverse("profile")).status_code == 302
    # Kept for others, without the person.
    practice = apps.get_model("cms", "PracticePage").objects.get(pk=practice_pk)
    assert practice.owner is None
    assert Revision.objects.filter(object_id=str(practice_pk), user__isnull=True).exists()
    assert not PageLogEntry.objects.filter(user_id=member.pk).exists()
    assert PageLogEntry.objects.filter(page_id=practice_pk).exists()
    invitation = Invitation.objects.get(organisation__title="Fictional Harbour Exit Project")
    assert member.email not in invitation.email and invitation.accepted_by is None
    # Nor in the audit log's entries about that invitation (each labelled with it).
    labels = list(ModelLogEntry.objects.values_list("label", "data"))
    assert labels and member.email not in str(labels)
    # Logged outside the database, without the address itself.
    record = json.loads(erasure_log.read_text().splitlines()[-1])
    assert record["user_id"] == member.pk
    assert member.email not in erasure_log.read_text()
    # Nor a digest anyone holding the log can check a guessed address against.
    guessed = hashlib.sha256(member.email.lower().encode()).hexdigest()
    assert guessed not in erasure_log.read_text() and "email_sha256" not in record


def test_erasures_are_replayed_after_a_restore(client, member, erasure_log):
    sign_in(client, member)
    with_password_again(client, reverse("delete_account"), {"confirm": "on"})
    # A backup from before the deletion is restored: the account is back.
    restored = UserFactory(pk=member.pk, email=member.email, username="restored")
    unrelated = UserFactory(email="someone.new@demo.example")

    call_command("replay_erasures", verbosity=0)

    assert not User.objects.filter(pk=restored.pk).exists()
    assert User.objects.filter(pk=unrelated.pk).exists()


def test_replay_finds_the_address_after_a_key_rotation_and_in_an_older_log(
    member, erasure_log, settings
):
    from exchange.personal_data.services import erase

    pk, address = member.pk, member.email  # the instance forgets both when it is deleted
    erase(member)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 30
    restored = UserFactory(pk=pk, email=address, username="restored")
    # A line written before the digest was keyed (a plain SHA-256) is still replayed.
    older = UserFactory(email="older@demo.example")
    legacy = hashlib.sha256(b"older@demo.example").hexdigest()
    with open(erasure_log, "a") as log:
        log.write(json.dumps({"user_id": older.pk, "email_sha256": legacy, "erased_at": ""}) + "\n")
    call_command("replay_erasures", verbosity=0)
    assert not User.objects.filter(pk__in=[restored.pk, older.pk]).exists()


def test_replay_never_erases_someone_else_with_the_same_id(member, erasure_log):
    from exchange.personal_data.services import erase

    pk = member.pk  # the instance forgets it when it is deleted
    erase(member)
    newcomer = UserFactory(pk=pk, email="newcomer@demo.example")
    assert newcomer.pk == pk  # the same id, someone else
    call_command("replay_erasures", verbosity=0)
    assert User.objects.filter(pk=newcomer.pk).exists()


def test_a_user_deleted_in_the_admin_is_erased_the_same_way(client, member, erasure_log):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post(reverse("wagtailusers_users:delete", args=[member.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    invitation = Invitation.objects.get(organisation__title="Fictional Harbour Exit Project")
    assert member.email not in invitation.email
    assert not PageLogEntry.objects.filter(user_id=member.pk).exists()
    assert json.loads(erasure_log.read_text().splitlines()[-1])["user_id"] == member.pk


def test_a_replay_adds_no_line_to_the_log(client, member, erasure_log):
    from exchange.personal_data.services import erase

    erase(member)
    UserFactory(pk=member.pk, email=member.email, username="restored")
    call_command("replay_erasures", verbosity=0)
    assert not User.objects.filter(pk=member.pk).exists()
    assert len(erasure_log.read_text().splitlines()) == 1


def test_an_erased_visitors_visit_stays_without_them(network):
    """The visit still counts (host's records, the year's figures); the person and their own
    words are gone, and their visits are in their export before that."""
    application = apply(network.visitor, network.window)
    visit = application.visits.get()
    exported = export_of(network.visitor)
    assert exported["visits"][0]["state"] == "proposed"
    assert "online group" in exported["visit_applications"][0]["challenge_statement"]

    personal_data.erase(network.visitor)
    visit = Visit.objects.get(pk=visit.pk)
    application.refresh_from_db()
    assert visit.visitor is None and visit.window_id == network.window.pk
    assert application.applicant is None
    assert application.challenge_statement == "" and application.learning_goals == ""


def test_the_export_holds_the_reasons_for_kept_flags_and_the_words_of_suggestions(
    entry, coordinator
):
    from exchange.excerpts import services as excerpts

    excerpt = excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text="It began on 12 March 2024, at the team's first visit.",
        attribution="anonymous",
        reasons={"date:12 March 2024": "The date of a public event, not of a client."},
        checklist=set(excerpts.CHECKLIST),
    )
    excerpts.excerpt_suggest(
        excerpt_id=excerpt.pk,
        user=coordinator,
        text="It began at the team's first visit.",
        reason="Without the date: it could place the family.",
    )
    author = export_of(entry.author)["excerpt_versions"]
    assert author[0]["flags_kept"][0]["reason"] == "The date of a public event, not of a client."
    assert author[1]["reason"] == "Without the date: it could place the family."
    assert not author[1]["written_by_you"]
    suggested = export_of(coordinator)["excerpt_edits_suggested"]
    assert suggested[0]["text"] == "It began at the team's first visit."
    assert suggested[0]["reason"] == "Without the date: it could place the family."
