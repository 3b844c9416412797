"""The claim for disaster compensation, procedure `RF` (Vlaams Rampenfonds), declared here and
registered by the disaster_fund app; the engine is not changed.

Decree of 5 April 2019 and order of 30 October 2020 (procedure-rules §B4, §B6): a claim is filed
in the window after the recognition's publication (or late, for force majeure); the fund opens
the file, assigns an expert, sends the expert's report; the claimant has one month to agree or
comment, silence counting as agreement (`silence`, only after the term, by the handler); the
fund decides with the compensation computed line by line (services.claims.record_decision); a
rectification is asked within one month, an appeal lodged with the Court of Appeal within one
month; payment is ordered after the claimant's agreement or when the appeal term has lapsed.
Month terms are the fund's own (services.compensation: the engine's clocks count days), shown on
the case page with their dates.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from chancery.core.permissions import CIVIL_SERVICE
from chancery.disaster_fund.permissions import TEAM
from chancery.disaster_fund.services import claims
from chancery.procedures.engine import APPLICANT, Action, DocumentType, Guard, Procedure, State, Transition
from chancery.procedures.guards import notify_applicant
from chancery.procedures.steps import information_requests, withdrawals

CODE = "RF"
HANDLERS = CIVIL_SERVICE
MANDATE = "mandate"

ADMISSIBLE = Guard("admissible", gettext_lazy("Filed in the claim window, for a recognised municipality"),
                   claims.admissible)  # fmt: skip
EXPERT_NAMED = Guard("expert_named", gettext_lazy("An expert is named"), claims.expert_named)
REPORT_ASSESSED = Guard("report_assessed", gettext_lazy("The damage assessed is recorded"), claims.report_assessed)
COMMENT_TERM_LAPSED = Guard(
    "comment_term_lapsed", gettext_lazy("The month to comment on the report has lapsed"), claims.comment_term_lapsed
)
WITHIN_RECTIFICATION = Guard(
    "within_rectification_term", gettext_lazy("Within one month of the decision"), claims.within_rectification_term
)
APPEAL_TERM_LAPSED = Guard("appeal_term_lapsed", gettext_lazy("The appeal term has lapsed"), claims.appeal_term_lapsed)
RECORD_CLAIM = Action("record_claim", gettext_lazy("Record the claim"), claims.record_claim)
RECORD_DECISION = Action("record_decision", gettext_lazy("Record the computed compensation"), claims.record_decision)
ORDER_PAYMENT = Action("order_payment", gettext_lazy("Order the payment"), claims.order_payment)
MARK_PAID = Action("mark_paid", gettext_lazy("Record the payment"), claims.mark_paid)
DECIDED = notify_applicant(gettext_lazy("A decision was taken on your claim for disaster compensation."))
REPORT_SENT = notify_applicant(
    gettext_lazy("The expert's report on your claim is ready: agree or comment within one month.")
)


def _t(name, label, source, target, roles, **options) -> Transition:
    return Transition(name=name, label=label, source=source, target=target, roles=roles, **options)


DISASTER_CLAIM = Procedure(
    code=CODE,
    name=gettext_lazy("Claim for disaster compensation (Vlaams Rampenfonds)"),
    description=gettext_lazy(
        "Compensation for damage by a disaster recognised by the Flemish Government, for owners (or their "
        "mandatary) of buildings, household contents, professional or agricultural goods and public-domain goods."
    ),
    team=TEAM,
    access_level="internal_council",
    application_form="chancery.disaster_fund.application_form.ClaimForm",
    answer_transition="answer",
    document_types=(
        DocumentType("photo", gettext_lazy("photo of the damage")),
        DocumentType("estimate", gettext_lazy("estimate or invoice")),
        DocumentType(MANDATE, gettext_lazy("mandate")),
        DocumentType("insurer_certificate", gettext_lazy("insurer's certificate")),
        DocumentType("expert_report", gettext_lazy("expert report")),
        DocumentType("annex", gettext_lazy("annex")),
        DocumentType("decision_letter", gettext_lazy("decision letter")),
    ),
    states=(
        State("draft", gettext_lazy("Draft")),
        State("submitted", gettext_lazy("Submitted"), gettext_lazy("Received, being checked")),
        State(
            "incomplete",
            gettext_lazy("Incomplete, waiting for the claimant"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        State("file_opened", gettext_lazy("File opened"), gettext_lazy("File opened")),
        State("expertise", gettext_lazy("Expert assigned"), gettext_lazy("Expertise under way")),
        State(
            "report_sent",
            gettext_lazy("Expert report sent, one month to agree or comment"),
            gettext_lazy("Expert report: agree or comment within one month"),
        ),
        State(
            "report_agreed",
            gettext_lazy("Expert report agreed"),
            gettext_lazy("Decision being prepared"),
            public_code="decision_pending",
        ),
        State(
            "report_commented",
            gettext_lazy("Comments on the expert report"),
            gettext_lazy("Decision being prepared"),
            public_code="decision_pending",
        ),
        State("decided", gettext_lazy("Decided"), decided=True),
        State("rectification_requested", gettext_lazy("Rectification requested")),
        State("appealed", gettext_lazy("Appeal lodged with the Court of Appeal")),
        State("decision_accepted", gettext_lazy("Decision accepted by the claimant"), decided=True),
        State("payment_ordered", gettext_lazy("Payment ordered"), decided=True),
        State("paid", gettext_lazy("Paid"), final=True),
        State("refused", gettext_lazy("Refused"), final=True),
        State("withdrawn", gettext_lazy("Withdrawn"), final=True),
    ),  # fmt: skip
    transitions=(
        _t(
            "submit",
            gettext_lazy("Submit"),
            "draft",
            "submitted",
            {APPLICANT},
            guards=(ADMISSIBLE,),
            on_enter=(RECORD_CLAIM,),
        ),
        *withdrawals(("draft", "submitted", "incomplete", "file_opened", "expertise")),
        *information_requests(HANDLERS, (("submitted", "incomplete"),)),
        _t(
            "open_file",
            gettext_lazy("Open the file"),
            "submitted",
            "file_opened",
            HANDLERS,
            on_enter=(notify_applicant(gettext_lazy("Your claim was received; its file number is on your counter.")),),
        ),
        *(
            _t(
                "refuse",
                gettext_lazy("Refuse"),
                source,
                "refused",
                HANDLERS,
                reason_required=True,
                reason_to_applicant=True,
                on_enter=(DECIDED,),
            )
            for source in ("submitted", "file_opened", "expertise")
        ),
        _t(
            "assign_expert",
            gettext_lazy("Assign an expert"),
            "file_opened",
            "expertise",
            HANDLERS,
            guards=(EXPERT_NAMED,),
        ),
        _t(
            "send_report",
            gettext_lazy("Send the expert report"),
            "expertise",
            "report_sent",
            HANDLERS,
            guards=(REPORT_ASSESSED,),
            reason_to_applicant=True,
            on_enter=(REPORT_SENT,),
        ),
        _t("agree", gettext_lazy("Agree with the expert report"), "report_sent", "report_agreed", {APPLICANT}),
        _t(
            "comment",
            gettext_lazy("Comment on the expert report"),
            "report_sent",
            "report_commented",
            {APPLICANT},
            reason_required=True,
        ),
        # Silence counts as agreement, once the month has lapsed (recorded by the handler).
        _t(
            "silence",
            gettext_lazy("No reaction within the month: agreed"),
            "report_sent",
            "report_agreed",
            HANDLERS,
            guards=(COMMENT_TERM_LAPSED,),
        ),
        _t(
            "revise_report",
            gettext_lazy("Send a revised expert report"),
            "report_commented",
            "report_sent",
            HANDLERS,
            guards=(REPORT_ASSESSED,),
            reason_to_applicant=True,
            on_enter=(REPORT_SENT,),
        ),
        *(
            _t(
                "decide",
                gettext_lazy("Decide with the computed compensation"),
                source,
                "decided",
                HANDLERS,
                reason_required=True,
                reason_to_applicant=True,
                on_enter=(RECORD_DECISION, DECIDED),
            )
            for source in ("report_agreed", "report_commented")
        ),
        _t(
            "request_rectification",
            gettext_lazy("Request a rectification of a material error"),
            "decided",
            "rectification_requested",
            {APPLICANT},
            reason_required=True,
            guards=(WITHIN_RECTIFICATION,),
        ),
        _t(
            "rectify",
            gettext_lazy("Rectify the decision"),
            "rectification_requested",
            "decided",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(RECORD_DECISION, DECIDED),
        ),
        _t(
            "keep_decision",
            gettext_lazy("No material error: keep the decision"),
            "rectification_requested",
            "decided",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
        ),
        _t("accept_decision", gettext_lazy("Accept the decision"), "decided", "decision_accepted", {APPLICANT}),
        _t(
            "record_appeal",
            gettext_lazy("Record an appeal to the Court of Appeal"),
            "decided",
            "appealed",
            HANDLERS,
            reason_required=True,
        ),
        _t(
            "record_judgment",
            gettext_lazy("Record the Court's judgment"),
            "appealed",
            "decided",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(RECORD_DECISION,),
        ),
        _t(
            "order_payment",
            gettext_lazy("Order the payment"),
            "decision_accepted",
            "payment_ordered",
            HANDLERS,
            on_enter=(ORDER_PAYMENT,),
        ),
        _t(
            "order_payment",
            gettext_lazy("Order the payment (appeal term lapsed)"),
            "decided",
            "payment_ordered",
            HANDLERS,
            guards=(APPEAL_TERM_LAPSED,),
            on_enter=(ORDER_PAYMENT,),
        ),
        _t("mark_paid", gettext_lazy("Record the payment"), "payment_ordered", "paid", HANDLERS, on_enter=(MARK_PAID,)),
    ),  # fmt: skip
)
