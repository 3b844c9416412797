"""Screening a party (name, country) against the loaded sanctions list and the arms embargoes.

Names are compared as sets of tokens, so word order does not matter. Each token is normalised
(case; every script to ASCII with anyascii — Cyrillic, Greek with its digraphs, diacritics —;
punctuation; legal forms such as LLC, JSC, OOO, Ltd, F.Z.E. and their Russian, Ukrainian and Greek
phrases) and reduced to a key in which common romanisation variants coincide (Dmitri/Dmitriy/Dmitry,
Yevgeni/Evgeny, Aleksandr/Alexander, Mohammed/Muhammad). Keys that still differ are compared with
rapidfuzz. Tokens weigh by how rare they are on the list (inverse document frequency), and generic
business words weigh little, so two companies sharing only "Trading" or "Global" do not match; at
least one distinctive token must match. Adjacent tokens are joined when the other name has them as
one word, so a missing hyphen or space does not matter (Al-Noor / Alnoor).

The score combines how much of the listed name the party's name covers (recall) and how much of the
party's name the listed name covers (precision), both weighted, as an F-beta measure with beta 2
(recall counts more), as a percentage. Matches at or above
`CHANCERY_SCREENING_THRESHOLD` (default 80) are reported.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii
from django.conf import settings
from rapidfuzz import fuzz, process

from chancery.strategic_goods import embargoes
from chancery.strategic_goods.embargoes import arms_embargoes
from chancery.strategic_goods.models import NameAlias
from chancery.strategic_goods.services.sanctions import current_list

# Legal forms and their abbreviations (after dots are removed: F.Z.E. → fze, L.L.C. → llc).
LEGAL_FORMS = frozenset(
    """llc jsc ojsc cjsc pjsc ooo oao zao pao ao nao tov pp ltd limited co company inc incorporated corp
    corporation gmbh mbh ag kg bv nv sa sas sarl srl spa plc llp lp fze fzco fzc fzllc fz dmcc pte pty sdn bhd
    oy ab aps kft sro spzoo ug se est at pat prat ae epe ike""".split()
)
# Compared on the spelling keys of their words (`_variant_key`), so that every romanisation of a
# Russian, Ukrainian or Greek legal form is found (otvetstvennostyu / otvetstvennostiu).
LEGAL_PHRASES = (
    "public joint stock company", "open joint stock company", "closed joint stock company", "joint stock company",
    "limited liability company", "limited liability partnership", "free zone establishment", "free zone company",
    "free zone", "sole proprietorship", "private limited", "societe anonyme",
    # Russian: OOO, AO, PAO, ZAO, OAO written out
    "obshchestvo s ogranichennoy otvetstvennostyu", "publichnoe aktsionernoe obshchestvo",
    "zakrytoe aktsionernoe obshchestvo", "otkrytoe aktsionernoe obshchestvo", "aktsionernoe obshchestvo",
    # Ukrainian: TOV, PAT, PrAT, AT
    "tovarystvo z obmezhenoyu vidpovidalnistyu", "publichne aktsionerne tovarystvo",
    "pryvatne aktsionerne tovarystvo", "aktsionerne tovarystvo",
    # Greek: AE, EPE, IKE
    "anonymi etaireia", "etaireia periorismenis efthynis", "idiotiki kefalaiouchiki etaireia",
)  # fmt: skip
# Greek digraphs that a letter-by-letter transliteration gets wrong (ELOT 743, the romanisation of
# Greek passports): ου is u, αυ/ευ/ηυ are av/ev/iv (af/ef/if before a voiceless consonant or at the
# end), and μπ/ντ/γκ begin a word as b/d/g.
GREEK_DIGRAPHS = (
    (re.compile(r"ου"), "ou"),
    (re.compile(r"([αεη])υ(?=[θκξπστφχψ]|\b)"), lambda m: {"α": "af", "ε": "ef", "η": "if"}[m[1]]),
    (re.compile(r"([αεη])υ"), lambda m: {"α": "av", "ε": "ev", "η": "iv"}[m[1]]),
    (re.compile(r"\bμπ"), "b"),
    (re.compile(r"\bντ"), "d"),
    (re.compile(r"\bγκ"), "g"),
)
STOP_WORDS = frozenset({"the", "and", "of", "for", "a", "an", "und", "et", "de", "des", "du", "la", "le"})
# Words many unrelated companies share; they count, but little.
GENERIC_WORDS = frozenset(
    """trading trade traders general international intl global group holding holdings industries industrial
    industry import export imports exports services service logistics technology technologies tech engineering
    investment investments enterprise enterprises commercial commerce business solutions systems system
    manufacturing products supply supplies partners development management consulting energy resources
    worldwide world national united new star east west north south middle gulf asia europe euro components
    equipment materials machinery plant factory works shipping maritime branch office representative
    representation""".split()
)
RECALL_WEIGHT = 2
# Name particles (al-, bin, ibn, abu, van, von …) identify little on their own.
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "ben", "bint", "abu", "abd", "van", "von", "der", "di", "da"})

# Given names whose romanisations differ more than a spelling rule can bridge.
NAME_GROUPS = {
    "muhamad": "mohammed muhammad mohamed mohammad muhammed mohamad muhamed mohd mohamud mehmet",
    "aleksandr": "alexander aleksander alexandr oleksandr olexander aliaksandr",
    "abdul": "abdel abdal abdoul",
    "iusuf": "yusuf yousef youssef yusef yousuf josef joseph iosif",
    "husein": "hussein hussain husain hossein husayn",
    "ahmad": "ahmed ahmet",
    "mikhail": "michael mykhailo mikhael",
    "iurii": "yuri yuriy yury iurii jurij",
    "ievgeni": "yevgeni yevgeniy yevgeny evgeni evgeny evgeniy ievgen yevhen evgenij",
    "oleg": "oleh",
    "volodimir": "vladimir volodymyr wladimir uladzimir",
    "sergei": "sergey sergej serhii serhiy siarhei",
    "andrei": "andrey andrej andrii andriy",
    "nikolai": "nikolay nicolai mykola",
    "aleksei": "alexei alexey aleksey oleksii oleksiy",
    "pavel": "pavlo paul",
    "grigori": "grigory grigoriy hryhorii",
}


def _variant_key(token: str) -> str:
    """Spelling rules that make romanisation variants coincide."""
    t = token
    for source, target in (("w", "v"), ("x", "ks"), ("ph", "f"), ("kh", "h"), ("ch", "h"), ("ck", "k"), ("q", "k"),
                           ("ou", "u"), ("oo", "u"), ("ee", "i"), ("dzh", "j")):  # fmt: skip
        t = t.replace(source, target)
    t = re.sub(r"^y([aeiou])", r"i\1", t)  # Yevgeni → ievgeni, Yuri → iuri
    t = re.sub(r"^ie", "e", t)  # … and Ievgen → evgen, so that Yevgeny = Evgeny
    t = t.replace("y", "i")
    t = re.sub(r"j$", "i", t)  # Sergej → sergei, Andrej → andrei
    t = re.sub(r"(.)\1+", r"\1", t)  # doubled letters: Mohammed → mohamed, Dmitrii → dmitri
    return t


@cache
def _groups() -> dict[str, str]:
    mapping = {}
    for canonical, variants in NAME_GROUPS.items():
        key = _variant_key(canonical)
        for variant in [canonical, *variants.split()]:
            mapping[_variant_key(variant)] = key
    return mapping


def token_key(token: str) -> str:
    key = _variant_key(token.casefold())
    return _groups().get(key, key)


@cache
def generic_keys() -> frozenset[str]:
    return frozenset(token_key(w) for w in GENERIC_WORDS)


@cache
def particle_keys() -> frozenset[str]:
    return frozenset(token_key(w) for w in PARTICLES)


def _skeleton(key: str) -> str:
    return key[0] + re.sub(r"[aeiou]", "", key[1:]) if key else key


def _ascii(text: str) -> str:
    """Every script in ASCII by anyascii (a maintained table of all of Unicode: Cyrillic, Greek,
    Arabic, CJK …, and Latin letters with diacritics); the romanisation variants it does not choose
    are made to coincide by `_variant_key`. Greek first loses its accents (ΠΑΠΑΔΟΠΟΥΛΟΣ and
    Παπαδόπουλος alike) and has its digraphs read as digraphs."""
    text = text.casefold()
    if any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in text):
        plain = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFC", plain)
        for pattern, replacement in GREEK_DIGRAPHS:
            text = pattern.sub(replacement, text)
    return anyascii(text).casefold()


@cache
def _phrase_keys() -> list[tuple[str, ...]]:
    phrases = {tuple(_variant_key(word) for word in phrase.split()) for phrase in LEGAL_PHRASES}
    return sorted(phrases, key=len, reverse=True)


def _without_legal_phrases(words: list[str]) -> list[str]:
    keys = [_variant_key(word) for word in words]
    for phrase in _phrase_keys():
        start = 0
        while start + len(phrase) <= len(keys):
            if tuple(keys[start : start + len(phrase)]) == phrase:
                del words[start : start + len(phrase)], keys[start : start + len(phrase)]
            else:
                start += 1
    return words


def tokens(name: str) -> list[str]:
    """The name's meaningful words: lower case, ASCII, without punctuation and legal forms."""
    text = _ascii(name)
    text = re.sub(r"[.'’`´ʼ‘]", "", text)  # F.Z.E. → fze, O'Neil → oneil
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = _without_legal_phrases(text.split())
    kept = [w for w in words if w not in LEGAL_FORMS and w not in STOP_WORDS]
    return kept or words


@dataclass(frozen=True)
class Match:
    listed_name: str
    score: int
    list_id: str
    kind: str = "name"

    def as_dict(self) -> dict:
        return {"listed_name": self.listed_name, "score": self.score, "list_id": self.list_id}


@dataclass
class _Alias:
    name: str
    list_id: str
    keys: list[str]
    middle: frozenset[str]


class Index:
    """The loaded list prepared for screening: aliases as keys, key weights, and a vocabulary for
    finding candidate aliases by fuzzy token lookup."""

    def __init__(self, aliases: list[tuple[str, str, str]]):
        # aliases: (whole name, middle name, list id)
        self.aliases: list[_Alias] = []
        document_frequency: dict[str, int] = {}
        entity_keys: dict[str, set[str]] = {}
        for name, middle, list_id in aliases:
            keys = [token_key(t) for t in tokens(name)]
            middle_keys = frozenset(token_key(t) for t in tokens(middle)) if middle else frozenset()
            self.aliases.append(_Alias(name, list_id, keys, middle_keys))
            entity_keys.setdefault(list_id, set()).update(keys)
        for keys in entity_keys.values():
            for key in keys:
                document_frequency[key] = document_frequency.get(key, 0) + 1
        self.size = max(len(entity_keys), 1)
        self.frequency = document_frequency
        self.vocabulary = list(document_frequency)
        self.skeletons: dict[str, list[str]] = {}
        for key in self.vocabulary:
            self.skeletons.setdefault(_skeleton(key), []).append(key)
        self.postings: dict[str, list[int]] = {}
        for position, alias in enumerate(self.aliases):
            for key in set(alias.keys):
                self.postings.setdefault(key, []).append(position)

    def weight(self, key: str) -> float:
        base = (
            math.log(1 + self.size / self.frequency.get(key, 1)) if key in self.frequency else math.log(1 + self.size)
        )
        if key in generic_keys():
            return base * 0.2
        if key in particle_keys():
            return base * 0.25
        return base

    def similar_keys(self, key: str) -> list[str]:
        found = [key] if key in self.frequency else []
        if len(key) >= 4:
            found += [m[0] for m in process.extract(key, self.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=50)]
        skeleton = _skeleton(key)
        if len(skeleton) >= 3:
            found += self.skeletons.get(skeleton, [])
        return found

    def candidates(self, keys: list[str]) -> set[int]:
        found: set[int] = set()
        # A match needs a distinctive word in common, so generic words and particles do not
        # propose candidates (in the real list, "trading" alone would propose hundreds).
        for key in keys:
            if key in generic_keys() or key in particle_keys():
                continue
            for similar in self.similar_keys(key):
                found.update(self.postings.get(similar, ()))
        # Words written together in one name and apart in the other (Al-Noor / Alnoor).
        for first, second in zip(keys, keys[1:], strict=False):
            found.update(self.postings.get(first + second, ()))
        compact = "".join(keys)
        for key in self.vocabulary:
            if len(key) >= 6 and key in compact:
                found.update(self.postings.get(key, ()))
        return found


def similarity(a: str, b: str) -> float:
    """How alike two token keys are, 0–1; below 0.85 counts as no match."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) >= 3 and a[0] == b[0] and len(_skeleton(a)) >= 3 and _skeleton(a) == _skeleton(b):
        return 0.9
    if min(len(a), len(b)) < 5:
        return 0.0
    ratio = fuzz.ratio(a, b) / 100
    return ratio if ratio >= 0.85 else 0.0


def _merge(keys: list[str], other: set[str]) -> list[str]:
    """Join adjacent keys that the other name writes as one word."""
    result: list[str] = []
    i = 0
    while i < len(keys):
        if i + 1 < len(keys) and keys[i] + keys[i + 1] in other and keys[i] not in other:
            result.append(keys[i] + keys[i + 1])
            i += 2
        else:
            result.append(keys[i])
            i += 1
    return result


def score_alias(index: Index, query: list[str], alias: _Alias) -> int:
    listed = _merge(alias.keys, set(query))
    asked = _merge(query, set(listed))
    if "".join(asked) == "".join(listed):
        return 100
    # Each listed key pairs with its best unused query key.
    pairs: list[tuple[float, int, int]] = sorted(
        ((similarity(q, item), qi, li) for qi, q in enumerate(asked) for li, item in enumerate(listed)), reverse=True
    )
    used_q: set[int] = set()
    used_l: set[int] = set()
    matched: dict[int, tuple[int, float]] = {}
    for sim, qi, li in pairs:
        if sim <= 0 or qi in used_q or li in used_l:
            continue
        used_q.add(qi)
        used_l.add(li)
        matched[li] = (qi, sim)

    def listed_weight(li: int) -> float:
        weight = index.weight(listed[li])
        return weight * 0.5 if listed[li] in alias.middle else weight  # patronymics are often left out

    total_listed = sum(listed_weight(li) for li in range(len(listed)))
    total_asked = sum(index.weight(q) for q in asked)
    if not total_listed or not total_asked:
        return 0
    got_listed = sum(listed_weight(li) * sim for li, (_qi, sim) in matched.items())
    got_asked = sum(index.weight(asked[qi]) * sim for _li, (qi, sim) in matched.items())
    # At least one distinctive word must match: not a generic word, not a particle.
    if not any(
        listed[li] not in generic_keys() and listed[li] not in particle_keys() and len(listed[li]) > 1 for li in matched
    ):
        return 0
    recall, precision = got_listed / total_listed, got_asked / total_asked
    if not recall or not precision:
        return 0
    # F-beta with beta 2: missing words of the listed name count more than extra words in the
    # party's name ("… FZE Dubai Branch" is still the listed company; "Sunrise Bakery" is not
    # "Sunrise Global Trading").
    beta2 = RECALL_WEIGHT**2
    return round(100 * (1 + beta2) * recall * precision / (beta2 * precision + recall))


_cache_lock = threading.Lock()
_cached: dict[str, Index] = {}


def current_index() -> Index | None:
    """The index of the loaded list, built once per process per loaded list."""
    loaded = current_list()
    if loaded is None:
        return None
    stamp = f"{loaded.pk}:{loaded.sha256}"
    with _cache_lock:
        if stamp not in _cached:
            rows = NameAlias.objects.filter(entity__sanctions_list=loaded).values_list(
                "whole_name", "middle_name", "entity__eu_reference_number", "entity__logical_id"
            )
            _cached.clear()
            _cached[stamp] = Index([(name, middle, ref or f"EU-FSD-{lid}") for name, middle, ref, lid in rows])
        return _cached[stamp]


@cache
def _country_names() -> dict[str, str]:
    names = {}
    for code, entry in arms_embargoes().items():
        for name in [entry["name"], *entry.get("aliases", [])]:
            names[" ".join(tokens(name))] = code
    return names


def country_code(text: str) -> str:
    """The ISO 3166 alpha-2 code of a party's country as given: a two-letter code as it is, the
    name of a country under arms embargo (English or Dutch) as its code, anything else empty."""
    text = (text or "").strip()
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.upper()
    return _country_names().get(" ".join(tokens(text)), "")


def embargo_match(country: str) -> Match | None:
    """A country hit when the country is under an EU arms embargo that applies to the country as
    such (full, partial or political); targeted embargoes reach listed persons, found by name."""
    entry = arms_embargoes().get(country_code(country))
    if not entry or entry["scope"] == "targeted":
        return None
    return Match(
        listed_name=embargoes.describe(entry), score=100, list_id=embargoes.list_id(entry["iso2"]), kind="country"
    )


def threshold() -> int:
    return int(getattr(settings, "CHANCERY_SCREENING_THRESHOLD", 80))


def screen(name: str, country: str = "", *, index: Index | None = None, minimum: int | None = None) -> list[Match]:
    """The matches of one party, best first: names on the loaded sanctions list scoring at least
    the threshold (the best alias per listed entry), and its country when under an arms embargo."""
    index = index or current_index()
    minimum = threshold() if minimum is None else minimum
    matches: list[Match] = []
    query = [token_key(t) for t in tokens(name or "")]
    if index is not None and query:
        best: dict[str, Match] = {}
        for position in index.candidates(query):
            alias = index.aliases[position]
            score = score_alias(index, query, alias)
            if score >= minimum and (alias.list_id not in best or best[alias.list_id].score < score):
                best[alias.list_id] = Match(listed_name=alias.name, score=score, list_id=alias.list_id)
        matches = sorted(best.values(), key=lambda m: (-m.score, m.list_id))
    embargo = embargo_match(country)
    if embargo:
        matches.append(embargo)
    return matches
