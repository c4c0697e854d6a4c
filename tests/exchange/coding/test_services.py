"""Coding through the services: spans in code points on the consented words, codes reused by
name, rename and merge, and every refusal a clear message that changes nothing."""

import pytest

from demo.factories import make_excerpt
from exchange.coding import selectors
from exchange.coding import services as coding
from exchange.coding.models import Code, CodedSpan, Theme
from exchange.excerpts import services as excerpts

pytestmark = pytest.mark.django_db

TEXT = "Die Mütter sprechen zuerst 🙂; then the team listens, and the team writes nothing down."


def code(coordinator, excerpt, passage, codes, start=None):
    return coding.span_code(
        excerpt_id=excerpt.pk, user=coordinator, passage=passage, start=start, codes=codes
    )


def test_a_span_is_counted_in_code_points_and_codes_are_reused_by_name(entry, coordinator):
    excerpt = make_excerpt(entry, TEXT)
    [span] = code(coordinator, excerpt, "the team listens", "listening first")
    # "🙂" is one code point (two UTF-16 units, four bytes): the offsets count it once.
    assert (span.start, span.end) == (TEXT.index("the team listens"), TEXT.index(","))
    assert TEXT[span.start : span.end] == "the team listens"
    spans = code(coordinator, excerpt, "the team", "Listening First, roles", start=57)
    assert {s.tag.name for s in spans} == {"listening first", "roles"}  # one code, any case
    assert all(TEXT[s.start : s.end] == "the team" and s.start == 57 for s in spans)
    assert Code.objects.count() == 2
    # The second "the team" was coded, as the selection said; without it, the first.
    [first] = code(coordinator, excerpt, "the team", "roles")
    assert first.start == TEXT.index("the team")


def test_refusals_change_nothing(entry, coordinator, network):
    excerpt = make_excerpt(entry, TEXT)
    refusals = [
        ({"user": network.visitor}, "Only the coordinators"),
        ({"passage": "not in the text"}, "not in the excerpt"),
        ({"passage": "  "}, "Select the words"),
        ({"codes": " , "}, "at least one code"),
        ({"codes": "x" * 101}, "at most 100"),
    ]
    for changes, message in refusals:
        arguments = {
            "excerpt_id": excerpt.pk,
            "user": coordinator,
            "passage": "the team",
            "start": None,
            "codes": "a",
        }
        with pytest.raises(coding.CodingError, match=message):
            coding.span_code(**{**arguments, **changes})
    excerpts.excerpt_withdraw(excerpt_id=excerpt.pk, user=excerpt.author)
    with pytest.raises(coding.CodingError, match="no consent in force"):
        code(coordinator, excerpt, "the team", "a")
    assert not CodedSpan.objects.exists() and not Code.objects.exists()


def test_private_excerpts_are_coded_too(entry, coordinator):
    excerpt = make_excerpt(entry, TEXT, "private")
    assert code(coordinator, excerpt, "Die Mütter", "mothers")


def test_codes_are_renamed_and_merged(entry, coordinator):
    excerpt = make_excerpt(entry, TEXT)
    [listening] = code(coordinator, excerpt, "the team listens", "listening")
    [also] = code(coordinator, excerpt, "the team listens", "hearing")
    [other] = code(coordinator, excerpt, "writes nothing down", "hearing")
    theme = Theme.objects.create(title="Families first")
    theme.codes.add(also.tag)
    with pytest.raises(coding.CodingError, match="exists: merge"):
        coding.code_edit(
            code_id=listening.tag.pk, user=coordinator, name="HEARING", description="", memo=""
        )
    coding.code_edit(
        code_id=also.tag.pk, user=coordinator, name="hearing out", description="d", memo="m"
    )
    with pytest.raises(coding.CodingError, match="into itself"):
        coding.code_merge(source_id=also.tag.pk, target_id=also.tag.pk, user=coordinator)

    target = coding.code_merge(source_id=also.tag.pk, target_id=listening.tag.pk, user=coordinator)
    assert not Code.objects.filter(name="hearing out").exists()
    # The span both codes were on is kept once; the other span moved; the theme follows.
    assert sorted((s.start, s.end) for s in target.spans.all()) == sorted(
        [(listening.start, listening.end), (other.start, other.end)]
    )
    assert list(theme.codes.all()) == [target]
    assert target.memo == "hearing out: m" and target.description == "d"


def test_the_codebook_counts_excerpts_visits_and_codes_that_occur_together(entry, coordinator):
    first = make_excerpt(entry, TEXT)
    second = make_excerpt(entry, "The team writes nothing down.")
    code(coordinator, first, "the team listens", "listening, trust")
    code(coordinator, second, "writes nothing down", "trust")
    rows = {row.code.name: row for row in selectors.codebook()}
    assert (rows["trust"].excerpts, rows["trust"].visits) == (2, 1)
    assert [(c.name, n) for c, n in rows["trust"].together] == [("listening", 1)]
    assert [(c.name, n) for c, n in rows["listening"].together] == [("trust", 1)]
