"""Text analysis and the query language shared by both engines.

Words are lower-cased and stemmed with the Snowball Dutch stemmer (snowballstemmer) in Python,
for indexing and for queries alike; the engines then match stems. Doing it here rather than in
PostgreSQL's `dutch` configuration gives SQLite and PostgreSQL the same matches.

Query syntax (as on most search sites): words are all required; "a phrase" in quotes; -word
excludes (a minus at the start of a part: "nota-kwantumsluis" is one hyphenated word, searched as the
phrase of its parts); word* matches a prefix; OR between two parts makes either suffice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(fold(word))


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def analyse(text: str) -> str:
    """The indexed form of a text: its stems, space-separated, in order (phrases keep working)."""
    return " ".join(stem(word) for word in words(text))


# What XML 1.0 may carry (the search feed repeats the query): tab, line feed and carriage return, and
# everything from the space on but the surrogates and U+FFFE/U+FFFF.
NOT_TEXT = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_QUERY_CHARS = 500


def clean(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """A search text or filter value as typed, without what no text holds: control characters (a NUL
    byte is refused by PostgreSQL and by XML) and lone surrogates, each taken for a space; trimmed and
    at most `limit` characters."""
    return NOT_TEXT.sub(" ", text or "").strip()[:limit].strip()


@dataclass
class Clause:
    """One part of a query: a word (stem), a prefix, or a phrase (several stems)."""

    stems: list[str]
    prefix: bool = False
    negated: bool = False


@dataclass
class Query:
    """Groups joined by OR; within a group all clauses must hold."""

    groups: list[list[Clause]] = field(default_factory=list)
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(any(not c.negated for c in group) for group in self.groups)

    def positive_stems(self) -> set[str]:
        return {s for group in self.groups for c in group if not c.negated for s in c.stems}


# A minus excludes only where it leads a part of the query: at the start or after a space (or an
# opening parenthesis). Inside a word a hyphen joins ("Oostgrens-regio", "nota-kwantumsluis"): the
# text is indexed as the words on either side, so the joined word is searched as their phrase.
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
LEADING_MINUS = r"(?<![^\s(])-"
TOKEN = re.compile(
    rf'(?P<negated_phrase>{LEADING_MINUS})?"(?P<phrase>[^"]*)"'
    rf"|(?P<negated_word>{LEADING_MINUS})?(?P<word>\w+(?:[{HYPHENS}]\w+)*)(?P<star>\*?)"
    r"|\S",
    re.UNICODE,
)


def _word_clause(word: str, star: bool, negated: bool) -> Clause:
    parts = words(word)
    if star:
        # The last part is the prefix; the parts before it are whole words of the phrase.
        return Clause([*(stem(p) for p in parts[:-1]), fold(parts[-1])], prefix=True, negated=negated)
    return Clause([stem(p) for p in parts], negated=negated)


def parse(text: str) -> Query:
    groups: list[list[Clause]] = [[]]
    for match in TOKEN.finditer(text or ""):
        if match.group("phrase") is not None:
            stems = [stem(w) for w in words(match.group("phrase"))]
            if stems:
                groups[-1].append(Clause(stems, negated=bool(match.group("negated_phrase"))))
        elif match.group("word"):
            word, negated = match.group("word"), bool(match.group("negated_word"))
            if word == "OR" and not negated:
                groups.append([])
                continue
            groups[-1].append(_word_clause(word, bool(match.group("star")), negated))
    groups = [g for g in groups if any(not c.negated for c in g)]
    return Query(groups=groups, text=text or "")
