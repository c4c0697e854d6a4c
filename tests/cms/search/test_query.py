"""The search box's words as people type them: OR, quotes, minus, AND."""

from modelsearch.query import And, Not, Or, Phrase, PlainText

from cms.search.query import parse


def test_plain_words_must_all_appear():
    query = parse("mentoring prison family").query()
    assert isinstance(query, PlainText) and query.operator == "and"
    assert query.query_string == "mentoring prison family"


def test_or_joins_the_words_on_either_side_and_every_clause_is_required():
    query = parse("prison OR probation family").query()
    assert isinstance(query, And)
    words, either = query.subqueries
    assert words.query_string == "family"
    assert isinstance(either, Or)
    assert [q.query_string for q in either.subqueries] == ["prison", "probation"]


def test_quotes_keep_words_together_and_a_minus_leaves_out():
    parsed = parse('"first call" -online -"social media" AND parents')
    query = parsed.query()
    assert isinstance(query, And)
    kinds = [type(part) for part in query.subqueries]
    assert kinds == [PlainText, Phrase, Not, Not]
    assert parsed.wanted == "first call parents"
    assert isinstance(query.subqueries[3].subquery, Phrase)


def test_any_word_makes_every_word_and_phrase_an_alternative():
    query = parse('exit prison "family work" -online').query(any_word=True)
    assert isinstance(query, And)
    either, leave_out = query.subqueries
    assert isinstance(either, Or) and isinstance(leave_out, Not)
    assert either.subqueries[0].operator == "or"


def test_nothing_to_search_for_is_none():
    for text in ("", "OR", "AND OR", "-online", '""', "-", '-"x"'):
        assert parse(text).query() is None, text


def test_an_unclosed_quote_or_lowercase_or_is_read_kindly():
    assert parse('"first call').query().query_string == "first call"
    assert parse("prison or probation").query().query_string == "prison or probation"
