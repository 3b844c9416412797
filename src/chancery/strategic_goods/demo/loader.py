"""Demo data for strategic goods: the control-list extract (also loaded by migration) and the
invented demo sanctions list in the EU export format. Idempotent: a list already loaded stays."""

from __future__ import annotations

from pathlib import Path

from chancery.strategic_goods.models import ControlListEntry, SanctionedEntity, SanctionsList, ScreeningHit
from chancery.strategic_goods.services.control_list import load_control_list
from chancery.strategic_goods.services.review import screen_parties
from chancery.strategic_goods.services.sanctions import load_sanctions

DEMO_SANCTIONS = Path(__file__).resolve().parent.parent / "data" / "demo-sanctions.xml"
DEMO_SUBJECT = "demo:uitvoeraanvraag-2026-001"
DEMO_PARTIES = [
    ("Vlaamse Precisie Optiek NV", "BE"),  # the exporter
    ("Sunrise Global Trading F.Z.E.", "AE"),  # consignee: on the (invented) list
    ("Minsk Optoelectronic Systems JSC", "BY"),  # end user: on the list, country under arms embargo
    ("Sokolovsky, Dmitri", "RU"),  # signatory of the end-user certificate
]


def load_demo() -> dict:
    added = {}
    if not ControlListEntry.objects.exists():
        added[ControlListEntry] = load_control_list()
    if not SanctionsList.objects.exists():
        added[SanctionedEntity] = load_sanctions(DEMO_SANCTIONS, source="command").entity_count
    if not ScreeningHit.objects.filter(subject=DEMO_SUBJECT).exists():
        # The parties of an (invented) export application, screened: hits that await a handler.
        hits = screen_parties(DEMO_SUBJECT, DEMO_PARTIES, source="command")
        added[ScreeningHit] = hits.count()
    return added
