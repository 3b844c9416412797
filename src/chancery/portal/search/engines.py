"""The two engines behind one interface: write an entry's analysed text, match a query."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from chancery.portal.search.text import Clause, Query


class SQLiteEngine:
    """FTS5; bm25 ranking with titles weighing ten times the body."""

    def write(self, entry) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM portal_search_fts WHERE rowid = %s", [entry.pk])
            cursor.execute(
                "INSERT INTO portal_search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [entry.pk, entry.title_index, entry.body_index],
            )

    @staticmethod
    def _clause(clause: Clause) -> str:
        text = " ".join(clause.stems)
        return f'"{text}"*' if clause.prefix else f'"{text}"'

    def expression(self, query: Query) -> str:
        groups = []
        for group in query.groups:
            positive = " AND ".join(self._clause(c) for c in group if not c.negated)
            negative = "".join(f" NOT {self._clause(c)}" for c in group if c.negated)
            groups.append(f"({positive}{negative})")
        return " OR ".join(groups)

    def match(self, entries: QuerySet, query: Query) -> QuerySet:
        expression = self.expression(query)
        return entries.filter(
            pk__in=RawSQL("SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s", [expression])
        ).annotate(
            # bm25 is lower for better matches: negate it so that higher is better, as on PostgreSQL.
            rank=RawSQL(
                "SELECT -bm25(portal_search_fts, 10.0, 1.0) FROM portal_search_fts "
                "WHERE portal_search_fts MATCH %s AND rowid = portal_searchentry.id",
                [expression],
                output_field=FloatField(),
            )
        )


class PostgresEngine:
    """tsvector over the analysed text ('simple' configuration: the stems are made in Python),
    weight A for titles and B for the body; ts_rank_cd ranking; a GIN index."""

    def write(self, entry) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE portal_searchentry SET search_vector = "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
                "WHERE id = %s",
                [entry.title_index, entry.body_index, entry.pk],
            )

    @staticmethod
    def _clause(clause: Clause) -> str:
        # A prefix is the last part of its clause ("oostgrens-reg*": the phrase's last word).
        terms = [f"'{s}'" for s in clause.stems]
        if clause.prefix:
            terms[-1] += ":*"
        term = " <-> ".join(terms)
        term = f"({term})" if len(terms) > 1 else term
        return f"!{term}" if clause.negated else term

    def expression(self, query: Query) -> str:
        return " | ".join("(" + " & ".join(self._clause(c) for c in group) + ")" for group in query.groups)

    def match(self, entries: QuerySet, query: Query) -> QuerySet:
        expression = self.expression(query)
        return (
            entries.annotate(
                hit=RawSQL("search_vector @@ to_tsquery('simple', %s)", [expression], output_field=BooleanField())
            )
            .filter(hit=True)
            .annotate(
                rank=RawSQL(
                    "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, to_tsquery('simple', %s))",
                    [expression],
                    output_field=FloatField(),
                )
            )
        )


def engine():
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()
