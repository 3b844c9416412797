"""Demo data for strategic goods: the control-list extract (also loaded by migration) and the
invented demo sanctions list in the EU export format. Idempotent: a list already loaded stays."""

from __future__ import annotations

from pathlib import Path

from chancery.strategic_goods.models import ControlListEntry, SanctionsList
from chancery.strategic_goods.services.control_list import load_control_list
from chancery.strategic_goods.services.sanctions import load_sanctions

DEMO_SANCTIONS = Path(__file__).resolve().parent.parent / "data" / "demo-sanctions.xml"


def load_demo() -> dict[str, int]:
    added = {}
    if not ControlListEntry.objects.exists():
        added["control-list codes"] = load_control_list()
    if not SanctionsList.objects.exists():
        added["invented sanctions entries"] = load_sanctions(DEMO_SANCTIONS, source="command").entity_count
    return added
