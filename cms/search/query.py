"""What a search box's words mean, as people type them into a web search: every word must
appear; `OR` (in capitals) between two words or phrases lets either do (`prison OR probation
family`: a practice about family and about prison or probation); "quoted words" must appear
together, in that order; a word or quote after a minus (`-online`) must not appear; `AND` in
capitals is what words mean anyway. Read into modelsearch's query objects, so any backend that
supports them runs the same search.
"""

import re
from dataclasses import dataclass

from modelsearch.query import And, Not, Or, Phrase, PlainText, SearchQuery

# A quoted phrase (its closing quote may be missing) or a run of other characters, either after
# an optional minus.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False

    def query(self) -> SearchQuery:
        return Phrase(self.text) if self.phrase else PlainText(self.text, operator="and")


@dataclass
class ParsedQuery:
    clauses: list[list[Term]]  # each must match: one of its terms (more than one after OR)
    excluded: list[Term]

    @property
    def wanted(self) -> str:
        """The words searched for, not those excluded: what results highlight."""
        return " ".join(term.text for clause in self.clauses for term in clause)

    @property
    def word_count(self) -> int:
        return sum(len(term.text.split()) for clause in self.clauses for term in clause)

    def query(self, any_word: bool = False) -> SearchQuery | None:
        """The whole query, or None when nothing is searched for (exclusions alone would find
        everything else). With `any_word` every word and phrase is an alternative: the search
        offered when all of them together find little."""
        if not self.clauses:
            return None
        if any_word:
            terms = [term for clause in self.clauses for term in clause]
            words = " ".join(term.text for term in terms if not term.phrase)
            parts = [Phrase(term.text) for term in terms if term.phrase]
            if words:
                parts.insert(0, PlainText(words, operator="or"))
            wanted: SearchQuery = parts[0] if len(parts) == 1 else Or(parts)
            parts = [wanted]
        else:
            # The single words in one PlainText (analysed once per language), each other clause
            # on its own.
            words = " ".join(c[0].text for c in self.clauses if len(c) == 1 and not c[0].phrase)
            parts = [PlainText(words, operator="and")] if words else []
            for clause in self.clauses:
                if len(clause) > 1:
                    parts.append(Or([term.query() for term in clause]))
                elif clause[0].phrase:
                    parts.append(clause[0].query())
        parts += [Not(term.query()) for term in self.excluded]
        return parts[0] if len(parts) == 1 else And(parts)


def parse(text: str) -> ParsedQuery:
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    either = False  # the last token was OR: the next term joins the clause before it
    for match in TOKEN.finditer(text):
        minus, quoted, word = match.groups()
        if word in ("OR", "AND"):
            either = word == "OR" and bool(clauses)
            continue
        if quoted is not None:
            if not quoted.strip():
                continue
            term, negative = Term(" ".join(quoted.split()), phrase=True), bool(minus)
        elif word.startswith("-"):
            if len(word) == 1:
                continue
            term, negative = Term(word[1:]), True
        else:
            term, negative = Term(word), False
        if negative:
            excluded.append(term)
        elif either:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        either = False
    return ParsedQuery(clauses, excluded)
