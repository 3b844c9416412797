"""Helpers for tests (and the demo) of the screening: a notification as the counter's form files it,
filed through the engine, and an ex officio review."""

from __future__ import annotations

import datetime

from chancery.investment_screening.services import notifications
from chancery.procedures.services import work
from chancery.procedures.testing import PARTY

NOTIFICATION = {
    "investor_name": "Dragon Grid Holdings Ltd.",
    "investor_kind": "undertaking",
    "investor_country": "HK",
    "owners": [{"name": "Li Wei", "country": "CN"}],
    "target_name": "Andere Onderneming BV",
    "target_enterprise_number": "0203.040.596",
    "regions": ["VLG", "BRU"],
    "sectors": ["energy", "critical_infrastructure"],
    "turnover_eur": "240000000",
    "voting_rights_before": "5",
    "voting_rights_after": "35",
    "control_acquired": True,
    "deal_value_eur": "310000000",
    "signing_date": "2026-02-16",
    "planned_closing": "2026-06-30",
    "business_secrets": "Earn-out van 40 miljoen euro bij behalen van de netkoppeling in 2027.",
}


def notify(applicant, *, party: dict | None = None, title: str = "Investering in netbeheer", **changes):
    """A notification filed at the counter by `applicant` for the tests' company (or `party`)."""
    raw = {**NOTIFICATION, **changes}
    return work.apply(
        applicant, notifications.CODE, party=party or PARTY, title=title, data={notifications.DATA_KEY: raw},
        documents=[],
    )  # fmt: skip


def open_ex_officio(actor, *, closed_on: datetime.date, **changes):
    return notifications.open_ex_officio(actor, {**NOTIFICATION, **changes, "closed_on": closed_on.isoformat()})
