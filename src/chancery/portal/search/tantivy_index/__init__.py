"""The search index: every search entry, in Tantivy, kept in step with the database. (Named the
public index, `public_index.py`, when it held only what the public may see; it now answers every
reader and, since schema v3, holds confidential text too.)

Why: at the size of a government archive (500,000 documents) a broad query matches hundreds of
thousands of rows; counting them and their facets in PostgreSQL takes 100 ms and more (seconds for
a logged-in reader, whose rule reaches further), an inverted index with columnar facet fields
(Tantivy, a Lucene-class engine) a few milliseconds.

One job per module (import the module you need; this package re-exports nothing):
- `schema`: the fields, the schema version, the index directory of that version, opening it;
- `indexer`: keeping it in step, writing (`mark_stale`, `sync`, `rebuild`, the stale list);
- `searching`: reading it (`rule_query`, `text_query`, `search` with its facet counts,
  `DossierView`, `CannotAnswer`).
Not to be confused with `portal.search.index`, which writes the search entries (database rows)
that this index is built from.

What the platform promises, and how it is kept:
- Search never shows what the reader may not see. Each entry carries the inputs of the
  confidentiality rule (its source's access level, release state, named persons and concerned
  government members); every query is filtered by the reader's rule, rendered from the same data
  as the SQL rule (`rule_query`, `core.models.access.visibility_rule`). The theme and phase facets
  of a reader other than the public follow what that reader may know of the dossiers, worked out
  per search (`DossierView`); the public's are in the index. Every hit is checked again against
  the live confidentiality rule before it is shown.
- A release is searchable the moment it commits. Every change that can alter what the index holds
  for an entry marks that entry *stale* in the same transaction (`mark_stale`). A search leaves the
  stale entries out of the index's answer and searches them in the database instead (the
  *overlay*), so an answer is exact whether or not the indexer has caught up. The indexer (`sync`,
  run by the worker after each such commit) writes stale entries to the index, commits it, then
  marks them fresh and bumps the index generation in one database transaction; readers reload
  when they see a newer generation. Between the two commits an entry is stale in the database and
  possibly present in the index: it is searched in the database only.
- Past one machine: the index directory is derived data (rebuildable with `chancery reindex
  --index-only`); one indexer writes, any number of processes on that machine read.
"""
