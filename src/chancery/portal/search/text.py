"""Text analysis and the query language shared by both engines.

Words are lower-cased and stemmed with the Snowball Dutch stemmer (snowballstemmer) in Python,
for indexing and for queries alike; the engines then match stems. Doing it here rather than in
PostgreSQL's `dutch` configuration gives SQLite and PostgreSQL the same matches.

Query syntax (as on most search sites): words are all required; "a phrase" in quotes; -word
excludes; word* matches a prefix; OR between two parts makes either suffice.
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


TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([\w]+)(\*?)|(\S)', re.UNICODE)


def parse(text: str) -> Query:
    groups: list[list[Clause]] = [[]]
    for negated_phrase, phrase, negated_word, word, star, _other in TOKEN.findall(text or ""):
        if phrase or (negated_phrase and phrase == ""):
            stems = [stem(w) for w in words(phrase)]
            if stems:
                groups[-1].append(Clause(stems, negated=bool(negated_phrase)))
        elif word:
            if word == "OR" and not negated_word:
                groups.append([])
                continue
            if star:
                groups[-1].append(Clause([fold(word)], prefix=True, negated=bool(negated_word)))
            else:
                groups[-1].append(Clause([stem(word)], negated=bool(negated_word)))
    groups = [g for g in groups if any(not c.negated for c in g)]
    return Query(groups=groups, text=text or "")
