"""The Flemish municipalities shipped as data (data/municipalities.json, Statbel REFNIS; its
`_comment` says where they come from), loaded by migration and kept in step by `load`."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from chancery.core.periods import in_force

DATA = Path(__file__).resolve().parent.parent / "data" / "municipalities.json"


def rows() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["municipalities"]


def load(model) -> int:
    """Create or update every municipality of the data file (`model`: the Municipality model, or
    its historical version in a migration). Returns the number of rows in the file."""
    entries = rows()
    for row in entries:
        model.objects.update_or_create(
            nis_code=row["nis_code"],
            defaults={
                "name": row["name"],
                "province": row["province"],
                "valid_from": datetime.date.fromisoformat(row["valid_from"]),
                "valid_until": datetime.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None,
            },
        )
    return len(entries)


def in_force_on(queryset, day: datetime.date):
    """The municipalities that existed on `day` (a recognition names those of the disaster)."""
    return queryset.filter(in_force(day, "valid_from", "valid_until"))
