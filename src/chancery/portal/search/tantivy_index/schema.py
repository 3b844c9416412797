"""What the search index holds and where: its fields (named, for the confidentiality rule's inputs,
as the rule's fields), the schema version, the directory of that version, and opening it. Shared by
the indexer (writing) and searching (reading)."""

from __future__ import annotations

import datetime
from pathlib import Path

import tantivy
from django.conf import settings

# Raised whenever the schema changes: each version has its own directory, so that a new version
# is built beside the old one (`indexer.sync` builds it when it is missing) instead of misreading it.
SCHEMA_VERSION = 4  # 3: every entry, with the rule's inputs and its dossier; 4: each class's view of it

# Reader classes (see `classes`): the theme and phase of an entry's dossier as each class of reader
# knows it, by the role that represents the class. The public's are the fields `themes` and `phase`.
PUBLIC_CLASS = "public"
CLASSES = {"government": "civil_servant", "council": "minister", "secretariat": "secretariat"}


def _schema(*, pairs: bool = True) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    # The analysed text (stems made in Python, space-separated): split on spaces only.
    builder.add_text_field("title", tokenizer_name="stems")
    builder.add_text_field("body", tokenizer_name="stems")
    if pairs:
        # Adjacent stems as one term ("vlaams_regering"): a phrase is then looked up, not pieced
        # together from the positions of two frequent words (45 ms → under 1 ms at scale 1.0).
        builder.add_text_field("title_pairs", tokenizer_name="stems", index_option="freq")
        builder.add_text_field("body_pairs", tokenizer_name="stems", index_option="freq")
    # Date order with the entry as tie-breaker, in one sortable number.
    builder.add_integer_field("recency", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_text_field("kind", tokenizer_name="raw", fast=True)
    builder.add_text_field("document_kind", tokenizer_name="raw", fast=True)
    builder.add_integer_field("meeting", indexed=True, fast=True)
    builder.add_integer_field("ministers", indexed=True, fast=True)
    builder.add_integer_field("themes", indexed=True, fast=True)
    builder.add_text_field("phase", tokenizer_name="raw", fast=True)
    # The inputs of the confidentiality rule, of the entry's source (its document, else its item),
    # named as the rule's fields (core.models.access.visibility_rule) so that
    # `searching.rule_query` renders the rule's conditions as they are. With them the index holds
    # every entry and answers every reader, each through their own rule.
    builder.add_text_field("access_level", tokenizer_name="raw")
    builder.add_text_field("release_state", tokenizer_name="raw")
    builder.add_integer_field("named_users", indexed=True)
    builder.add_integer_field("concerned_mandatees", indexed=True)
    # The entry's dossier: a logged-in reader's theme and phase facets are counted per dossier and
    # read through what that reader may know of each dossier (`search`, `reader_dossiers`).
    builder.add_integer_field("dossier", indexed=True, fast=True)
    # Each class's view of the dossier (`classes`), and who is named or concerned on the dossier, its
    # steps or its items: a reader with such a grant has their own view of it, worked out per search.
    for name in CLASSES:
        builder.add_integer_field(f"themes_{name}", indexed=True, fast=True)
        builder.add_text_field(f"phase_{name}", tokenizer_name="raw", fast=True)
    builder.add_integer_field("dossier_named_users", indexed=True)
    builder.add_integer_field("dossier_concerned_mandatees", indexed=True)
    return builder.build()


SCHEMA = _schema()


def recency(date: datetime.date, pk: int) -> int:
    return date.toordinal() * 2**32 + pk


def directory() -> Path:
    return Path(settings.CHANCERY_SEARCH_INDEX) / f"v{SCHEMA_VERSION}"


def pairs(analysed: str) -> str:
    stems = analysed.split()
    return " ".join(f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False))


def open_index(path: Path) -> tantivy.Index:
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    index.register_tokenizer("stems", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    index.config_reader("Manual")
    return index


def available() -> bool:
    """Whether this machine holds the index (a new machine answers from the database until built)."""
    path = directory()
    return path.is_dir() and tantivy.Index.exists(str(path))
