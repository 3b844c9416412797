"""How much of a file the import holds in memory at once (issue 22: a 50 MB export imported with
memory bounded). Technical limits, not rules: each can be set in the settings.

- Open Raadsinformatie JSON is read incrementally (ijson): one meeting at a time, so memory follows
  the largest meeting, not the file; a single meeting above `max_record_bytes()` is reported and
  passed over without being built.
- N-Triples is read line by line (a line above `MAX_LINE_BYTES` is refused) into an on-disk staging
  table in batches of `NT_BATCH_LINES`, then each act is built from its own triples.
- HTML with RDFa and Turtle must be parsed whole (an HTML tree, an RDF graph: several times the
  file's size in memory), so a file in those formats above `max_whole_bytes()` is refused before a
  byte is read, with the advice to split it."""

from __future__ import annotations

from django.conf import settings

DEFAULT_MAX_WHOLE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_RECORD_BYTES = 10 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
NT_BATCH_LINES = 5000


def max_whole_bytes() -> int:
    """The largest file of a format read whole (RDFa, Turtle)."""
    return getattr(settings, "CHANCERY_IMPORT_MAX_BYTES", DEFAULT_MAX_WHOLE_BYTES)


def max_record_bytes() -> int:
    """The largest single record (one meeting's JSON) of a streamed file."""
    return getattr(settings, "CHANCERY_IMPORT_MAX_RECORD_BYTES", DEFAULT_MAX_RECORD_BYTES)
