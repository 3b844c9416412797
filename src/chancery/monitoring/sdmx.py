"""Reading SDMX data messages as OECD, Eurostat, the ECB and ISTAT publish them, into one plain
shape: observations with their dimension codes, period and value.

- SDMX-ML 2.1 (generic and structure-specific) and 3.0: the `sdmx1` library, with the structure
  file beside the data when the message needs one (``<name>-structure.xml``, ``structure.xml`` or
  any ``*structure*.xml`` / ``*DSD*.xml`` in the same folder, or given explicitly).
- SDMX-CSV 1.0 (a DATAFLOW column) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION columns), also with
  ``labels=both`` ("CODE: Label" in headers and cells) and ``labels=name`` (a STRUCTURE_NAME column
  and each component's label in the column after it, headed by its name: OECD's
  "csvfilewithlabels"): read here, their headers describe them.
- SDMX-JSON 1.0 and 2.0: read here, one reader for both (2.0 nests the same parts under "data").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIME = "TIME_PERIOD"
# Columns of SDMX-CSV that are not part of a series key (attributes that publishers commonly add).
NOT_KEY = {
    "DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "OBS_VALUE", "OBS_STATUS", "OBS_FLAG",
    "CONF_STATUS", "UNIT_MULT", "DECIMALS", "BASE_PER", "OBS_COMMENT", "UPDATED", "TIME_FORMAT", "COMMENT_OBS",
}  # fmt: skip


@dataclass
class Observation:
    key: dict[str, str]
    period: str
    value: Decimal | None
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Message:
    format: str
    dataflow: str
    observations: list[Observation]

    @property
    def series(self) -> int:
        return len({tuple(sorted(o.key.items())) for o in self.observations})

    @property
    def dimensions(self) -> list[str]:
        return sorted({name for o in self.observations for name in o.key})


def _number(text) -> Decimal | None:
    if text is None:
        return None
    value = str(text).strip()
    if value in ("", "NaN", "nan", "NA", ":"):
        return None  # a missing value, as SDMX writes it
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": text}, code="number") from None
    return number if number.is_finite() else None


def _code(text: str) -> tuple[str, str]:
    """("CODE", "Label") from "CODE: Label" (labels=both), or ("CODE", "")."""
    code, sep, label = str(text).partition(": ")
    return (code.strip(), label.strip()) if sep else (str(text).strip(), "")


# --- SDMX-CSV ------------------------------------------------------------------------------------

# Columns that labels=name does not follow with a label column (SDMX-CSV 2.0, section 2.2).
UNLABELLED = {"STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "SERIES_KEY", "OBS_KEY"}


def _label_columns(header: list[str]) -> dict[int, int]:
    """labels=name: the column of each component's label (the next one), by component column.
    Only that layout has a STRUCTURE_NAME column; without it every column is a component."""
    if "STRUCTURE_NAME" not in header:
        return {}
    labels, index = {}, 0
    while index < len(header):
        if header[index] in UNLABELLED:
            index += 1
        else:
            labels[index] = index + 1
            index += 2
    return labels


def read_csv(text: str, time_dimension: str = TIME) -> Message:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValidationError(_("The file is empty."), code="empty")
    names = [name.strip() for name in rows[0]]
    label_of = _label_columns(names)
    if label_of:
        # A component's label column becomes the label part of its cells ("CODE: Label"), so the
        # rest reads this layout as it reads labels=both; the label columns are not components.
        rows = [_joined(row, label_of, names) for row in rows]
    header = [_code(name)[0] for name in rows[0]]
    if "OBS_VALUE" not in header or time_dimension not in header:
        raise ValidationError(
            _("This is not SDMX-CSV with %(time)s and OBS_VALUE columns.") % {"time": time_dimension}, code="format"
        )
    version = "SDMX-CSV 2.0" if "STRUCTURE_ID" in header else "SDMX-CSV 1.0"
    flow_column = "STRUCTURE_ID" if version == "SDMX-CSV 2.0" else "DATAFLOW"
    keys = [name for name in header if name not in NOT_KEY and name != time_dimension]
    observations, dataflow = [], ""
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, row, strict=False))
        if cells.get("ACTION", "I").strip().upper() == "D":
            continue  # a deletion is not an observation
        dataflow = dataflow or _code(cells.get(flow_column, ""))[0]
        coded = {name: _code(cells.get(name, "")) for name in keys}
        observations.append(
            Observation(
                key={name: code for name, (code, _label) in coded.items()},
                labels={name: label for name, (_code_, label) in coded.items() if label},
                period=_code(cells[time_dimension])[0],
                value=_number(cells.get("OBS_VALUE")),
            )
        )
    return Message(version, dataflow, observations)


def _joined(row: list[str], label_of: dict[int, int], header: list[str]) -> list[str]:
    """A row of labels=name as labels=both writes it: "CODE: Label" in the component's cell (a
    value keeps no label), the label columns left out."""
    label_columns = set(label_of.values())
    joined = []
    for index, cell in enumerate(row):
        if index in label_columns:
            continue
        label = row[label_of[index]].strip() if index in label_of and label_of[index] < len(row) else ""
        code = cell.strip()
        joined.append(f"{code}: {label}" if code and label and header[index] != "OBS_VALUE" else cell)
        # (the header row joins each component's id with its name, which the header reading drops)
    return joined


# --- SDMX-JSON -----------------------------------------------------------------------------------


def read_json(text: str) -> Message:
    document = json.loads(text)
    if "data" in document and "structures" in document["data"]:  # SDMX-JSON 2.0
        version, data = "SDMX-JSON 2.0", document["data"]
        structure, datasets = data["structures"][0], data.get("dataSets", [])
    elif "structure" in document or "data" in document:  # SDMX-JSON 1.0 (also nested under "data")
        version, data = "SDMX-JSON 1.0", document.get("data", document)
        structure, datasets = data["structure"], data.get("dataSets", [])
    else:
        raise ValidationError(_("This is not an SDMX-JSON data message."), code="format")
    dims = structure["dimensions"]
    dataset_dims = dims.get("dataSet", [])
    series_dims, obs_dims = dims.get("series", []), dims.get("observation", [])
    flow = structure.get("name") or ""
    links = structure.get("links") or []
    flow = next((link.get("urn") or link.get("href") for link in links if link.get("rel") == "dataflow"), flow)

    def decode(dimensions, indexes):
        key, labels = {}, {}
        for dimension, index in zip(dimensions, indexes, strict=False):
            value = dimension["values"][int(index)]
            key[dimension["id"]] = value["id"]
            name = value.get("name")
            if isinstance(name, dict):
                name = name.get("nl") or name.get("en") or next(iter(name.values()), "")
            if name:
                labels[dimension["id"]] = str(name)
        return key, labels

    fixed = {d["id"]: d["values"][0]["id"] for d in dataset_dims if d.get("values")}
    observations = []
    for dataset in datasets:
        for series_index, series in (
            dataset.get("series") or {"": {"observations": dataset.get("observations", {})}}
        ).items():
            series_key, series_labels = decode(series_dims, series_index.split(":") if series_index else [])
            for obs_index, values in series.get("observations", {}).items():
                obs_key, obs_labels = decode(obs_dims, obs_index.split(":"))
                key = {**fixed, **series_key, **obs_key}
                period = key.pop(TIME, None) or key.pop("TIME", "")
                observations.append(
                    Observation(
                        key=key,
                        labels={**series_labels, **obs_labels},
                        period=period,
                        value=_number(values[0] if values else None),
                    )  # fmt: skip
                )
    return Message(version, str(flow), observations)


# --- SDMX-ML -------------------------------------------------------------------------------------


def structure_beside(path: Path) -> Path | None:
    """The structure file named after the data (``<name>-structure.xml``, ``<name>.structure.xml``),
    a ``structure.xml``, or the only structure-looking file in the folder — never a guess among several."""
    stem = path.name.split(".")[0]
    for candidate in (path.with_name(f"{stem}-structure.xml"), path.with_name(f"{stem}.structure.xml"),
                      path.with_name("structure.xml")):  # fmt: skip
        if candidate.exists() and candidate != path:
            return candidate
    others = {c for pattern in ("*structure*.xml", "*DSD*.xml") for c in path.parent.glob(pattern)} - {path}
    return others.pop() if len(others) == 1 else None


def read_xml(path: Path, structure: Path | None = None) -> Message:
    import contextlib
    import logging

    import sdmx

    logging.getLogger("sdmx").setLevel(logging.ERROR)  # the library reports what it skips; we report errors
    structure = structure or structure_beside(path)
    # The library prints its parser state to stdout when a file defeats it: keep stdout ours.
    with contextlib.redirect_stdout(io.StringIO()):
        message = _parse(sdmx, path, structure)
    datasets = getattr(message, "data", None)
    if not datasets:
        raise ValidationError(_("This SDMX-ML file holds no data (a structure file?)."), code="format")
    observations = []
    for dataset in datasets:
        for obs in dataset.obs:
            key = {name: str(value.value) for name, value in obs.key.values.items()}
            period = key.pop(TIME, "") or key.pop("TIME", "")
            observations.append(Observation(key=key, period=period, value=_number(obs.value)))
    flow = getattr(datasets[0].structured_by, "id", "") or ""
    return Message("SDMX-ML", str(flow), observations)


def _parse(sdmx, path: Path, structure: Path | None):
    try:
        dsd = None
        if structure is not None:
            structures = sdmx.read_sdmx(structure)
            dsd = next(iter(structures.structure.values()), None)
        return sdmx.read_sdmx(path, structure=dsd) if dsd is not None else sdmx.read_sdmx(path)
    except Exception as exc:  # noqa: BLE001 - any parse failure is the file's, reported to the user
        raise ValidationError(
            _("This SDMX-ML file cannot be read (%(problem)s). Is its structure file beside it?")
            % {"problem": str(exc)[:200]},
            code="format",
        ) from None


def read(path: Path, *, structure: Path | None = None, time_dimension: str = TIME) -> Message:
    """Any of the formats above, recognised from the content. A file that is none of them, or is
    cut short, raises a ValidationError saying so, never a parser's own exception."""
    raw = path.read_bytes()
    head = raw[:2048].lstrip().decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    if head.startswith("<"):
        return read_xml(path, structure)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("This is not an SDMX message: SDMX-JSON and SDMX-CSV are UTF-8 text, SDMX-ML is XML."), code="format"
        ) from None
    if head.startswith("{"):
        try:
            return read_json(text)
        except ValidationError:
            raise
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            # json's errors are ValueErrors; the others are a message missing what SDMX-JSON requires.
            raise ValidationError(
                _("This SDMX-JSON message is incomplete or damaged (%(problem)s).") % {"problem": str(exc)[:200]},
                code="format",
            ) from None
    return read_csv(text, time_dimension)
