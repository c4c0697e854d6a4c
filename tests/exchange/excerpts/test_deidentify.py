"""The de-identification gate's checker, on the labelled set of synthetic sentences: the targets
of issue 18 per kind of personal data, offsets in code points, and the coordinators' own case
number patterns."""

import signal

from django.core.exceptions import ValidationError

import pytest

from exchange.excerpts import deidentify
from exchange.models.excerpts import PatternError, compile_pattern, validate_pattern
from tests.exchange.excerpts.deidentify_cases import LABELLED, evaluate

RECALL = {"email": 0.95, "phone": 0.95, "date": 0.95, "case_number": 0.95}
RECALL |= {"name": 0.8, "address": 0.8}


def test_the_labelled_set_is_large_enough_to_measure():
    assert len(LABELLED) >= 80
    kinds = {kind for case in LABELLED for kind, _start, _end in case.spans}
    assert kinds == set(deidentify.KINDS)
    assert sum(not case.spans for case in LABELLED) >= 25  # sentences to raise no alarm


@pytest.mark.parametrize("kind", deidentify.KINDS)
def test_each_kind_is_found_as_often_as_the_targets_ask(kind):
    score = evaluate(deidentify.find)[kind]
    assert score.recall >= RECALL[kind], f"{kind}: recall {score.recall:.2f}"


def test_few_false_alarms_overall():
    scores = evaluate(deidentify.find).values()
    precision = sum(s.right for s in scores) / sum(s.found for s in scores)
    assert precision >= 0.8


def test_offsets_count_code_points():
    text = "Écrit 🙂 par l'équipe : e\u0301crivez à claire.b@exemple-asso.fr demain."
    [finding] = deidentify.find(text)
    assert finding.kind == "email"
    assert text[finding.start : finding.end] == "claire.b@exemple-asso.fr"
    assert finding.start == text.index("claire.b")  # not a byte offset


def test_the_coordinators_case_number_patterns_are_found_too():
    text = "The youth office keeps it under JA/77/K-19."
    assert not deidentify.find(text)
    patterns = [compile_pattern(r"JA/\d+/K-\d+")]
    [finding] = deidentify.find(text, patterns)
    assert (finding.kind, finding.text) == ("case_number", "JA/77/K-19")
    with pytest.raises(PatternError, match="missing \\)"):
        compile_pattern("(unclosed")


def test_a_catastrophic_pattern_checks_a_long_text_in_linear_time():
    """(a+)+$ on Python's engine takes time doubling with each character: on this text, longer
    than the universe's age. RE2 answers at once; an alarm fails the test instead of a hang."""
    pattern = compile_pattern(r"(a+)+$")
    text = "a" * 5_000 + "!"
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the check never ended"))
    signal.alarm(20)
    try:
        assert deidentify.find(text, [pattern]) == []
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "pattern,reason",
    [(r"(a)\1", "invalid escape sequence"), (r"(?<=JA)/\d+", "invalid perl operator")],
)
def test_a_pattern_re2_cannot_run_is_refused_with_its_reason(pattern, reason):
    with pytest.raises(ValidationError, match=reason) as refused:
        validate_pattern(pattern)
    assert "linear time" in str(refused.value)


def test_an_ordinary_word_that_is_also_a_name_is_not_a_name_alone():
    assert not deidentify.find("Can we come back in May? Will the team grow?")
    [finding] = deidentify.find("The mentor, Will Turner, had left the group himself.")
    assert finding.text == "Will Turner"
