"""Reading a list of parties (CSV with the columns name and country) and screening them all."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chancery.strategic_goods.services.matching import current_index, screen

MAX_BYTES = 20 * 1024 * 1024


def read_parties(path: Path) -> list[tuple[str, str]]:
    """(name, country) per row; the columns are found by their header, in any order and case, with a
    comma or semicolon as separator."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("%(path)s cannot be read (%(error)s).") % {"path": path, "error": exc.strerror}
        ) from exc
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("%(path)s is larger than 20 MB.") % {"path": path})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("%(path)s is not a UTF-8 text file.") % {"path": path}) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().casefold() for h in next(reader, [])]
    missing = [column for column in ("name", "country") if column not in header]
    if missing:
        raise ValidationError(
            _("%(path)s needs a header line with the columns name,country; missing: %(missing)s.")
            % {"path": path.name, "missing": ", ".join(missing)}
        )
    name_at, country_at = header.index("name"), header.index("country")
    parties = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        name = row[name_at].strip() if name_at < len(row) else ""
        country = row[country_at].strip() if country_at < len(row) else ""
        parties.append((name, country))
    return parties


def screen_all(parties: list[tuple[str, str]]) -> list[dict]:
    """One object per party with at least one hit, in the order of the file."""
    index = current_index()
    result = []
    for name, country in parties:
        matches = screen(name, country, index=index)
        if matches:
            result.append({"name": name, "country": country, "matches": [m.as_dict() for m in matches]})
    return result
