"""Web-search syntax ("a phrase", -word, or) turned into one PostgreSQL tsquery.

Each word matches in three ways, OR'ed: stemmed (English and Russian, through the
'russian' configuration, which stems Latin words with the English stemmer), exact with
accents folded (Kazakh, Uzbek and any other language, as words), and as a folded name
(fold_name(): scripts and transliterations as one alphabet). Typos in names are forgiven
by adding the lexicon's name words most similar to a word (cases/search/text.py).
"""

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchQueryField
from django.db.models import Expression, Func, TextField, Value

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
MAX_TERMS = 12
MAX_TERM_LENGTH = 100
# Trigram matching is for name lookups: a few plain words, no operators.
MAX_NAME_WORDS = 4


# Typed once: a Value without a type resolves it, a new CharField for each word.
_TEXT = TextField()


def _text(text: str) -> Value:
    return Value(text, output_field=_TEXT)


def _folded(text: str, function: str) -> Func:
    return Func(_text(text), function=function, output_field=_TEXT)


class CompiledSearchQuery(SearchQuery):
    """A query's SearchQuery tree, compiled to SQL by the first statement that uses it
    and reused as it is by the others. A search's tree has some 40 nodes, and Django
    copies, resolves and compiles every node again in every statement that holds it:
    for a name search, a third of its Python time. The tree holds values only (no
    column), so its SQL is the same in every statement."""

    def __init__(self, tree: SearchQuery):
        Expression.__init__(self, output_field=SearchQueryField())
        self.tree = tree
        self.source_expressions, self.extra, self.invert = [], {}, False
        # Shared by the copies Django makes (Func.copy is shallow).
        self.compiled = {}

    def __repr__(self):
        return f"{self.__class__.__name__}({self.tree!r})"

    def get_source_expressions(self):
        return []

    def set_source_expressions(self, exprs):
        assert not exprs

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection, *args, **kwargs):
        if connection.alias not in self.compiled:
            tree = self.tree.resolve_expression(compiler.query)
            self.compiled[connection.alias] = compiler.compile(tree)
        sql, params = self.compiled[connection.alias]
        return sql, list(params)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    negated: bool = False

    def search_query(self) -> SearchQuery:
        """Stemmed (English and Russian), exact with accents folded, and, for a word, as
        a folded name: scripts and transliterations as one alphabet."""
        kind = "phrase" if self.phrase else "plain"
        ways = [
            SearchQuery(_text(self.text), config="russian", search_type=kind),
            SearchQuery(
                _folded(self.text, "immutable_unaccent"), config="simple", search_type=kind
            ),
        ]
        if not self.phrase:
            ways.append(SearchQuery(_folded(self.text, "fold_name"), config="simple"))
        if self.negated:
            # Matching none of the ways: Django inverts a query, not a combination of them.
            return reduce(and_, [~way for way in ways])
        return reduce(or_, ways)


@dataclass(frozen=True)
class ParsedQuery:
    # Each group is a tuple of alternatives joined by OR; groups are joined by AND.
    groups: tuple[tuple[Term, ...], ...] = ()
    # Name words similar to a plain word (typos), matched as alternatives to it.
    similar: dict[str, list[str]] = field(default_factory=dict, hash=False)
    # Whether closeness of the documents' names to the query adds to the rank.
    ranks_names: bool = False

    def with_names(self, similar: dict[str, list[str]], ranks_names: bool) -> "ParsedQuery":
        """The query once its words were looked up as names (cases/search/text.py)."""
        return replace(self, similar=similar, ranks_names=ranks_names)

    def __bool__(self):
        return any(term for group in self.groups for term in group if not term.negated)

    @property
    def plain_words(self) -> str | None:
        """The query as a name to look up by similarity, when it is only a few plain words."""
        terms = [term for group in self.groups for term in group]
        if len(self.groups) != len(terms) or len(terms) > MAX_NAME_WORDS:
            return None
        if any(term.phrase or term.negated for term in terms):
            return None
        return " ".join(term.text for term in terms)

    @cached_property
    def search_query(self) -> CompiledSearchQuery | None:
        """The whole query: groups joined by AND, the alternatives of each by OR, each
        plain word with the lexicon's name words similar to it (a folded name word, as
        the documents hold it)."""
        combined = None
        for group in self.groups:
            alternatives = None
            for term in group:
                terms = [term.search_query()]
                if not (term.phrase or term.negated):
                    similar = self.similar.get(term.text, ())
                    terms += [SearchQuery(_text(word), config="simple") for word in similar]
                for query in terms:
                    alternatives = query if alternatives is None else alternatives | query
            combined = alternatives if combined is None else combined & alternatives
        return None if combined is None else CompiledSearchQuery(combined)


def parse(text: str) -> ParsedQuery:
    """'"human tragedy" extradition -torture or Abdusamatov' → groups of terms."""
    terms: list[Term | str] = []
    for negated, phrase, word in TOKEN.findall(text or ""):
        if word:
            if word.lower() == "or":
                terms.append("OR")
                continue
            negated, word = (
                (True, word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
            )
            if word.strip("-"):
                terms.append(Term(word[:MAX_TERM_LENGTH], negated=bool(negated)))
        elif phrase.strip():
            terms.append(Term(phrase.strip()[:MAX_TERM_LENGTH], phrase=True, negated=bool(negated)))
    groups: list[list[Term]] = []
    join_next = False
    for item in terms:
        if item == "OR":
            join_next = bool(groups)
            continue
        if join_next:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_next = False
    return ParsedQuery(tuple(tuple(group) for group in groups[:MAX_TERMS]))
