"""The control lists as data, and the validation of a control-list code against them.

A code is first checked for its form (procedure-rules §A2): an EU Annex I code is a category digit,
a product-group letter A–E, a regime digit 0–4 and two digits, then sub-items (`3A001.a.1`); a
military code is ML1–ML22 with sub-items (`ML1.d.2`). A well-formed code that is not on the loaded
list is *unknown*, and the message names the nearest code above it that is on the list.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.strategic_goods.models import ControlListEntry

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "control_list.json"

DUAL_USE_CODE = re.compile(r"^(?P<category>[0-9])(?P<group>[A-E])(?P<regime>[0-4])[0-9]{2}(\.[a-z0-9]+)*$")
MILITARY_CODE = re.compile(r"^ML([1-9]|1[0-9]|2[0-2])(\.[a-z0-9]+)*$")
# US Export Control Classification Numbers: the same first two characters, but a third digit 5–9
# (e.g. 5A992, 3A991: controls the US adds on its own), a Y group (0Y521), the 600 series of
# military items (9A610) or EAR99 (items subject to the EAR but not on the US list).
US_ECCN = re.compile(r"^(EAR99|[0-9][A-EY][0-9]{3}(\.[A-Za-z0-9]+)*)$")

# Third character of an Annex I code → regime; category 0 is wholly Nuclear Suppliers Group.
REGIMES = {"0": "wassenaar", "1": "mtcr", "2": "nsg", "3": "australia-group", "4": "cwc"}


class ControlCodeError(ValidationError):
    """A code that cannot be used; `code` is 'empty', 'malformed', 'us_eccn' or 'unknown'."""


@cache
def control_list_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """The canonical spelling: no spaces, list part in capitals, sub-items in lower case, no
    trailing dot ('3a001.A.1.' → '3A001.a.1', 'ml 1.d' → 'ML1.d')."""
    compact = re.sub(r"\s+", "", text or "").rstrip(".")
    head, _sep, tail = compact.partition(".")
    return head.upper() + ("." + tail.lower() if tail else "")


def parent_code(code: str) -> str | None:
    head, _sep, _last = code.rpartition(".")
    return head or None


@dataclass(frozen=True)
class EntryData:
    code: str
    parent: str | None
    list: str
    category: str
    group: str
    regime: str
    description: str
    list_version: str
    valid_from: datetime.date
    position: int


def entries_from_data(data: dict | None = None) -> list[EntryData]:
    """The entries of the data file, checked: every code well-formed and under a listed parent."""
    data = data or control_list_data()
    sources = data["sources"]
    result: list[EntryData] = []
    seen: set[str] = set()
    for position, raw in enumerate(data["entries"]):
        code = raw["code"]
        if normalise(code) != code:
            raise ValueError(f"{code}: not in canonical form")
        if dual := DUAL_USE_CODE.match(code):
            kind, category, group = "dual-use", dual["category"], dual["group"]
            regime = "nsg" if category == "0" else REGIMES[dual["regime"]]
        elif MILITARY_CODE.match(code):
            kind, category, group, regime = "military", "", "", "military"
        else:
            raise ValueError(f"{code}: not a control-list code")
        parent = parent_code(code)
        if parent and parent not in seen:
            raise ValueError(f"{code}: its parent {parent} is not listed before it")
        if code in seen:
            raise ValueError(f"{code}: listed twice")
        seen.add(code)
        source = sources[kind]
        result.append(
            EntryData(
                code=code,
                parent=parent,
                list=kind,
                category=category,
                group=group,
                regime=regime,
                description=raw["description"],
                list_version=source["version"],
                valid_from=datetime.date.fromisoformat(source["valid_from"]),
                position=position,
            )
        )
    return result


def load_control_list(model=None, data: dict | None = None) -> int:
    """Replace the stored control list by the data file's, in one transaction. `model` lets the
    data migration pass its historical model. Returns the number of entries."""
    model = ControlListEntry if model is None else model
    entries = entries_from_data(data)
    with transaction.atomic():
        model.objects.all().delete()
        by_code = {}
        for entry in entries:
            fields = {k: v for k, v in entry.__dict__.items() if k != "parent"}
            by_code[entry.code] = model.objects.create(parent=by_code.get(entry.parent), **fields)
    return len(entries)


def validate_code(text: str) -> str:
    """The normalised code if it is on the loaded control list; otherwise a ControlCodeError with a
    message in the user's language that says whether the code is malformed or unknown."""
    code = normalise(text)
    if not code:
        raise ControlCodeError(_("Give a control-list code, e.g. 3A001.a.1 or ML1.a."), code="empty")
    if not (DUAL_USE_CODE.match(code) or MILITARY_CODE.match(code)):
        if US_ECCN.match(code):
            raise ControlCodeError(
                _(
                    "%(code)s is a US export classification (ECCN of the Export Administration Regulations), "
                    "not an EU control-list code. Give the code of Annex I of Regulation (EU) 2021/821 "
                    "(e.g. 5A002.a.1) or of the EU Common Military List (e.g. ML1.a); if the goods are on "
                    "neither list, they are not listed goods."
                )
                % {"code": code},
                code="us_eccn",
            )
        raise ControlCodeError(
            _(
                "“%(text)s” is not a control-list code. An EU dual-use code is a digit 0–9, a letter A–E "
                "and three digits of which the first is 0–4, with sub-items after dots (e.g. 3A001.a.1); "
                "a military code is ML1 to ML22 with sub-items (e.g. ML1.d.2)."
            )
            % {"text": text.strip()},
            code="malformed",
        )
    if ControlListEntry.objects.filter(code=code).exists():
        return code
    ancestors = []
    parent = parent_code(code)
    while parent:
        ancestors.append(parent)
        parent = parent_code(parent)
    nearest = ControlListEntry.objects.filter(code__in=ancestors).order_by("-code").values_list("code", flat=True)
    nearest = max(nearest, key=len, default=None)
    if nearest:
        message = _(
            "%(code)s is well-formed but not on the control list. The nearest code above it that is on the list "
            "is %(nearest)s; check the sub-item."
        ) % {"code": code, "nearest": nearest}
    else:
        message = _("%(code)s is well-formed but not on the control list (%(version)s).") % {
            "code": code,
            "version": control_list_data()["sources"]["military" if code.startswith("ML") else "dual-use"]["version"],
        }
        # Point to the entries of the same category and product group (3A090 → 3A001, 3A002 …).
        same_group = list(
            ControlListEntry.objects.filter(parent=None, code__startswith=code[:2]).values_list("code", flat=True)[:8]
        )
        if same_group:
            message += " " + _("Entries of %(group)s on the list: %(codes)s.") % {
                "group": code[:2],
                "codes": ", ".join(same_group),
            }
    raise ControlCodeError(message, code="unknown")
