"""Demo of payments in tranches and reports (issue 15, capabilities 5 and 6): on the Eastern border
and Ukraine call, a grant of the demo applicant in every state after the award — agreement signed,
advance paid (with an interim report), final report due, final report submitted, settled, paid out
after a partial acceptance, a recovery ordered after a report accepted below the advance, and one
recovered after its purpose was not respected. Called from loader.load_demo; idempotent (each file
is a DemoSeed key)."""

from __future__ import annotations

from chancery.core.demo.loader import seed
from chancery.grants.services import reports
from chancery.procedures.services import cases as engine

# (title, organisation index, country, state after the award, budget (cost, co-financing))
GRANTS = [
    ("Energie voor ziekenhuizen in Tsjernihiv", 3, "UA", "agreement_signed", ("90000.00", "10000.00")),
    ("Psychosociale steun in Boetsja", 3, "UA", "advance_paid", ("60000.00", "0")),
    ("Gemeentelijke samenwerking Gent–Lviv", 0, "UA", "report_due", ("75000.00", "5000.00")),
    ("Herstel van bibliotheken in Irpin", 0, "UA", "report_submitted", ("50000.00", "0")),
    ("Opleiding van ontmijners", 3, "MD", "settled", ("100000.00", "20000.00")),
    ("Digitale archieven voor lokale besturen", 0, "GE", "paid_out", ("40000.00", "0")),
    ("Jongerenuitwisseling Kyiv–Antwerpen", 3, "UA", "recovery", ("30000.00", "0")),
    ("Mobiele klinieken in Cherson", 0, "UA", "recovered", ("45000.00", "0")),
]
STEPS = {
    "agreement_signed": ["sign_agreement"],
    "advance_paid": ["sign_agreement", "pay_advance", "interim"],
    "report_due": ["sign_agreement", "pay_advance", "request_final_report"],
    "report_submitted": ["sign_agreement", "pay_advance", "request_final_report", "final"],
    "settled": ["sign_agreement", "pay_advance", "request_final_report", "final", "accept"],
    "paid_out": ["sign_agreement", "pay_advance", "request_final_report", "final", "partial", "pay_balance"],
    "recovery": ["sign_agreement", "pay_advance", "request_final_report", "final", "below_advance"],
    "recovered": ["sign_agreement", "pay_advance", "order_recovery", "record_repayment"],
}
REASONS = {
    "request_final_report": "Het project is afgelopen: bezorg het eindverslag met de kostenstaat.",
    "order_recovery": "Het doel werd niet nageleefd: de klinieken werden niet ingezet zoals afgesproken.",
    "record_repayment": "Terugbetaling ontvangen op de rekening van het departement.",
}


def _spent(application, fraction_num: int, fraction_den: int) -> list[str]:
    return [f"{line['amount_cents'] * fraction_num // fraction_den / 100:.2f}" for line in application.budget_lines]


def _step(name, case, users):
    applicant, handler = users["aanvrager"], users["subsidies"]
    application = case.grant_application
    if name in ("interim", "final"):
        spent = _spent(application, 1, 2) if name == "interim" else _spent(application, 1, 1)
        narrative = "Activiteiten uitgevoerd volgens het plan; bewijsstukken bij de kostenstaat."
        reports.submit(applicant, case, kind=name, spent=spent, narrative=narrative, source="command")
    elif name in ("accept", "partial", "below_advance"):
        awarded = application.awarded_cents
        accepted = {"accept": awarded, "partial": awarded * 9 // 10, "below_advance": awarded // 2}[name]
        note = "" if name == "accept" else "Niet alle kosten zijn met bewijsstukken gestaafd."
        reports.assess_final(handler, case, accepted_cents=accepted, note=note, source="command")
    else:
        engine.fire(case, name, handler, reason=REASONS.get(name, ""), expected_version=case.version, source="command")


def load(calls, users, created, *, application) -> None:
    """The grants in every payment state, on the Eastern border and Ukraine call. `application` is
    the loader's (a grant filed, reviewed and awarded)."""
    call = calls.get("oostgrens-oekraine")
    if call is None:
        return
    for title, index, country, state, budget in GRANTS:
        row = (title, "oostgrens-oekraine", index, country, "granted", budget, (17, 16, 15))

        def make(row=row, state=state):
            case = application(row, call, users, created)
            for name in STEPS[state]:
                case.refresh_from_db()
                _step(name, case, users)
            case.refresh_from_db()
            return case

        seed(f"grants:payments:{title}", make, created)
