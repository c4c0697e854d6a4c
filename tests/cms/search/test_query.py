"""The search box's words as people type them: most words, OR, AND, quotes, minus, synonyms."""

from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch_whoosh.query import AtLeast

from cms.search.query import (
    MAX_CLAUSES,
    MAX_EXCLUDED,
    MAX_SYNONYMS,
    SYNONYM_WEIGHT,
    minimum_should_match,
    parse,
)


def words(query) -> list[str]:
    return [part.query_string for part in query.subqueries]


def test_one_or_two_words_must_appear_more_need_most_of_them():
    assert [minimum_should_match(n) for n in range(1, 9)] == [1, 2, 2, 2, 3, 3, 4, 4]
    one = parse("mentoring").query()
    assert isinstance(one, PlainText) and one.query_string == "mentoring"
    three = parse("mentoring prison family").query()
    assert isinstance(three, AtLeast) and three.minimum == 2
    assert words(three) == ["mentoring", "prison", "family"]


def test_small_words_do_not_count_unless_there_is_nothing_else():
    query = parse("support for parents").query()
    assert isinstance(query, AtLeast) and words(query) == ["support", "parents"]
    assert query.minimum == 2
    german = parse("Beratung für Eltern", languages=("de", "en")).query()
    assert words(german) == ["Beratung", "Eltern"]
    assert words(parse("for the").query()) == ["for", "the"]  # only small words: they count


def test_a_query_can_be_widened_to_any_word():
    parsed = parse("exit prison family")
    assert parsed.can_widen() and parsed.query(minimum=1).minimum == 1
    assert not parse("mentoring").can_widen()
    assert not parse('"first call" -online').can_widen()


def test_or_joins_the_words_on_either_side_into_one_word():
    query = parse("prison OR probation family").query()
    assert isinstance(query, AtLeast) and query.minimum == 2
    either, family = query.subqueries
    assert isinstance(either, Or) and words(either) == ["prison", "probation"]
    assert family.query_string == "family"


def test_and_requires_both_words_and_quotes_keep_words_together_and_a_minus_leaves_out():
    parsed = parse('"first call" -online -"social media" parents AND helpline')
    query = parsed.query()
    assert isinstance(query, And)
    kinds = [type(part) for part in query.subqueries]
    assert kinds == [Phrase, PlainText, PlainText, Not, Not]
    assert [getattr(part, "query_string", None) for part in query.subqueries[:3]] == [
        "first call",
        "parents",
        "helpline",
    ]
    assert parsed.wanted() == "first call parents helpline"
    assert isinstance(query.subqueries[4].subquery, Phrase)


def test_synonyms_are_alternatives_of_a_word_ranked_below_it_and_highlighted():
    listed = {"prison": ["custody", "in detention"]}
    parsed = parse("prison family")
    query = parsed.query(lambda word: listed.get(word, []))
    prison, family = query.subqueries
    assert isinstance(prison, Or)
    typed, custody, detention = prison.subqueries
    assert typed.boost == 1 and custody.boost == SYNONYM_WEIGHT
    assert isinstance(detention, Phrase) and detention.query_string == "in detention"
    assert family.query_string == "family"
    assert parsed.wanted(lambda word: listed.get(word, [])) == "prison family custody"


def test_words_a_synonym_group_lists_together_are_one_word():
    listed = {"mental health": ["psychologist"], "jeux vidéo": ["gaming"]}
    query = parse("mental health support").query(lambda text: listed.get(text, []))
    assert isinstance(query, And) is False and isinstance(query, AtLeast)
    both, support = query.subqueries
    assert words(both) == ["mental health", "psychologist"]
    assert both.subqueries[0].operator == "and"  # both words, anywhere
    assert support.query_string == "support"
    single = parse("jeux vidéo").query(lambda text: listed.get(text, []))
    assert isinstance(single, Or) and words(single) == ["jeux vidéo", "gaming"]


def test_quoted_words_get_no_synonyms():
    query = parse('"prison"').query(lambda word: ["custody"])
    assert isinstance(query, PlainText) and query.query_string == "prison"


def test_nothing_to_search_for_is_none():
    for text in ("", "OR", "AND OR", "-online", '""', "-", '-"x"'):
        assert parse(text).query() is None, text


def test_an_unclosed_quote_or_lowercase_or_is_read_kindly():
    assert parse('"first call').query().query_string == "first call"
    query = parse("prison or probation").query()  # "or" is a small word, not OR
    assert isinstance(query, AtLeast) and words(query) == ["prison", "probation"]


def test_a_long_query_searches_its_first_words_each_once():
    # Every word is looked up in every column and language with its synonyms: 21 words of the
    # field took a minute at 20,000 practices before the cap.
    parsed = parse(" ".join(f"word{n}" for n in range(30)) + " -a -b -c -d -e -f")
    assert len(parsed.clauses) == MAX_CLAUSES and len(parsed.excluded) == MAX_EXCLUDED
    assert [c.terms[0].text for c in parse("prison prison family prison").clauses] == [
        "prison",
        "family",
    ]
    many = {"prison": [f"synonym{n}" for n in range(40)]}
    query = parse("prison").query(lambda word: many.get(word, []))
    assert len(query.subqueries) == 1 + MAX_SYNONYMS
