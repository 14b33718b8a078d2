"""Web-search syntax ("a phrase", -word, or) turned into one PostgreSQL tsquery.

Each word matches in three ways, OR'ed: stemmed (English and Russian, through the
'russian' configuration, which stems Latin words with the English stemmer), exact with
accents folded (Kazakh, Uzbek and any other language, as words), and as a folded name
(fold_name(): scripts and transliterations as one alphabet). Typos in names are forgiven
by adding the lexicon's name words most similar to a word (cases/search/text.py).
"""

import re
from dataclasses import dataclass, field, replace

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
MAX_TERMS = 12
MAX_TERM_LENGTH = 100
# Trigram matching is for name lookups: a few plain words, no operators.
MAX_NAME_WORDS = 4

WORD_SQL = (
    "(plainto_tsquery('russian', %s) || plainto_tsquery('simple', immutable_unaccent(%s))"
    " || plainto_tsquery('simple', fold_name(%s)))"
)
# A folded name word from the lexicon (cases.models.NameWord), as the documents hold it.
NAME_WORD_SQL = "plainto_tsquery('simple', %s)"
PHRASE_SQL = (
    "(phraseto_tsquery('russian', %s) || phraseto_tsquery('simple', immutable_unaccent(%s)))"
)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    negated: bool = False

    def sql(self) -> tuple[str, list[str]]:
        sql = PHRASE_SQL if self.phrase else WORD_SQL
        params = [self.text] * sql.count("%s")
        return (f"(!! {sql})" if self.negated else sql), params


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

    def tsquery_sql(self) -> tuple[str, list[str]]:
        parts, params = [], []
        for group in self.groups:
            alternatives = []
            for term in group:
                sql, term_params = term.sql()
                alternatives.append(sql)
                params += term_params
                if not (term.phrase or term.negated):
                    for word in self.similar.get(term.text, ()):
                        alternatives.append(NAME_WORD_SQL)
                        params.append(word)
            parts.append("(" + " || ".join(alternatives) + ")")
        return "(" + " && ".join(parts) + ")", params


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
