"""The demo read as its users read it: every word in Dutch, no file names of our documentation.

The demo is loaded once (the test: tests/demo/test_words.py); then, for the public and each demo
account, the pages reachable from the navigation are followed link by link (at most `PER_PAGE_KIND`
addresses per URL name, so a list of a hundred cases costs two case pages, and a ceiling per
reader), and the text a reader sees — the text of the page, and the `title`, `aria-label`,
`placeholder` and `alt` attributes and the wording of buttons — is searched for:

- a file name of our documentation (`procedure-rules.md`, `ARCHITECTURE.md`, any `*.md`) and the
  name `procedure-rules`;
- English: words of English that Dutch does not have (function words such as "the", "with", "your",
  and the words of an English interface such as "Submit", "Cancel", "Decision", "department"), and
  the English citation of EU acts ("Council Decision", "CFSP").

Why a list of words and not a language detector: a page is mostly names, numbers, codes and Dutch;
a detector guesses on short texts and needs a model we do not ship, while the list fails on exactly
the slips that happened ("Beslissingsniveau department", "Russia — … Council Decision
2014/512/CFSP", "(procedure-rules.md §A6)") and names the page and the words around them. Words
both languages have ("in", "of", "is", "status", "open", "document") are not on it, nor are words
that are Dutch too ("been", "state" as in "Raad van State", "have").

What is legitimately English is left out, and says so in the page: text inside an element whose
`lang` is not Dutch (the language switch's "English"; a quotation of an English-only source must
carry `lang="en"`, which screen readers need anyway, WCAG 3.1.2), and `<code>`, `<kbd>`, `<samp>`
(identifiers, commands, media types). Proper names and data of the demo (companies such as "Sunrise
Global Trading F.Z.E.", "Flanders Investment & Trade", file names such as `decisions.csv` on the
open-data page) contain none of the listed words, or are code.

The command `chancery demo` is held to the same words (its output is the operator's).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

from chancery.core import navigation

DOC_FILES = re.compile(r"\b[\w.-]+\.md\b|procedure-rules", re.IGNORECASE)
# Whole words, case as written: "The", "the"; "Save" (a button) but not "save" inside a Dutch word.
ENGLISH_WORDS = """
    the The and with With your Your you You this This that That from which should would please Please
    click here not has were will there their only must
    Submit Save Cancel Delete Edit Search Back Next Previous Close Login Logout Sign
    Decision Decisions Department department Meeting Meetings Licence License Applicant Application
    awaiting pending approved granted refused submitted reviewed Yes True False None
""".split()
ENGLISH = re.compile(r"\b(?:" + "|".join(ENGLISH_WORDS) + r")\b|Council Decision|Common Position|\bCFSP\b")

PER_PAGE_KIND = 2  # addresses per URL name
PAGES_PER_READER = 150
# URL names not to open: files, feeds and data (not pages), the API and admin (their own tests),
# signing out.
SKIPPED = re.compile(r"download|file|pdf|feed|ical|ics|csv|export|dump|rdf|ttl|jsonld|sitemap|logout|identifier")
# Public pages no menu links to (the public licence report is linked from the licensing pages).
PUBLIC_PAGES = ["licensing_public:index"]
SKIPPED_NAMESPACES = {"api", "admin"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
UNSPOKEN = {"script", "style", "code", "kbd", "samp", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Reading(HTMLParser):
    """The words a reader meets on a page, and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.links: list[str] = []
        self.stack: list[bool] = []  # per open element: is its content left out?

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = (attributes.get("lang") or "").lower()
        skip = self.skipping or tag in UNSPOKEN or bool(language and not language.startswith("nl"))
        if not skip:
            self.words.extend(attributes[name] for name in ATTRIBUTES if attributes.get(name))
            if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self.words.append(attributes["value"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag not in VOID:
            self.stack.append(skip)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.words.append(data)


def problems_of(html: str) -> tuple[list[str], list[str]]:
    """What a page says that it must not (each with its surroundings), and its links."""
    reading = Reading()
    reading.feed(html)
    text = re.sub(r"\s+", " ", " ".join(reading.words))
    found = []
    for pattern in (DOC_FILES, ENGLISH):
        for match in pattern.finditer(text):
            found.append(f"{match.group(0)!r} in …{text[max(0, match.start() - 50) : match.end() + 50]}…")
    return found, reading.links


def page_kind(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace in SKIPPED_NAMESPACES or SKIPPED.search(match.url_name or ""):
        return None
    return f"{match.namespace}:{match.url_name}"


def read_as(user) -> tuple[dict[str, list[str]], int]:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    queue = ["/", *(module.url for module in navigation.modules_for(user)), *map(reverse, PUBLIC_PAGES)]
    seen: set[str] = set()
    per_kind: Counter = Counter()
    problems: dict[str, list[str]] = defaultdict(list)
    read = 0
    while queue and read < PAGES_PER_READER:
        address = queue.pop(0)
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or address in seen:
            continue  # another site
        seen.add(address)
        kind = page_kind(parts.path)
        if kind is None or per_kind[kind] >= PER_PAGE_KIND:
            continue
        per_kind[kind] += 1
        response = client.get(address)
        read += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert '<html lang="nl"' in html, address
        found, links = problems_of(html)
        if found:
            problems[address].extend(found)
        queue.extend(link.split("#")[0] for link in links if link.startswith("/") and not link.startswith("//"))
    return problems, read


def test_the_checker_finds_what_it_must_and_leaves_what_it_may():
    found, _links = problems_of(
        "<p>Beslissingsniveau department</p><p>(procedure-rules.md §A6)</p>"
        "<p>Russia — wapenembargo (volledig; Council Decision 2014/512/CFSP)</p>"
        '<button title="Save the file">Bewaren</button>'
    )
    assert len(found) == 6, found  # department, procedure-rules(.md), Council Decision, CFSP, Save, the
    fine, _links = problems_of(
        '<p>Raad van State</p><p lang="en">Sound suppressors for the rifles</p><code>Accept: the/json</code>'
        "<p>Sunrise Global Trading F.Z.E.</p><p>Flanders Investment &amp; Trade</p><p>Status open, in behandeling</p>"
        '<form><button lang="en" value="en">English</button></form><script>var the = 1;</script>'
    )
    assert fine == [], fine
