"""Translate modelsearch queries and queryset filters into Whoosh queries."""

from collections import Counter
from functools import partial

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Lookup, Subquery
from django.db.models.sql import Query
from django.db.models.sql.constants import MULTI, SINGLE

from modelsearch.backends.base import BaseSearchQueryCompiler, get_model_root
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from whoosh import matching
from whoosh import query as wq
from whoosh.sorting import FieldFacet, MultiFacet

from modelsearch_whoosh.schema import (
    ANALYZERS,
    AUTOCOMPLETE_QUERY_ANALYZER,
    CONTENT_TYPES,
    DEFAULT_LANGUAGE,
    EDGE_NGRAM_MAX,
    NULLS,
    PK,
    TEXT_ANALYZER,
    Mapping,
    content_types,
    is_many,
    mapping_of,
    models_in_index,
    pk_term,
    to_term,
)

MATCH_NONE = wq.NullQuery


class AtLeast(Or):
    """Documents that match at least `minimum` of the subqueries, those that match more of them
    first: "prefer all the words, require most". A backend that does not know it reads it as
    the Or it is (every document that matches one)."""

    def __init__(self, subqueries, minimum: int):
        super().__init__(subqueries)
        self.minimum = max(1, min(minimum, len(subqueries)))

    def __repr__(self):
        return f"<AtLeast {self.minimum} of {self.subqueries!r}>"


class WhooshAtLeast(wq.Or):
    """`AtLeast` in Whoosh: an Or whose `minmatch` (which Whoosh keeps but does not apply) is
    applied. The backend counts and ranks it on its own (`bitsets`, `ranking`); this matcher
    serves Whoosh's own search (sorted results)."""

    def apply(self, fn):
        subqueries = [fn(q) for q in self.subqueries]
        return type(self)(subqueries, boost=self.boost, minmatch=self.minmatch)

    def matcher(self, searcher, context=None):
        union = super().matcher(searcher, context)
        if self.minmatch <= 1:
            return union
        counted = Counter(docnum for sub in self.subqueries for docnum in sub.docs(searcher))
        kept = {docnum for docnum, n in counted.items() if n >= self.minmatch}
        return matching.FilterMatcher(union, kept) if kept else matching.NullMatcher()


def fuzziness(word: str) -> int:
    """Elasticsearch's "AUTO": exact up to 2 characters, 1 edit up to 5, then 2."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def words_of(analyzer, text: str) -> list[list[str]]:
    """The index terms of `text`, grouped by position: a compound and its parts share one
    (compounds.py), and are alternatives for the one word typed."""
    positions: dict[int, list[str]] = {}
    for token in analyzer(text, mode="query", positions=True):
        terms = positions.setdefault(token.pos, [])
        if token.text not in terms:
            terms.append(token.text)
    return list(positions.values())


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    # As Elasticsearch: a switch of backend must not change what a plain query string means.
    DEFAULT_OPERATOR = "or"
    analyzer = TEXT_ANALYZER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mapping = mapping_of(self.queryset.model)
        self.columns = self.text_columns()
        self.analyses = self.languages()

    def text_columns(self) -> list[str]:
        """The columns searched: the named fields, or every text column of the queryset's model
        and its indexed subclasses (Page.objects.search() searches every page type's text)."""
        if self.fields:
            return self.columns_of(self.mapping, self.fields)
        columns: dict[str, None] = {}
        for model in self.models_in_scope():
            columns.update(dict.fromkeys(self.columns_of(mapping_of(model))))
        return list(columns)

    def columns_of(self, mapping: Mapping, names=None) -> list[str]:
        return mapping.search_columns(names)

    def languages(self) -> list[tuple]:
        """(analyzer, columns) per language the searched text is written in: the query is read
        once in each, with that language's stemmer, against the text in that language (a German
        query word is stemmed as German to find German text)."""
        analyses = [(self.words, self.columns)]
        if self.analyzer is not TEXT_ANALYZER:
            return analyses  # autocomplete: edge n-grams, the same in every language
        for language, analyzer in ANALYZERS.items():
            if language == DEFAULT_LANGUAGE:
                continue
            columns: dict[str, None] = {}
            if self.fields:
                columns.update(dict.fromkeys(self.mapping.language_columns(language, self.fields)))
            else:
                for model in self.models_in_scope():
                    mapping = mapping_of(model)
                    columns.update(dict.fromkeys(mapping.language_columns(language)))
                    # Related text (an organisation's name, a challenge's) is indexed once, in
                    # the default language; a query read in this language looks there too, so
                    # a German reader's "Lindenhof Beratung" finds a German page whose own text
                    # says "Beratung" and whose organisation is called Lindenhof.
                    columns.update(dict.fromkeys(mapping.related_search_columns()))
            if columns:
                analyses.append((partial(words_of, analyzer), list(columns)))
        return analyses

    def models_in_scope(self) -> list:
        root = get_model_root(self.queryset.model)
        return [m for m in models_in_index(root) if issubclass(m, self.queryset.model)]

    def words(self, text: str) -> list[list[str]]:
        return words_of(self.analyzer, text)

    # --- the search query -------------------------------------------------------------------------

    def compile(self) -> wq.Query:
        return self._compile(self.query, 1.0)

    def _compile(self, query, boost: float) -> wq.Query:
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, PlainText):
            return self._words_query(query.query_string, query.operator, boost * query.boost)
        if isinstance(query, Fuzzy):
            return self._words_query(query.query_string, query.operator, boost, fuzzy=True)
        if isinstance(query, Phrase):
            return self._in_each_language(partial(self._phrase, query.query_string, boost))
        if isinstance(query, Boost):
            return self._compile(query.subquery, boost * query.boost)
        if isinstance(query, AtLeast):
            parts = [self._compile(q, boost) for q in query.subqueries]
            parts = [part for part in parts if part is not MATCH_NONE]
            minimum = query.minimum - (len(query.subqueries) - len(parts))
            if not parts or minimum > len(parts):
                return MATCH_NONE
            return WhooshAtLeast(parts, minmatch=minimum) if len(parts) > 1 else parts[0]
        if isinstance(query, And):
            return wq.And([self._compile(q, boost) for q in query.subqueries])
        if isinstance(query, Or):
            return wq.Or([self._compile(q, boost) for q in query.subqueries])
        if isinstance(query, Not):
            return wq.AndNot(wq.Every(), self._compile(query.subquery, boost))
        raise NotImplementedError(
            f"`{query.__class__.__name__}` is not supported by the Whoosh search backend."
        )

    def _in_each_language(self, build) -> wq.Query:
        parts = [
            part
            for words_of_text, columns in self.analyses
            if columns and (part := build(words_of_text, columns)) is not MATCH_NONE
        ]
        if not parts:
            return MATCH_NONE
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def _phrase(self, text: str, boost: float, words_of_text, columns) -> wq.Query:
        words = [alternatives[0] for alternatives in words_of_text(text)]  # whole words
        if not words:
            return MATCH_NONE
        if len(words) == 1:
            return self._any_column(words[0], boost, columns=columns)
        return wq.Or([wq.Phrase(c, words, boost=boost) for c in columns])

    def _words_query(self, text: str, operator: str, boost: float, fuzzy=False) -> wq.Query:
        return self._in_each_language(partial(self._words_in, text, operator, boost, fuzzy))

    def _words_in(self, text, operator, boost, fuzzy, words_of_text, columns) -> wq.Query:
        words = words_of_text(text)
        if not words:
            return MATCH_NONE
        parts = []
        for alternatives in words:  # a word, or a compound and its parts
            terms = [self._any_column(word, boost, fuzzy, columns) for word in alternatives]
            parts.append(terms[0] if len(terms) == 1 else wq.Or(terms))
        if len(parts) == 1:
            return parts[0]
        return wq.And(parts) if operator == "and" else wq.Or(parts)

    def _any_column(self, word: str, boost: float, fuzzy=False, columns=None) -> wq.Query:
        columns = self.columns if columns is None else columns
        if fuzzy and fuzziness(word):
            terms = [
                wq.FuzzyTerm(c, word, boost=boost, maxdist=fuzziness(word), prefixlength=1)
                for c in columns
            ]
        else:
            terms = [wq.Term(c, word, boost=boost) for c in columns]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    # --- filters ----------------------------------------------------------------------------------

    def compile_filter(self) -> wq.Query:
        """The queryset's filters, and its model: only documents of that model or a subclass.

        A document holds each to-many relation's values as one list per column, so it cannot
        tell which related object had which value. Conditions on one relation in one filter()
        call (`books__publication_date=..., books__number_of_pages__lt=...`) ask for a single
        book meeting both: the index can only answer "some book meets each". Then the filters
        are left to the database (`filter_is_exact` is False, `WhooshSearchResults` asks it
        which objects pass) and the index restricts only by model."""
        if self._compiled_filter is None:
            self._to_many_lookups: Counter = Counter()
            filters = self._get_filters_from_queryset()
            self.filter_is_exact = all(n < 2 for n in self._to_many_lookups.values())
            parts = []
            if self.queryset.model is not get_model_root(self.queryset.model):
                parts.append(wq.Term(CONTENT_TYPES, content_types(self.queryset.model)[0]))
            if filters is not None and self.filter_is_exact:
                parts.append(filters)
            if not parts:
                self._compiled_filter = wq.Every()
            else:
                self._compiled_filter = parts[0] if len(parts) == 1 else wq.And(parts)
        return self._compiled_filter

    _compiled_filter: wq.Query | None = None
    filter_is_exact = True

    def _get_filters_from_where_node(self, where_node, check_only=False):
        """As modelsearch, except for the queryset model's own primary key: a subclass's is a
        `*_ptr_id` column, which modelsearch skips (such a column also appears in queries of a
        page type), so `Novel.objects.exclude(pk__in=...)` would count the excluded novels.
        Here it is the stored key, as on any other model."""
        if isinstance(where_node, Lookup) and self._is_own_key(where_node.lhs):
            if check_only:
                return None
            values = self._evaluate(
                where_node.rhs, MULTI if where_node.lookup_name == "in" else SINGLE
            )
            if where_node.lookup_name == "exact":
                values = [values]
            elif where_node.lookup_name != "in":
                return super()._get_filters_from_where_node(where_node, check_only)
            terms = [wq.Term(PK, pk_term(value)) for value in values if value is not None]
            return wq.Or(terms) if terms else MATCH_NONE
        return super()._get_filters_from_where_node(where_node, check_only)

    def _is_own_key(self, column) -> bool:
        target = getattr(column, "target", None)
        return (
            target is not None
            and target.attname.endswith("_ptr_id")
            and target is self.queryset.model._meta.pk
        )

    def _process_filter(self, column, lookup, value, check_only=False):
        # The join alias tells conditions on one related object (one filter() call) from
        # conditions that each may meet on another (chained filter() calls).
        self._alias = getattr(column, "alias", None)
        return super()._process_filter(column, lookup, value, check_only=check_only)

    def _process_lookup(self, field_path, lookup, value):
        mapping = self.mapping
        to_many = False
        for related in field_path[:-1]:
            to_many = to_many or is_many(mapping.model, related)
            mapping = mapping.related(related)
        field = field_path[-1]
        column = mapping.column(field)
        kind = mapping.kind(field)
        if to_many or is_many(mapping.model, field):
            self._to_many_lookups[self._alias] += 1

        term = partial(to_term, kind)

        if lookup == "exact":
            value = self._evaluate(value, SINGLE)
            if value is None:
                return wq.Term(NULLS, column)
            return wq.Term(column, term(value))
        if lookup == "in":
            values = self._evaluate(value, MULTI)
            return wq.Or([wq.Term(column, term(v)) for v in values]) if values else MATCH_NONE
        if lookup == "isnull":
            is_null = wq.Term(NULLS, column)
            return is_null if value else wq.AndNot(wq.Every(), is_null)
        if lookup in ("startswith", "prefix"):
            return wq.Prefix(column, str(term(value)))
        if lookup in ("gt", "gte", "lt", "lte", "range"):
            # Through a to-many relation too: a range is one condition, met by one value.
            if lookup == "range":
                start, end, start_excl, end_excl = value[0], value[1], False, False
            else:
                lower = lookup.startswith("g")
                start, end = (value, None) if lower else (None, value)
                start_excl = end_excl = not lookup.endswith("e")
            start = None if start is None else term(start)
            end = None if end is None else term(end)
            if isinstance(start or end, str):
                return wq.TermRange(column, start, end, start_excl, end_excl)
            return wq.NumericRange(column, start, end, start_excl, end_excl)
        return None

    def _evaluate(self, value, result_type):
        """A subquery as a filter value (`pk__in=other_qs`) is run now, as Elasticsearch's does."""
        if isinstance(value, (Query, Subquery)):
            query = value.query if isinstance(value, Subquery) else value
            rows = query.get_compiler(self.queryset._db or DEFAULT_DB_ALIAS).execute_sql(
                result_type=result_type
            )
            if result_type == SINGLE:
                return rows[0] if rows else None
            return [row[0] for chunk in rows for row in chunk]
        if result_type == MULTI:
            return list(value)
        return value

    def _process_match_none(self):
        return MATCH_NONE

    def _connect_filters(self, filters, connector, negated):
        if not filters:
            return None
        joined = (
            filters[0] if len(filters) == 1 else (wq.And if connector == "AND" else wq.Or)(filters)
        )
        return wq.AndNot(wq.Every(), joined) if negated else joined

    # --- ordering ---------------------------------------------------------------------------------

    def sortedby(self):
        """None for relevance; otherwise the queryset's ordering (by default newest pk first)."""
        if self.order_by_relevance:
            return None
        keys = [
            FieldFacet(self.mapping.column(field), reverse=reverse)
            for reverse, field in self._get_order_by()
        ]
        if not keys:
            keys = [FieldFacet(PK, reverse=True)]
        return keys[0] if len(keys) == 1 else MultiFacet(keys)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Matches the start of words: "rad" finds "radicalisation" (edge n-grams of each word)."""

    analyzer = AUTOCOMPLETE_QUERY_ANALYZER

    def columns_of(self, mapping: Mapping, names=None) -> list[str]:
        return mapping.autocomplete_columns(names)

    def words(self, text: str) -> list[list[str]]:
        return [[word[:EDGE_NGRAM_MAX] for word in group] for group in super().words(text)]

    def _compile(self, query, boost: float) -> wq.Query:
        # Autocomplete matches the start of words, so a phrase or a fuzzy term is read as its
        # words, each required. Wagtail's admin page search, which every member can open,
        # parses quotes into Phrase and AND into And: both must answer, not fail.
        if isinstance(query, (Phrase, Fuzzy)):
            query = PlainText(query.query_string, operator="and")
        return super()._compile(query, boost)
