"""Full-text search over what has been released: one interface, two engines (SQLite FTS5 and
PostgreSQL tsvector), the same text analysis in Python for both so that they agree."""
