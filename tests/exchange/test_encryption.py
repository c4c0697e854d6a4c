"""Reflection text at rest: encrypted under the configured keys, rotatable, and refused without
a key outside development."""

import stat

from django.core.exceptions import ImproperlyConfigured

import pytest
from cryptography.fernet import Fernet

from exchange import encryption

MARKER = "Reflection marker 7f3a: a client's faith and record"


def test_the_text_round_trips_and_the_token_shows_none_of_it():
    token = encryption.encrypt(MARKER)
    assert MARKER not in token and "marker" not in token.lower()
    assert encryption.decrypt(token) == MARKER


def test_a_new_key_first_rotates_the_old_tokens(settings):
    old = settings.REFLECTION_KEYS[0]
    token = encryption.encrypt(MARKER)
    new = Fernet.generate_key().decode()
    settings.REFLECTION_KEYS = [new, old]
    rotated = encryption.rotate(token)
    settings.REFLECTION_KEYS = [new]
    assert encryption.decrypt(rotated) == MARKER
    with pytest.raises(encryption.InvalidToken):
        encryption.decrypt(token)


def test_without_a_key_production_refuses(settings):
    settings.REFLECTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="REFLECTION_KEYS"):
        encryption.encrypt(MARKER)
    assert [error.id for error in encryption.keys_configured(None)] == ["exchange.E001"]


def test_development_makes_a_private_key_under_var(settings, tmp_path):
    settings.REFLECTION_KEYS, settings.DEBUG = [], True
    settings.REFLECTION_DEVELOPMENT_KEY = tmp_path / "var" / "reflection.key"
    assert encryption.keys_configured(None) == []
    token = encryption.encrypt(MARKER)
    assert encryption.decrypt(token) == MARKER  # the same key, read again
    mode = settings.REFLECTION_DEVELOPMENT_KEY.stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


@pytest.mark.django_db
def test_rotating_re_encrypts_every_kind_so_the_new_key_alone_reads_them_all(
    network, entry, coordinator, settings
):
    """After the README's procedure (new key first, rotate, drop the old key) every encrypted
    column and second factor reads back: rotation finds the fields by their type."""
    from io import StringIO

    from django.core.management import call_command

    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, hotp_value, yield_hotp_counters_from_time

    from cms.models import PracticeIndexPage
    from demo.page_factories import make_practice
    from exchange.excerpts import services as excerpts
    from exchange.excerpts.models import ExcerptVersion
    from exchange.outbox import QueuedEmail
    from exchange.surveys import services as surveys
    from exchange.surveys.models import SurveyAnswer, SurveyKind
    from exchange.transfer.models import Concern, FollowUp, PassedOn, PracticeSeen
    from exchange.visits import messages
    from exchange.visits.models import VisitMessage
    from tests.exchange.conftest import CLEAN
    from tests.exchange.surveys.test_surveys import answers_for

    flagged = f"{MARKER}, since 12 March 2024."
    excerpt = excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=flagged,
        attribution="anonymous",
        reasons={"date:12 March 2024": "A public date."},
        checklist=set(excerpts.CHECKLIST),
    )
    excerpts.excerpt_suggest(
        excerpt_id=excerpt.pk, user=coordinator, text=MARKER, reason="Shorter, no date."
    )
    messages.message_send(visit_id=entry.visit_id, user=network.host, text="See you at nine.")
    survey = surveys.survey_for(SurveyKind.AFTER_VISIT, entry.visit.ends_on.year)
    surveys.response_save(
        visit_id=entry.visit_id,
        user=network.visitor,
        kind=SurveyKind.AFTER_VISIT,
        answers=answers_for(survey),
        submit=True,
    )
    QueuedEmail.objects.create(sender="site@demo.example", recipients="[]", message="d2FpdGluZw==")
    practice = make_practice(PracticeIndexPage.objects.first())
    seen = PracticeSeen.objects.create(
        visit=entry.visit,
        visitor=network.visitor,
        practice=practice,
        practice_key=practice.translation_key,
        intention="adapt",
        intention_why="Younger clients.",
    )
    FollowUp.objects.create(seen=seen, month=3, status="adapting", note="Slowly.")
    PassedOn.objects.create(
        visit=entry.visit,
        author=network.visitor,
        kind="training",
        on=entry.visit.ends_on,
        colleagues=4,
        note="A morning.",
    )
    Concern.objects.create(
        practice=practice, practice_title="P", reporter=network.visitor, text="A worry."
    )
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(network.visitor, secret)
    codes = RecoveryCodes.activate(network.visitor).get_unused_codes()
    stored = {row.pk: row.data for row in Authenticator.objects.filter(user=network.visitor)}
    assert secret not in str(stored) and "seed" in str(stored)  # not in the clear

    old, new = settings.REFLECTION_KEYS[0], Fernet.generate_key().decode()
    settings.REFLECTION_KEYS = [new, old]
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    rotated = {model._meta.label for model, _names in encryption.encrypted_fields()}
    assert rotated == {
        "exchange.EntryVersion",
        "exchange.ExcerptVersion",
        "exchange.QueuedEmail",
        "exchange.SurveyAnswer",
        "exchange.VisitMessage",
        "exchange.PracticeSeen",
        "exchange.FollowUp",
        "exchange.PassedOn",
        "exchange.Concern",
    }
    for label in rotated:
        assert f"{label}: 0 row(s)" not in out.getvalue(), label  # each kind was really rotated
    settings.REFLECTION_KEYS = [new]

    assert entry.versions.get().text.startswith(CLEAN)
    versions = list(ExcerptVersion.objects.filter(excerpt=excerpt).order_by("number"))
    assert [version.text for version in versions] == [flagged, MARKER]
    assert versions[0].kept_findings[0]["reason"] == "A public date."
    assert versions[1].reason == "Shorter, no date."
    assert VisitMessage.objects.get().text == "See you at nine."
    assert QueuedEmail.objects.get().message == "d2FpdGluZw=="
    assert SurveyAnswer.objects.exclude(text="").get().text == "Useful."
    assert PracticeSeen.objects.get().intention_why == "Younger clients."
    assert FollowUp.objects.get().note == "Slowly." and PassedOn.objects.get().note == "A morning."
    assert Concern.objects.get().text == "A worry."
    mine = Authenticator.objects.filter(user=network.visitor)
    totp = TOTP(mine.get(type=Authenticator.Type.TOTP))
    counter = next(iter(yield_hotp_counters_from_time()))
    assert totp.validate_code(f"{hotp_value(secret, counter):06d}")
    recovery = RecoveryCodes(mine.get(type=Authenticator.Type.RECOVERY_CODES))
    assert recovery.get_unused_codes() == codes
