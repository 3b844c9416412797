"""What the grant programmes tell everyone: the published calls, and per programme and year the
granted grants (beneficiary, country, amount, purpose, decision date) for the page, the API and
open data, through one function. A protected beneficiary (a person at risk) appears as
"beschermde begunstigde", without name, country or purpose: these rows are built here from the
grant alone, never from its confidential file."""

from __future__ import annotations

import io
from dataclasses import dataclass

from chancery.core import csvfiles
from chancery.grants import rules
from chancery.grants.models import Application, Call, CallState
from chancery.grants.services.money import euro

CSV_FIELDS = ["programme", "year", "beneficiary", "country", "amount_eur", "purpose", "decided_on"]


@dataclass(frozen=True)
class GrantRow:
    pk: int
    programme: str
    programme_name: str
    year: int
    beneficiary: str | None
    country: str | None
    amount_eur: str
    purpose: str | None
    decided_on: str
    protected: bool

    @property
    def beneficiary_shown(self) -> str:
        return self.beneficiary or rules.PROTECTED_BENEFICIARY


def granted_grants():
    """The granted grants, as a queryset (filterable by the API); each row is shown through `row`."""
    return (
        Application.objects.filter(awarded_cents__isnull=False, case__state="granted")
        .select_related("call__programme")
        .order_by("-decided_on", "pk")
    )


def row(application: Application) -> GrantRow:
    protected = application.protected
    return GrantRow(
        pk=application.pk,
        programme=application.call.programme.code,
        programme_name=application.call.programme.name,
        year=application.call.year,
        beneficiary=None if protected else application.beneficiary,
        country=None if protected else application.country,
        amount_eur=euro(application.awarded_cents),
        purpose=None if protected else application.purpose,
        decided_on=application.decided_on.isoformat() if application.decided_on else "",
        protected=protected,
    )


def grants_csv(programme: str | None = None, year: int | None = None) -> str:
    grants = granted_grants()
    if programme:
        grants = grants.filter(call__programme__code=programme)
    if year:
        grants = grants.filter(call__year=year)
    text = io.StringIO()
    writer = csvfiles.DictWriter(text, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for application in grants.iterator(chunk_size=500):
        r = row(application)
        writer.writerow({
            "programme": r.programme, "year": r.year, "beneficiary": r.beneficiary_shown, "country": r.country or "",
            "amount_eur": r.amount_eur, "purpose": r.purpose or "", "decided_on": r.decided_on,
        })  # fmt: skip
    return text.getvalue()


def published_calls():
    return Call.objects.filter(state=CallState.PUBLISHED).select_related("programme").prefetch_related("criteria")
