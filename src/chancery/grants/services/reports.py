"""Reports of a grant (procedure-rules §D3 step 7): interim and final reports of the beneficiary,
at the counter, with a cost statement against the budget table (per budget line: what was spent);
the grants service accepts the final report, accepts it partially (the balance reduced and the
envelope's commitment released accordingly) or refuses it, and may order a recovery when a report
is refused or the purpose not respected: a recovery order of what is to be paid back, recorded,
audited, the event `grants.recovery_ordered` emitted.

The final report moves the file on the engine (report_due → report_submitted → settled |
recovery); the functions named `*_step` and the guards below are the steps' entry actions and
guards (procedure.py), run inside the step's transaction so a refusal undoes everything."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.grants.events import RECOVERY_ORDERED, REPORT_DECIDED, REPORT_SUBMITTED
from chancery.grants.models import (
    Application,
    RecoveryOrder,
    Report,
    ReportKind,
    ReportState,
    TrancheKind,
    TrancheState,
)
from chancery.grants.services import payments
from chancery.grants.services.applications import CODE
from chancery.grants.services.money import cents, euro
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine
from chancery.procedures.services.parties import require_representation

REPORT_FIELDS = ("kind", "state", "spent_cents", "accepted_cents")
# Where the beneficiary may report: an interim report while the project runs, the final one when due.
REPORTABLE = {ReportKind.INTERIM: ("advance_paid",), ReportKind.FINAL: ("report_due",)}


def _grant(case: Case) -> Application:
    return Application.objects.select_related("call", "case").get(case=case)


def final_report(application: Application) -> Report | None:
    return application.reports.filter(kind=ReportKind.FINAL).order_by("-submitted_at", "-pk").first()


# --- the beneficiary's report --------------------------------------------------------------------


def cost_statement(application: Application, spent: list) -> tuple[list[dict], int]:
    """The cost statement: for each line of the budget table (in order) what was spent, an amount
    in euro; refused in Dutch when a line is missing, negative or not an amount."""
    budget = application.budget_lines
    if not isinstance(spent, list | tuple) or len(spent) != len(budget):
        raise ValidationError(_("Give what was spent on each line of the budget table."))
    lines = []
    for line, amount in zip(budget, spent, strict=True):
        lines.append({"label": line["label"], "budget_cents": line["amount_cents"],
                      "spent_cents": cents(amount, line["label"])})  # fmt: skip
    return lines, sum(line["spent_cents"] for line in lines)


@transaction.atomic
def submit(actor, case: Case, *, kind: str, spent: list, narrative: str, source=None) -> Report:
    """The beneficiary's report with its cost statement. A final report moves the file to
    `report_submitted` (the engine's step `submit_report`, as the applicant)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.procedure != CODE or locked.applicant_user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the beneficiary reports on their grant."))
    require_representation(actor, locked.applicant)
    if kind not in REPORTABLE:
        raise ValidationError({"kind": _("Choose an interim or a final report.")})
    if locked.state not in REPORTABLE[kind]:
        raise ValidationError(
            _("A final report is submitted when the grants service asks for it; this file is “%(state)s”.")
            if kind == ReportKind.FINAL
            else _(
                "An interim report is submitted after the advance, before the final report; this file is “%(state)s”."
            ),  # fmt: skip
            code="state",
            params={"state": locked.state_info.label_for_applicant},
        )
    application = _grant(locked)
    narrative = (narrative or "").strip()
    errors = {}
    try:
        lines, total = cost_statement(application, spent)
    except ValidationError as exc:
        errors["spent"] = exc.messages[0]
    if not narrative:
        errors["narrative"] = _("Describe what the project did (the content report).")
    if errors:
        raise ValidationError(errors)
    report = Report.objects.create(
        application=application, kind=kind, narrative=narrative[:8000], cost_lines=lines, spent_cents=total,
        submitted_at=timezone.now(), submitted_by=actor,
    )  # fmt: skip
    audit.record(actor, AuditAction.CREATE, report, after=audit.snapshot(report, REPORT_FIELDS), source=source)
    events.emit(REPORT_SUBMITTED.code, report, {"reference": locked.reference, "kind": kind})
    if kind == ReportKind.FINAL:
        engine.fire(locked, "submit_report", actor, source=source)
        case.refresh_from_db()
    return report


# --- the grants service's assessment -------------------------------------------------------------


@transaction.atomic
def assess_final(actor, case: Case, *, accepted_cents: int, note: str, source=None) -> Case:
    """The service's assessment of the final report: what it accepts of the grant. In full: the
    balance is ordered (`accept_report`); less, but not less than what was paid: the balance
    reduced and the rest of the commitment released (`accept_report_partially`); less than what
    was paid (nothing when the report is refused): a recovery order of the difference
    (`order_recovery`). A reduction or a recovery needs its motivation (`note`)."""
    require(actor, "grants.handle")
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.procedure != CODE or locked.state != "report_submitted":
        raise ValidationError(_("There is no final report to assess on this file now."), code="state")
    application = _grant(locked)
    report = final_report(application)
    if report is None or report.state != ReportState.SUBMITTED:
        raise ValidationError(_("There is no final report to assess on this file now."), code="state")
    if isinstance(accepted_cents, bool) or not isinstance(accepted_cents, int) or accepted_cents < 0:
        raise ValidationError({"accepted_eur": _("The accepted amount may not be negative.")})
    if accepted_cents > application.awarded_cents:
        raise ValidationError({"accepted_eur": _("At most the grant (%(grant)s EUR) is accepted.")
                               % {"grant": euro(application.awarded_cents)}})  # fmt: skip
    if accepted_cents > report.spent_cents:
        raise ValidationError({"accepted_eur": _("At most what the cost statement shows spent (%(spent)s EUR) is "
                                                 "accepted.") % {"spent": euro(report.spent_cents)}})  # fmt: skip
    paid = payments.paid_cents(application)
    if accepted_cents == application.awarded_cents:
        step = "accept_report"
    elif accepted_cents >= paid:
        step = "accept_report_partially"
    else:
        step = "order_recovery"
    note = (note or "").strip()
    before = audit.snapshot(report, REPORT_FIELDS)
    report.accepted_cents, report.decision_note = accepted_cents, note[:4000]
    report.decided_by, report.decided_at = actor, timezone.now()
    report.save(update_fields=["accepted_cents", "decision_note", "decided_by", "decided_at"])
    audit.record(actor, AuditAction.UPDATE, report, before=before, after=audit.snapshot(report, REPORT_FIELDS),
                 reason=note, source=source)  # fmt: skip
    engine.fire(locked, step, actor, reason=note, source=source)
    case.refresh_from_db()
    return case


@transaction.atomic
def review_interim(actor, report: Report, *, accept: bool, note: str = "", source=None) -> Report:
    """The service's answer to an interim report: accepted, or refused with its motivation (a
    purpose not respected may then lead to a recovery, a step of its own on the file)."""
    require(actor, "grants.handle")
    locked = Report.objects.select_for_update().select_related("application__case").get(pk=report.pk)
    if locked.kind != ReportKind.INTERIM or locked.state != ReportState.SUBMITTED:
        raise ValidationError(_("This report was already assessed."), code="state")
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": _("Give the reason why the report is refused.")})
    before = audit.snapshot(locked, REPORT_FIELDS)
    locked.state = ReportState.ACCEPTED if accept else ReportState.REFUSED
    locked.decision_note, locked.decided_by, locked.decided_at = note[:4000], actor, timezone.now()
    locked.save(update_fields=["state", "decision_note", "decided_by", "decided_at"])
    audit.record(actor, AuditAction.UPDATE, locked, before=before, after=audit.snapshot(locked, REPORT_FIELDS),
                 reason=note, source=source)  # fmt: skip
    events.emit(REPORT_DECIDED.code, locked, {"reference": locked.application.case.reference, "kind": locked.kind,
                                              "state": locked.state})  # fmt: skip
    return locked


# --- the engine's guards -------------------------------------------------------------------------


def final_report_on_file(case: Case) -> str | None:
    report = final_report(_grant(case))
    if report is None or report.state != ReportState.SUBMITTED:
        return _("Submit the final report with its cost statement on the grant's panel.")
    return None


def _assessed(case: Case) -> tuple[Application, Report | None]:
    application = _grant(case)
    report = final_report(application)
    if report is None or report.state != ReportState.SUBMITTED or report.accepted_cents is None:
        return application, None
    return application, report


def assessed_in_full(case: Case) -> str | None:
    application, report = _assessed(case)
    if report is None or report.accepted_cents != application.awarded_cents:
        return _("Record the assessment of the final report on the grant's panel: the whole grant accepted.")
    return None


def assessed_partially(case: Case) -> str | None:
    application, report = _assessed(case)
    paid = payments.paid_cents(application)
    if report is None or not paid <= report.accepted_cents < application.awarded_cents:
        return _("Record the assessment of the final report on the grant's panel: less than the grant accepted, "
                 "not less than what was paid.")  # fmt: skip
    return None


def recoverable(case: Case) -> str | None:
    application = _grant(case)
    if payments.paid_cents(application) - _kept(application) <= 0:
        return _("Nothing was paid above what is accepted: there is nothing to recover.")
    return None


def _kept(application: Application) -> int:
    """What the beneficiary keeps of what was paid: the accepted amount of an assessed final report
    still awaiting its step, else nothing (a refused report, a purpose not respected)."""
    report = final_report(application)
    if report is not None and report.state == ReportState.SUBMITTED and report.accepted_cents is not None:
        return report.accepted_cents
    return 0


# --- the engine's entry actions ------------------------------------------------------------------


def settle_step(case: Case, transition, actor) -> None:
    """Accept the final report (in full or partially): release what is not accepted, order the
    balance (what is accepted minus what was paid)."""
    application = _grant(case)
    report = final_report(application)
    before = audit.snapshot(report, REPORT_FIELDS)
    full = report.accepted_cents == application.awarded_cents
    report.state = ReportState.ACCEPTED if full else ReportState.PARTIALLY_ACCEPTED
    report.save(update_fields=["state"])
    audit.record(actor, AuditAction.UPDATE, report, before=before, after=audit.snapshot(report, REPORT_FIELDS))
    payments.release(actor, application, application.awarded_cents - report.accepted_cents, reason=case.reference)
    balance = payments.tranche(application, TrancheKind.BALANCE)
    payments.order(actor, balance, report.accepted_cents - payments.paid_cents(application))
    events.emit(REPORT_DECIDED.code, report, {"reference": case.reference, "kind": report.kind,
                                              "state": report.state})  # fmt: skip


def recovery_step(case: Case, transition, actor) -> None:
    """A recovery order of what was paid above what is kept; the unpaid tranches are cancelled and
    the unpaid part of the commitment goes back to the envelope. Its reason is the step's (filled in
    by `fill_recovery_reason` once the engine wrote it)."""
    application = _grant(case)
    paid, kept = payments.paid_cents(application), _kept(application)
    report = final_report(application)
    if report is not None and report.state == ReportState.SUBMITTED:
        before = audit.snapshot(report, REPORT_FIELDS)
        report.accepted_cents = kept
        report.state = ReportState.PARTIALLY_ACCEPTED if kept else ReportState.REFUSED
        report.save(update_fields=["accepted_cents", "state"])
        audit.record(actor, AuditAction.UPDATE, report, before=before, after=audit.snapshot(report, REPORT_FIELDS))
    for tranche in application.tranches.select_for_update().exclude(state=TrancheState.PAID):
        if tranche.state != TrancheState.CANCELLED:
            before = audit.snapshot(tranche, payments.TRANCHE_FIELDS)
            tranche.state = TrancheState.CANCELLED
            tranche.save(update_fields=["state"])
            audit.record(actor, AuditAction.UPDATE, tranche, before=before,
                         after=audit.snapshot(tranche, payments.TRANCHE_FIELDS))  # fmt: skip
    payments.release(actor, application, application.awarded_cents - paid, reason=case.reference)
    order = RecoveryOrder.objects.create(application=application, amount_cents=paid - kept, reason="",
                                         ordered_at=timezone.now(), ordered_by=actor)  # fmt: skip
    audit.record(actor, AuditAction.CREATE, order, after={"amount_cents": order.amount_cents})
    events.emit(RECOVERY_ORDERED.code, order, {"reference": case.reference, "amount_eur": euro(order.amount_cents)})


def fill_recovery_reason(sender, case, step, actor, **kwargs) -> None:
    """The recovery order's reason is the motivation of the step that ordered it (case_transitioned
    is sent inside the step's transaction, after its history row is written)."""
    if case.procedure == CODE and step.target == "recovery":
        RecoveryOrder.objects.filter(application__case=case, reason="").update(reason=step.reason)


def repaid_step(case: Case, transition, actor) -> None:
    """The recovered amount is paid back: it returns to the envelope."""
    application = _grant(case)
    order = application.recoveries.select_for_update().filter(repaid_on__isnull=True).first()
    if order is None:
        raise ValidationError(_("There is no recovery order awaiting repayment."))
    payments.refund(actor, application, order.amount_cents, reason=case.reference)
    order.repaid_on = timezone.localdate()
    order.save(update_fields=["repaid_on"])
    audit.record(actor, AuditAction.UPDATE, order, after={"repaid_on": order.repaid_on.isoformat()})


def recovery_open(case: Case) -> str | None:
    if not RecoveryOrder.objects.filter(application__case=case, repaid_on__isnull=True).exists():
        return _("There is no recovery order awaiting repayment.")
    return None
