"""Excerpts and the consent ledger through their services: the gate, consent to one exact text,
edits as new versions the author must approve, withdrawal, and every refusal a clear message
that changes nothing."""

from django.db import DatabaseError, connection, transaction

import pytest

from exchange.append_only import AppendOnlyError
from exchange.excerpts import services as excerpts
from exchange.excerpts.models import ConsentEvent, Excerpt, ExcerptVersion, text_digest
from tests.exchange.conftest import CLEAN

pytestmark = pytest.mark.django_db

ALL_CONFIRMED = set(excerpts.CHECKLIST)


def propose(entry, text=CLEAN, attribution="anonymous", reasons=None, checklist=ALL_CONFIRMED):
    return excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=text,
        attribution=attribution,
        reasons=reasons or {},
        checklist=checklist,
    )


def test_proposing_passes_the_gate_and_consents_to_the_exact_text(entry):
    flagged = f"{CLEAN} The mother, Mrs Berisha, called on 12 March 2024."
    with pytest.raises(excerpts.GateError) as refused:
        propose(entry, flagged)
    assert {f.kind for f in refused.value.findings} == {"name", "date"}
    with pytest.raises(excerpts.GateError, match="checklist"):
        propose(entry, checklist={"no_names"})
    assert not Excerpt.objects.exists() and not ConsentEvent.objects.exists()

    kept = {"date:12 March 2024": "The date of a public event, not of the client."}
    with pytest.raises(excerpts.GateError):
        propose(entry, flagged, reasons=kept)  # the name is still there, undecided
    excerpt = propose(entry, f"{CLEAN} It began on 12 March 2024.", reasons=kept)
    consent = excerpts.live_consent(excerpt)
    assert consent.text == f"{CLEAN} It began on 12 March 2024."
    assert consent.event.digest == text_digest(consent.text) and consent.attribution == "anonymous"
    assert consent.version.kept_findings == [
        {"kind": "date", "text": "12 March 2024", "reason": kept["date:12 March 2024"]}
    ]
    assert excerpt.goal == entry.goal and excerpt.visit_id == entry.visit_id


def test_nfc_and_nfd_spellings_bind_one_consent():
    assert text_digest("e\u0301ducatrice") == text_digest("\u00e9ducatrice")


def test_a_coordinators_edit_waits_for_the_author_who_approves_that_very_version(
    entry, coordinator
):
    excerpt = propose(entry)
    suggested = excerpts.excerpt_suggest(
        excerpt_id=excerpt.pk,
        user=coordinator,
        text="The team reads the family's words aloud first.",
        reason="Shorter.",
    )
    assert excerpts.live_consent(excerpt).text == CLEAN  # the consented version stands
    with pytest.raises(excerpts.ExcerptError, match="not this version's"):
        excerpts.excerpt_approve(
            excerpt_id=excerpt.pk,
            user=entry.author,
            number=suggested.number,
            digest=text_digest("a forged text"),
            reasons={},
            checklist=ALL_CONFIRMED,
        )
    newer = excerpts.excerpt_suggest(
        excerpt_id=excerpt.pk, user=coordinator, text="Words first.", reason="Shorter still."
    )
    with pytest.raises(excerpts.ExcerptError, match="has since changed"):
        excerpts.excerpt_approve(
            excerpt_id=excerpt.pk,
            user=entry.author,
            number=suggested.number,
            digest=suggested.digest,
            reasons={},
            checklist=ALL_CONFIRMED,
        )
    excerpts.excerpt_approve(
        excerpt_id=excerpt.pk,
        user=entry.author,
        number=newer.number,
        digest=newer.digest,
        reasons={},
        checklist=ALL_CONFIRMED,
    )
    assert excerpts.live_consent(excerpt).text == "Words first."
    kinds = list(ConsentEvent.objects.values_list("kind", "version"))
    assert kinds == [("granted", 1), ("superseded", 1), ("granted", 3)]


def test_only_its_author_consents_and_only_coordinators_suggest(entry, coordinator, network):
    excerpt = propose(entry)
    with pytest.raises(excerpts.ExcerptError, match="Only the coordinators"):
        excerpts.excerpt_suggest(excerpt_id=excerpt.pk, user=network.host, text="x", reason="y")
    with pytest.raises(excerpts.ExcerptError, match="not yours"):
        excerpts.excerpt_withdraw(excerpt_id=excerpt.pk, user=coordinator)
    with pytest.raises(excerpts.ExcerptError, match="your own submitted answers"):
        excerpts.excerpt_propose(
            entry_id=entry.pk,
            user=network.host,
            text=CLEAN,
            attribution="named",
            reasons={},
            checklist=ALL_CONFIRMED,
        )
    assert excerpts.may_read(excerpt, coordinator) and excerpts.may_read(excerpt, entry.author)
    assert not excerpts.may_read(excerpt, network.host)


def test_withdrawing_ends_the_consent_once(entry):
    excerpt = propose(entry)
    excerpts.excerpt_withdraw(excerpt_id=excerpt.pk, user=entry.author)
    assert excerpts.live_consent(excerpt) is None
    with pytest.raises(excerpts.ExcerptError, match="withdrawn already"):
        excerpts.excerpt_withdraw(excerpt_id=excerpt.pk, user=entry.author)
    assert ConsentEvent.objects.filter(kind="withdrawn").count() == 1


@pytest.mark.parametrize(
    ("text", "attribution", "message"),
    [
        ("", "anonymous", "needs some words"),
        ("x" * 1_501, "anonymous", "at most 1,500"),
        ("a\x00b", "anonymous", "NUL"),
        (CLEAN, "famous", "how the excerpt may be attributed"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(entry, text, attribution, message):
    with pytest.raises(excerpts.ExcerptError, match=message):
        propose(entry, text, attribution)
    assert not Excerpt.objects.exists() and not ConsentEvent.objects.exists()


def test_a_version_whose_words_were_changed_behind_the_ledger_shows_nothing(entry):
    """Whatever shows a quote checks the words against the consent: text slipped into the
    database under the consented version is not shown."""
    excerpt = propose(entry)
    ExcerptVersion.objects.filter(excerpt=excerpt).update(text="Words nobody consented to.")
    assert excerpts.live_consent(excerpt) is None


def test_the_ledger_cannot_be_edited_or_deleted(entry):
    excerpt = propose(entry)
    event = ConsentEvent.objects.get(excerpt_id=excerpt.pk)
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.filter(pk=event.pk).update(kind="withdrawn")
    with pytest.raises(AppendOnlyError):
        event.delete()
    for sql in (
        "UPDATE exchange_consentevent SET digest = 'forged' WHERE id = %s",
        "DELETE FROM exchange_consentevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert ConsentEvent.objects.get(pk=event.pk).digest == event.digest


def test_the_database_holds_no_excerpt_in_clear(entry):
    propose(entry)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM exchange_excerptversion")
        stored = cursor.fetchone()[0]
    assert "family" not in stored
