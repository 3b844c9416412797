"""The anomaly register: a handler marks a claim's outcome as unreasonable, naming the rule
(rules.ANOMALY_RULES), the facts and a proposal. The register per rule is exported as CSV, as
input for amending the decree (memorandum §7.3), and as a spreadsheet report (XLSX, one sheet per
rule) that a minister's office attaches to a submission for the Government's agenda (the upload
formats of decision-making take XLSX, not CSV)."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from chancery.core import audit, csvfiles
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.disaster_fund import rules
from chancery.disaster_fund.models import Anomaly, Claim
from chancery.disaster_fund.services.compensation import euro


@transaction.atomic
def record(actor, claim: Claim, *, rule: str, facts: str, proposal: str) -> Anomaly:
    require(actor, "disaster_fund.handle")
    errors = {}
    if rule not in rules.ANOMALY_RULES:
        errors["rule"] = _("Choose one of the rules.")
    if not facts.strip():
        errors["facts"] = _("Describe the facts.")
    if not proposal.strip():
        errors["proposal"] = _("Make a proposal.")
    if errors:
        raise ValidationError(errors)
    anomaly = Anomaly.objects.create(
        claim=claim, rule=rule, facts=facts.strip(), proposal=proposal.strip(), recorded_by=actor
    )
    audit.record(actor, AuditAction.CREATE, anomaly, after={"rule": rule, "claim": claim.case.reference})
    return anomaly


def register_by_rule(queryset) -> list[tuple[str, str, list[Anomaly]]]:
    """(rule key, its wording, its anomalies) for each rule with at least one."""
    rows = list(queryset.select_related("claim__case", "claim__recognition__event", "claim__municipality"))
    return [
        (key, label, [a for a in rows if a.rule == key])
        for key, label in rules.ANOMALY_RULES.items()
        if any(a.rule == key for a in rows)
    ]


CSV_HEADER = ["regel", "omschrijving_regel", "dossier", "ramp", "gemeente", "vergoeding_eur", "feiten", "voorstel",
              "geregistreerd_op"]  # fmt: skip


def as_csv(queryset, rule: str | None = None) -> str:
    """The register (of one rule, or all) as CSV, for the Government's review of the decree."""
    out = io.StringIO()
    writer = csvfiles.writer(out)
    writer.writerow(CSV_HEADER)
    for key, label, anomalies in register_by_rule(queryset):
        if rule and key != rule:
            continue
        for a in anomalies:
            claim = a.claim
            writer.writerow([
                key, label, claim.case.reference, claim.recognition.event.name, claim.municipality.name,
                euro(claim.compensation_cents) if claim.compensation_cents is not None else "",
                a.facts, a.proposal, a.recorded_at.date().isoformat(),
            ])  # fmt: skip
    return out.getvalue()


def as_xlsx(queryset) -> bytes:
    """The register as a report for the Government: a summary sheet (anomalies per rule) and one
    sheet per rule with its anomalies."""
    book = Workbook()
    summary = book.active
    summary.title = "Overzicht"
    summary.append(["Register van afwijkingen bij de toepassing van het decreet van 5 april 2019"])
    summary.append(["regel", "omschrijving", "aantal"])
    register = register_by_rule(queryset)
    for key, label, entries in register:
        summary.append([key, label, len(entries)])
    for key, _label, entries in register:
        sheet = book.create_sheet(key[:31])
        sheet.append(CSV_HEADER)
        for a in entries:
            claim = a.claim
            sheet.append([
                csvfiles.safe_cell(value) for value in (
                    key, rules.ANOMALY_RULES[key], claim.case.reference, claim.recognition.event.name,
                    claim.municipality.name,
                    euro(claim.compensation_cents) if claim.compensation_cents is not None else "",
                    a.facts, a.proposal, a.recorded_at.date().isoformat(),
                )
            ])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
