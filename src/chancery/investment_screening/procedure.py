"""The screening of a foreign direct investment, procedure `FDI` (procedure-rules.md §C, MISSION D3):
the interfederal cooperation agreement of 30 November 2022, for deals signed from 1 July 2023.

State model after §C: draft → notified (the completeness check; incomplete ↔ the notifier) →
verification (30 days) → cleared | screening (28 days) → approved | approved with conditions |
prohibited. Both clocks stop while the notifier is asked for information (§C "Phase 2": stop-the-
clock on requests, L). The outcomes are decided by the competent ministers on the advice of the
interfederal screening commission; the service records them (the file holds the Flemish assessment
of strategic interests and its advice to the commission, required before a decision when the target
has a Flemish link). The deal may close only once cleared or approved (mandatory and suspensory).
A deal that was not notified is reviewed ex officio up to two years after its closing: the service
opens the file straight into verification (`open_ex_officio`, guarded by that date rule).
Confidential by default: notifications hold business secrets.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy

from chancery.core.permissions import CIVIL_SERVICE, SECRETARIAT
from chancery.investment_screening import rules
from chancery.investment_screening.services import notifications
from chancery.procedures.engine import APPLICANT, Action, Clock, DocumentType, Guard, Procedure, State, Term, Transition
from chancery.procedures.guards import notify_applicant
from chancery.procedures.steps import information_requests, withdrawals
from chancery.strategic_goods.procedure import TEAM as STRATEGIC_GOODS_TEAM

CODE = notifications.CODE
# The department's service that screens strategic goods also screens investments in Flanders
# (economic security): one team, its handlers and the secretariat.
TEAM = STRATEGIC_GOODS_TEAM
HANDLERS = CIVIL_SERVICE
# An ex officio review is opened by the service itself.
SERVICE = CIVIL_SERVICE | SECRETARIAT


def _run(hook) -> Callable:
    def run(case, transition, actor):
        hook(case, actor)

    return run


HOLDS_TOGETHER = Guard(
    "notification_holds_together",
    gettext_lazy("The notification as filed holds together"),
    notifications.holds_together,
)
FLEMISH_ADVICE = Guard(
    "flemish_advice_given",
    gettext_lazy("With a Flemish link, the Flemish advice to the commission is recorded"),
    notifications.flemish_advice_given,
)
EX_OFFICIO_IN_TIME = Guard(
    "ex_officio_in_time",
    gettext_lazy("The deal closed at most two years ago"),
    notifications.ex_officio_in_time,
)
ON_NOTIFIED = Action(
    "record_notification",
    gettext_lazy("Record the notification and its threshold check"),
    _run(notifications.on_notified),
)
DECIDED = notify_applicant(gettext_lazy("A decision was taken on your notification of a foreign investment."))
CLEARED = notify_applicant(gettext_lazy("Your investment is cleared after verification: the deal may close."))
SCREENING = notify_applicant(
    gettext_lazy("Your investment goes to the screening phase: the deal may not close before the decision.")
)

DOCUMENT_TYPES = (
    DocumentType("notification_form", gettext_lazy("notification form")),
    DocumentType("deal_documents", gettext_lazy("deal documents")),
    DocumentType("commission_advice", gettext_lazy("advice of the interfederal screening commission")),
    DocumentType("decision_letter", gettext_lazy("decision letter")),
    DocumentType("annex", gettext_lazy("annex")),
)


def _t(name, label, source, target, roles, **options) -> Transition:
    return Transition(name=name, label=label, source=source, target=target, roles=roles, **options)


def _decisions() -> list[Transition]:
    return [
        _t(name, label, "screening", target, HANDLERS, guards=(FLEMISH_ADVICE,), reason_required=True,
           reason_to_applicant=True, on_enter=(DECIDED,))
        for name, label, target in (
            ("approve", gettext_lazy("Record the approval by the competent ministers"), "approved"),
            ("approve_with_conditions", gettext_lazy("Record the approval with corrective measures"),
             "approved_with_conditions"),
            ("prohibit", gettext_lazy("Record the prohibition by the competent ministers"), "prohibited"),
        )
    ]  # fmt: skip


FDI_SCREENING = Procedure(
    code=CODE,
    name=gettext_lazy("Notification of a foreign direct investment"),
    description=gettext_lazy(
        "A foreign investor who acquires voting rights or control in a Belgian company active in a sensitive "
        "sector notifies the deal after signing and before closing (interfederal screening of foreign direct "
        "investments)."
    ),
    team=TEAM,
    access_level="confidential",
    application_form="chancery.investment_screening.application_form.NotificationForm",
    answer_transition="answer",
    document_types=DOCUMENT_TYPES,
    states=(
        State("draft", gettext_lazy("Draft")),
        State(
            "notified", gettext_lazy("Notified, completeness being checked"), gettext_lazy("Received, being checked")
        ),
        State(
            "incomplete",
            gettext_lazy("Incomplete, waiting for the notifier"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        State(
            "verification",
            gettext_lazy("Verification phase"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "verification_information_requested",
            gettext_lazy("Verification, waiting for information"),
            gettext_lazy("More information needed from you"),
            public_code="information_requested",
            waiting_for_applicant=True,
        ),
        State(
            "screening",
            gettext_lazy("Screening phase"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "screening_information_requested",
            gettext_lazy("Screening, waiting for information"),
            gettext_lazy("More information needed from you"),
            public_code="information_requested",
            waiting_for_applicant=True,
        ),
        State("cleared", gettext_lazy("Cleared after verification"), final=True),
        State("approved", gettext_lazy("Approved"), final=True),
        State("approved_with_conditions", gettext_lazy("Approved with corrective measures"), final=True),
        State("prohibited", gettext_lazy("Prohibited"), final=True),
        State("withdrawn", gettext_lazy("Withdrawn"), final=True),
    ),  # fmt: skip
    transitions=(
        _t(
            "submit",
            gettext_lazy("Notify"),
            "draft",
            "notified",
            {APPLICANT},
            guards=(HOLDS_TOGETHER,),
            on_enter=(ON_NOTIFIED,),
        ),
        _t(
            "open_ex_officio",
            gettext_lazy("Open an ex officio review"),
            "draft",
            "verification",
            SERVICE,
            guards=(HOLDS_TOGETHER, EX_OFFICIO_IN_TIME),
            on_enter=(ON_NOTIFIED,),
        ),
        *withdrawals(("draft", "notified", "incomplete")),
        *information_requests(
            HANDLERS,
            (
                ("notified", "incomplete"),
                ("verification", "verification_information_requested"),
                ("screening", "screening_information_requested"),
            ),
        ),
        _t(
            "declare_complete",
            gettext_lazy("Declare complete and start the verification"),
            "notified",
            "verification",
            HANDLERS,
        ),
        _t(
            "clear",
            gettext_lazy("Clear: no screening needed"),
            "verification",
            "cleared",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(CLEARED,),
        ),
        _t(
            "start_screening",
            gettext_lazy("Start the screening phase"),
            "verification",
            "screening",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(SCREENING,),
        ),
        *_decisions(),
    ),  # fmt: skip
    clocks=(
        Clock(
            code="verification",
            label=gettext_lazy("Verification phase"),
            terms=(
                Term(days=rules.VERIFICATION_DAYS, source=rules.SOURCE_VERIFICATION, valid_from=rules.APPLIES_FROM),
            ),
            runs_in={"verification"},
            suspended_in={"verification_information_requested"},
        ),
        Clock(
            code="screening",
            label=gettext_lazy("Screening phase"),
            terms=(Term(days=rules.SCREENING_DAYS, source=rules.SOURCE_SCREENING, valid_from=rules.APPLIES_FROM),),
            runs_in={"screening"},
            suspended_in={"screening_information_requested"},
        ),
    ),
)
