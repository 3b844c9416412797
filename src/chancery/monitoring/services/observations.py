"""Indicator values: recording with revisions, and importing the budget-report tables (CSV, XLSX:
one row per indicator per period) with a dry run and a clear error per bad row. A file with any
error changes nothing."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.files import detect_format
from chancery.core.models import AuditAction, FileFormat
from chancery.monitoring.models import Indicator, Observation
from chancery.monitoring.services.periods import parse_period

COLUMNS = {  # accepted header names (lower case) → field
    "indicator": "indicator", "indicatorcode": "indicator", "code": "indicator", "indicator_code": "indicator",
    "period": "period", "periode": "period", "jaar": "period", "year": "period",
    "value": "value", "waarde": "value",
    "unit": "unit", "eenheid": "unit",
    "reason": "reason", "reden": "reason",
}  # fmt: skip


def parse_number(text) -> Decimal:
    """A number as people write it in Flemish spreadsheets too: 1.234,5 or 1234.5 or 1 234,5."""
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        return Decimal(str(text))
    value = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if "," in value and "." in value:
        value = (
            value.replace(".", "").replace(",", ".") if value.rfind(",") > value.rfind(".") else value.replace(",", "")
        )
    elif "," in value:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": text}, code="number") from None
    if not number.is_finite():
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": text}, code="number")
    return number


@transaction.atomic
def record(indicator: Indicator, period: str, value, *, actor=None, reason: str = "", source_file: str = ""):
    """Record a value. The same value again changes nothing; another value becomes the next
    revision (with its reason) and the previous one stays, no longer current. Returns
    (observation, "new" | "revised" | "unchanged")."""
    normal, start = parse_period(period)
    value = parse_number(value)
    current = (
        Observation.objects.select_for_update().filter(indicator=indicator, period=normal, is_current=True).first()
    )
    if current is not None and current.value == value:
        return current, "unchanged"
    if current is not None:
        if not reason.strip():
            reason = _("Revised value")
        Observation.objects.filter(pk=current.pk).update(is_current=False)
    observation = Observation.objects.create(
        indicator=indicator,
        period=normal,
        period_start=start,
        value=value,
        revision=(current.revision + 1) if current else 1,
        reason=reason.strip()[:300] if current else "",
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        source_file=source_file[:200],
    )
    audit.record(
        actor,
        AuditAction.UPDATE if current else AuditAction.CREATE,
        observation,
        before={"value": str(current.value), "revision": current.revision} if current else None,
        after={"indicator": indicator.code, "period": normal, "value": str(value), "revision": observation.revision,
               "source_file": observation.source_file},
        reason=observation.reason,
    )  # fmt: skip
    return observation, "revised" if current else "new"


@dataclass
class ImportReport:
    observations: int = 0
    series: int = 0
    errors: list[dict] = field(default_factory=list)
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    dry_run: bool = True

    def as_dict(self) -> dict:
        return {
            "observations": self.observations,
            "series": self.series,
            "errors": self.errors,
            "changes": {"new": self.new, "revised": self.revised, "unchanged": self.unchanged},
            "dry_run": self.dry_run,
        }


def _xlsx_rows(path: Path) -> list[list]:
    """An XLSX file is checked as an upload is (a real workbook, no zip bomb: core.files) before
    openpyxl reads it; what openpyxl still cannot read is reported as damaged."""
    from openpyxl import load_workbook

    with path.open("rb") as stream:
        if detect_format(stream) != FileFormat.XLSX:
            raise ValidationError(_("The file is not an XLSX workbook."), code="format")
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    except (OSError, ValueError, KeyError, TypeError, IndexError, zipfile.BadZipFile) as exc:
        raise ValidationError(
            _("The XLSX file is damaged and cannot be read (%(problem)s).") % {"problem": str(exc)[:200]},
            code="corrupt",
        ) from None


def read_rows(path: Path) -> list[dict]:
    """The rows of a CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file, as dicts
    keyed by our field names; the row number is the one the user sees in the file."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
    else:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not UTF-8 text; save the table as CSV UTF-8 or as XLSX."), code="encoding"
            ) from None
        if "\x00" in text:
            raise ValidationError(_("The file is not a CSV table (it holds binary data)."), code="format")
        # Flemish spreadsheets save with semicolons, others with commas: the header decides.
        header_line = text.split("\n", 1)[0]
        delimiter = max(";,\t", key=header_line.count)
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ValidationError(_("The file is empty."), code="empty")
    header = [COLUMNS.get(str(name).strip().lower().replace(" ", "_")) for name in rows[0]]
    missing = {"indicator", "period", "value"} - set(header)
    if missing:
        raise ValidationError(
            _("The first row must name the columns indicator, period and value (missing: %(missing)s).")
            % {"missing": ", ".join(sorted(missing))},
            code="header",
        )
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(cell).strip() for cell in row):
            continue
        record_ = {name: row[i] if i < len(row) else "" for i, name in enumerate(header) if name}
        record_["row"] = number
        records.append(record_)
    return records


def import_rows(rows: list[dict], *, dry_run: bool, actor=None, source_file: str = "") -> ImportReport:
    """Check every row first; write only when no row has an error and this is not a dry run."""
    report = ImportReport(dry_run=dry_run)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={str(r["indicator"]).strip() for r in rows})}
    valid, seen = [], {}
    for row in rows:
        code = str(row["indicator"]).strip()

        def error(column, message, row=row):
            report.errors.append({"row": row["row"], "column": column, "message": str(message)})

        indicator = indicators.get(code)
        if indicator is None:
            error("indicator", _("Unknown indicator “%(code)s”.") % {"code": code})
            continue
        try:
            period, _start = parse_period(row["period"])
        except ValidationError as exc:
            error("period", exc.messages[0])
            continue
        try:
            value = parse_number(row["value"])
        except ValidationError as exc:
            error("value", exc.messages[0])
            continue
        unit = str(row.get("unit", "")).strip()
        if unit and unit.casefold() != indicator.unit.casefold():
            error(
                "unit",
                _("The unit “%(unit)s” is not the indicator's unit “%(expected)s”.")
                % {"unit": unit, "expected": indicator.unit},
            )
            continue
        if (code, period) in seen:
            error("period", _("%(code)s %(period)s appears twice (also on row %(first)s).")
                  % {"code": code, "period": period, "first": seen[(code, period)]})  # fmt: skip
            continue
        seen[(code, period)] = row["row"]
        valid.append((indicator, period, value, str(row.get("reason", "")).strip()))
    report.observations = len(valid)
    report.series = len({indicator.pk for indicator, *_rest in valid})
    current = {
        (o.indicator_id, o.period): o.value
        for o in Observation.objects.filter(indicator__in={i.pk for i, *_r in valid}, is_current=True)
    }
    for indicator, period, value, _reason in valid:
        before = current.get((indicator.pk, period))
        if before is None:
            report.new += 1
        elif before == value:
            report.unchanged += 1
        else:
            report.revised += 1
    if dry_run or report.errors:
        return report
    with transaction.atomic():
        for indicator, period, value, reason in valid:
            record(indicator, period, value, actor=actor, reason=reason, source_file=source_file)
    return report
