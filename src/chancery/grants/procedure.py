"""The grant application, procedure `SUB`, and the nomination for the human rights prize, procedure
`MRP` (procedure-rules.md §D3, MISSION D4/D5), declared here and registered by the grants app; the
engine is not changed.

SUB after §D3: submitted at the counter while the call is open (the guard asks the moment: at or
after the closing moment it is refused) → the admissibility check, with a window to complete the
file (configurable, default 7 days, a clock) else inadmissible → under assessment (reviewers
declare conflicts of interest, then score every criterion) → assessed (consolidated, ranked on the
call's page) → granted (the award commits the envelope under a row lock: never above what remains)
| rejected (a motivated letter). Confidential when the applicant is a person at risk (the entry
action of the submission raises the file's level).

MRP: a nomination for the yearly human rights prize: declared in `grants.prize.procedure`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from chancery.core.permissions import CIVIL_SERVICE, SECRETARIAT
from chancery.grants import rules
from chancery.grants.permissions import TEAM
from chancery.grants.services import applications, government, payments, reports
from chancery.procedures.engine import APPLICANT, Action, Clock, DocumentType, Guard, Procedure, State, Term, Transition
from chancery.procedures.guards import notify_applicant
from chancery.procedures.steps import information_requests, withdrawals

CODE = applications.CODE
HANDLERS = CIVIL_SERVICE | SECRETARIAT

SUBMITTABLE = Guard(
    "submittable",
    gettext_lazy("The call is open, the country eligible, the budget complete and within the call's maximum"),
    applications.submittable,
)
ALL_SCORED = Guard("all_scored", gettext_lazy("Every reviewer without a conflict of interest scored"),
                   applications.all_scored)  # fmt: skip
PASSES = Guard("passes_marks", gettext_lazy("The scores reach the pass marks per criterion and overall"),
               applications.passes)  # fmt: skip
WITHIN_ENVELOPE = Guard("within_envelope", gettext_lazy("The grant fits in what remains of the envelope"),
                        applications.within_envelope)  # fmt: skip
RECORD_APPLICATION = Action("record_application", gettext_lazy("Record the application"),
                            applications.record_application)  # fmt: skip
RECORD_AWARD = Action("record_award", gettext_lazy("Commit the envelope and record the grant"),
                      applications.record_award)  # fmt: skip
RECORD_REJECTION = Action("record_rejection", gettext_lazy("Record the decision date"), applications.record_rejection)
DECIDED = notify_applicant(gettext_lazy("A decision was taken on your grant application."))


def _t(name, label, source, target, roles, **options) -> Transition:
    return Transition(name=name, label=label, source=source, target=target, roles=roles, **options)


# --- the decision by the Government (issue 15 §4; services.government) ------------------------
# A grant the Government decides goes before it (an agenda item, submitted by a minister's office)
# and follows its decision: approved → granted, not adopted → rejected. The minister's `award`
# is refused for such a grant (extended below), so there is no grant without the decision.
MINISTER_DECIDES = Guard("minister_decides", gettext_lazy("The competent minister decides this grant"),
                         government.minister_decides)  # fmt: skip
GOVERNMENT_DECIDES = Guard("government_decides", gettext_lazy("The Flemish Government decides this grant"),
                           government.government_decides)  # fmt: skip
GOVERNMENT_APPROVED = Guard("government_approved", gettext_lazy("The Government approved the grant"),
                            government.approved)  # fmt: skip
GOVERNMENT_NOT_ADOPTED = Guard("government_not_adopted", gettext_lazy("The Government did not adopt the proposal"),
                               government.not_adopted)  # fmt: skip
PREPARE_PROPOSAL = Action("prepare_proposal", gettext_lazy("Prepare the proposal to the Government"),
                          government.prepare_proposal)  # fmt: skip
GOVERNMENT_STATES = (
    State(
        "government",
        gettext_lazy("Before the Flemish Government"),
        gettext_lazy("Decision being taken"),
        public_code="decision_pending",
    ),
)
GOVERNMENT_TRANSITIONS = (
    _t("propose_to_government", gettext_lazy("Propose to the Flemish Government"), "assessed", "government", HANDLERS,
       guards=(GOVERNMENT_DECIDES, PASSES, WITHIN_ENVELOPE), on_enter=(PREPARE_PROPOSAL,)),
    _t("follow_government_approval", gettext_lazy("Grant, as the Government decided"), "government", "granted",
       HANDLERS, guards=(GOVERNMENT_APPROVED,), reason_to_applicant=True, on_enter=(RECORD_AWARD, DECIDED)),
    _t("follow_government_rejection", gettext_lazy("Reject, as the Government decided"), "government", "rejected",
       HANDLERS, guards=(GOVERNMENT_NOT_ADOPTED,), reason_to_applicant=True, on_enter=(RECORD_REJECTION, DECIDED)),
)  # fmt: skip
# --- after the award: agreement, payments in tranches, reports, settlement or recovery -----------
# procedure-rules §D3 steps 6–7: GRANTED → AGREEMENT_SIGNED → ADVANCE_PAID → REPORT_DUE →
# REPORT_SUBMITTED → SETTLED | RECOVERY. The tranches are planned when the agreement is signed (the
# advance ordered at once); the final report comes from the counter (services.reports.submit); the
# service's assessment (services.reports.assess_final) picks the step: accepted in full, partially
# (the balance reduced) or a recovery; the balance is paid, or the recovered amount paid back.
ADVANCE_ORDERED = Guard("advance_ordered", gettext_lazy("The advance is ordered and not yet paid"),
                        payments.advance_ordered)  # fmt: skip
FINAL_REPORT_ON_FILE = Guard("final_report_on_file",
                             gettext_lazy("The final report with its cost statement is submitted"),
                             reports.final_report_on_file)  # fmt: skip
ASSESSED_IN_FULL = Guard("assessed_in_full", gettext_lazy("The final report's assessment accepts the whole grant"),
                         reports.assessed_in_full)  # fmt: skip
ASSESSED_PARTIALLY = Guard(
    "assessed_partially",
    gettext_lazy("The final report's assessment accepts less than the grant, not less than what was paid"),
    reports.assessed_partially,
)
RECOVERABLE = Guard("recoverable", gettext_lazy("More was paid than is accepted"), reports.recoverable)
BALANCE_PAYABLE = Guard("balance_payable", gettext_lazy("The balance is ordered (or nothing remains to pay)"),
                        payments.balance_payable)  # fmt: skip
RECOVERY_OPEN = Guard("recovery_open", gettext_lazy("A recovery order awaits repayment"), reports.recovery_open)
PLAN_TRANCHES = Action("plan_tranches", gettext_lazy("Plan the tranches and order the advance"), payments.plan_step)
PAY_ADVANCE = Action("pay_advance", gettext_lazy("Record the advance as paid"), payments.pay_advance_step)
SETTLE = Action("settle", gettext_lazy("Release what is not accepted and order the balance"), reports.settle_step)
ORDER_RECOVERY = Action("order_recovery", gettext_lazy("Record the recovery order"), reports.recovery_step)
PAY_BALANCE = Action("pay_balance", gettext_lazy("Record the balance as paid"), payments.pay_balance_step)
REPAID = Action("repaid", gettext_lazy("Record the repayment"), reports.repaid_step)
REPORT_ASSESSED = notify_applicant(gettext_lazy("The grants service assessed your final report."))
RECOVERY_NOTICE = notify_applicant(gettext_lazy("A recovery of your grant was ordered: see the amount to pay back."))

PAYMENT_STATES = (
    State("agreement_signed", gettext_lazy("Agreement signed, advance ordered"), decided=True),
    State("advance_paid", gettext_lazy("Advance paid, project running"), decided=True),
    State("report_due", gettext_lazy("Final report due"), gettext_lazy("Your final report is due"), decided=True),
    State("report_submitted", gettext_lazy("Final report submitted, being assessed"),
          gettext_lazy("Final report received, being assessed")),
    State("settled", gettext_lazy("Settled, balance ordered"), decided=True),
    State("paid_out", gettext_lazy("Settled and paid"), final=True),
    State("recovery", gettext_lazy("Recovery ordered, awaiting repayment"), decided=True),
    State("recovered", gettext_lazy("Recovered"), final=True),
)  # fmt: skip
PAYMENT_TRANSITIONS = (
    _t("sign_agreement", gettext_lazy("Record the signed grant agreement"), "granted", "agreement_signed", HANDLERS,
       on_enter=(PLAN_TRANCHES,)),
    _t("pay_advance", gettext_lazy("Record the payment of the advance"), "agreement_signed", "advance_paid",
       HANDLERS, guards=(ADVANCE_ORDERED,), on_enter=(PAY_ADVANCE,)),
    _t("request_final_report", gettext_lazy("Ask for the final report"), "advance_paid", "report_due", HANDLERS,
       reason_to_applicant=True, on_enter=(notify_applicant(gettext_lazy("Your final report is due.")),)),
    _t("submit_report", gettext_lazy("Submit the final report"), "report_due", "report_submitted", {APPLICANT},
       guards=(FINAL_REPORT_ON_FILE,)),
    _t("accept_report", gettext_lazy("Accept the final report"), "report_submitted", "settled", HANDLERS,
       guards=(ASSESSED_IN_FULL,), reason_to_applicant=True, on_enter=(SETTLE, REPORT_ASSESSED)),
    _t("accept_report_partially", gettext_lazy("Accept the final report partially (balance reduced)"),
       "report_submitted", "settled", HANDLERS, guards=(ASSESSED_PARTIALLY,), reason_required=True,
       reason_to_applicant=True, on_enter=(SETTLE, REPORT_ASSESSED)),
    *(
        _t("order_recovery", gettext_lazy("Order a recovery (report refused or purpose not respected)"), source,
           "recovery", HANDLERS, guards=(RECOVERABLE,), reason_required=True, reason_to_applicant=True,
           on_enter=(ORDER_RECOVERY, RECOVERY_NOTICE))
        for source in ("advance_paid", "report_due", "report_submitted")
    ),
    _t("pay_balance", gettext_lazy("Record the payment of the balance"), "settled", "paid_out", HANDLERS,
       guards=(BALANCE_PAYABLE,), on_enter=(PAY_BALANCE,)),
    _t("record_repayment", gettext_lazy("Record the repayment"), "recovery", "recovered", HANDLERS,
       guards=(RECOVERY_OPEN,), on_enter=(REPAID,)),
)  # fmt: skip
PAYMENT_CLOCKS = (
    Clock(
        code="final_report",
        label=gettext_lazy("Final report due"),
        terms=(
            Term(
                days=rules.figure("final_report_days"),
                source=rules.source_of("final_report_days"),
                valid_from=rules.PLAN_FROM,
            ),
        ),  # fmt: skip
        runs_in={"report_due"},
    ),
)
# --- end of the payments block --------------------------------------------------------------------


GRANT_APPLICATION = Procedure(
    code=CODE,
    name=gettext_lazy("Grant application (foreign policy programmes)"),
    description=gettext_lazy(
        "An application for a grant on an open call of a programme of the Department of Chancellery and Foreign "
        "Affairs: Eastern border and Ukraine partnerships, the human rights fund, humanitarian aid, secondments."
    ),
    team=TEAM,
    access_level="internal_council",
    application_form="chancery.grants.application_form.GrantApplicationForm",
    answer_transition="answer",
    document_types=(
        DocumentType("application_form", gettext_lazy("application form")),
        DocumentType("budget", gettext_lazy("budget table")),
        DocumentType("annex", gettext_lazy("annex")),
        DocumentType("decision_letter", gettext_lazy("decision letter")),
    ),
    states=(
        State("draft", gettext_lazy("Draft")),
        State(
            "submitted", gettext_lazy("Submitted, admissibility being checked"), gettext_lazy("Received, being checked")
        ),
        State(
            "incomplete",
            gettext_lazy("Incomplete, waiting for the applicant"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        State("inadmissible", gettext_lazy("Inadmissible"), final=True),
        State(
            "assessment",
            gettext_lazy("Under assessment by the reviewers"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "assessed",
            gettext_lazy("Assessed and ranked, decision being prepared"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        *GOVERNMENT_STATES,
        State("granted", gettext_lazy("Granted"), decided=True),
        State("rejected", gettext_lazy("Rejected"), final=True),
        State("withdrawn", gettext_lazy("Withdrawn"), final=True),
        *PAYMENT_STATES,
    ),  # fmt: skip
    transitions=(
        _t(
            "submit",
            gettext_lazy("Submit"),
            "draft",
            "submitted",
            {APPLICANT},
            guards=(SUBMITTABLE,),
            on_enter=(RECORD_APPLICATION,),
        ),
        *withdrawals(("draft", "submitted", "incomplete", "assessment")),
        *information_requests(HANDLERS, (("submitted", "incomplete"),)),
        _t(
            "declare_admissible",
            gettext_lazy("Declare admissible and eligible: start the assessment"),
            "submitted",
            "assessment",
            HANDLERS,
        ),
        *(
            _t(
                "declare_inadmissible",
                gettext_lazy("Declare inadmissible"),
                source,
                "inadmissible",
                HANDLERS,
                reason_required=True,
                reason_to_applicant=True,
                on_enter=(DECIDED,),
            )
            for source in ("submitted", "incomplete")
        ),
        _t(
            "close_assessment",
            gettext_lazy("Close the assessment (consolidate and rank)"),
            "assessment",
            "assessed",
            HANDLERS,
            guards=(ALL_SCORED,),
        ),
        _t(
            "award",
            gettext_lazy("Award the grant"),
            "assessed",
            "granted",
            HANDLERS,
            guards=(PASSES, WITHIN_ENVELOPE),
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(RECORD_AWARD, DECIDED),
        ),
        _t(
            "reject",
            gettext_lazy("Reject"),
            "assessed",
            "rejected",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(RECORD_REJECTION, DECIDED),
        ),
        *GOVERNMENT_TRANSITIONS,
        *PAYMENT_TRANSITIONS,
    ),  # fmt: skip
    clocks=(
        Clock(
            code="completion",
            label=gettext_lazy("Window to complete the file"),
            terms=(
                Term(
                    days=rules.figure("completion_days"),
                    source=rules.source_of("completion_days"),
                    valid_from=rules.PLAN_FROM,
                ),
            ),  # fmt: skip
            runs_in={"incomplete"},
        ),
        *PAYMENT_CLOCKS,
    ),
)

GRANT_APPLICATION.extend("award", guards=(MINISTER_DECIDES,))


# The nomination for the human rights prize (MRP) lives with the prize, kept apart from the grants.
from chancery.grants.prize.procedure import HUMAN_RIGHTS_PRIZE  # noqa: E402, F401 - registered by apps.py
