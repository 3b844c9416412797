"""The application for a prior authorisation (voorafgaande machtiging), procedure `VM`: a second
real procedure on the engine, declared here and registered by the licensing app, with no change to
the engine.

fdfa.be node/2743: the prior authorisation confirms that a company is reliable enough to deal in
defence-related products: it has the necessary morality and runs an internal control system. It is
granted after a morality investigation by the service Controle Strategische Goederen with the
public prosecutor of the company's district, the State Security service and the federal police,
and after the company's internal compliance programme (ICP) is evaluated through a questionnaire
and a meeting with the company. The indicative term of 42 days when the department decides also
covers prior authorisations; time waiting for missing information or for external advice does not
count (fdfa.be "indicatieve maximumdoorlooptijden", procedure-rules.md §A6). A grant records the
`PriorAuthorisation` (signals.on_case_transition), which CSG's submit check then finds.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy

from chancery.core.permissions import CIVIL_SERVICE
from chancery.procedures.engine import APPLICANT, Clock, DocumentType, Procedure, State, Term, Transition
from chancery.procedures.guards import document_present, notify_applicant
from chancery.procedures.steps import information_requests, withdrawals
from chancery.strategic_goods.procedure import TEAM

CODE = "VM"
HANDLERS = CIVIL_SERVICE
ICP_QUESTIONNAIRE = "icp_questionnaire"
# Shown on the case page: the public source only (read in procedure-rules.md §A6: 42 days when
# the department decides).
SOURCE_TERM = 'fdfa.be "indicatieve maximumdoorlooptijden" (42 dagen, het departement beslist)'

ICP_PRESENT = document_present(
    ICP_QUESTIONNAIRE, gettext_lazy("questionnaire on the internal compliance programme"), code="icp_present"
)
# The three advices of the morality investigation arrive as documents of one type; the handler
# declares them received (fdfa.be node/2743 names the prosecutor, State Security, federal police).
ADVICE_PRESENT = document_present("external_advice", gettext_lazy("external advice"), code="advice_received")
DECIDED = notify_applicant(gettext_lazy("A decision was taken on your application for a prior authorisation."))


def _t(name, label, source, target, roles, **options) -> Transition:
    return Transition(name=name, label=label, source=source, target=target, roles=roles, **options)


PRIOR_AUTHORISATION = Procedure(
    code=CODE,
    name=gettext_lazy("Prior authorisation for military goods"),
    description=gettext_lazy(
        "Needed before applying for the definitive export, transit or transfer of defence-related products "
        "(Wapenhandeldecreet): a morality investigation and an evaluation of your internal compliance programme."
    ),
    team=TEAM,
    access_level="internal_council",
    application_form="chancery.licensing.forms.PriorAuthorisationApplicationForm",
    answer_transition="answer",
    document_types=(
        DocumentType(ICP_QUESTIONNAIRE, gettext_lazy("questionnaire on the internal compliance programme")),
        DocumentType("external_advice", gettext_lazy("external advice")),
        DocumentType("annex", gettext_lazy("annex")),
        DocumentType("decision_letter", gettext_lazy("decision letter")),
    ),
    states=(
        State("draft", gettext_lazy("Draft")),
        State("submitted", gettext_lazy("Submitted"), gettext_lazy("Received, being checked")),
        State(
            "incomplete",
            gettext_lazy("Incomplete, waiting for the applicant"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        # The applicant reads "under assessment" for both: the investigation and its advisers are not told.
        State(
            "investigation",
            gettext_lazy("Morality investigation and ICP evaluation"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "awaiting_advice",
            gettext_lazy("Awaiting the advice of prosecutor, State Security and federal police"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "information_requested",
            gettext_lazy("Under assessment, waiting for information from the applicant"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        State("granted", gettext_lazy("Granted"), decided=True),
        State("refused", gettext_lazy("Refused"), final=True),
        State("withdrawn", gettext_lazy("Withdrawn"), final=True),
        State("revoked", gettext_lazy("Revoked"), final=True),
    ),  # fmt: skip
    transitions=(
        _t("submit", gettext_lazy("Submit"), "draft", "submitted", {APPLICANT}),
        *withdrawals(("draft", "submitted", "incomplete", "information_requested")),
        *information_requests(HANDLERS, (("submitted", "incomplete"), ("investigation", "information_requested"))),
        _t(
            "declare_complete",
            gettext_lazy("Declare complete and start the investigation"),
            "submitted",
            "investigation",
            HANDLERS,
            guards=(ICP_PRESENT,),
        ),
        _t(
            "request_advice",
            gettext_lazy("Ask the advice of prosecutor, State Security and federal police"),
            "investigation",
            "awaiting_advice",
            HANDLERS,
        ),
        _t(
            "advice_received",
            gettext_lazy("Advice received"),
            "awaiting_advice",
            "investigation",
            HANDLERS,
            guards=(ADVICE_PRESENT,),
        ),
        # No grant without the morality investigation's advice on file.
        _t(
            "grant",
            gettext_lazy("Grant"),
            "investigation",
            "granted",
            HANDLERS,
            guards=(ADVICE_PRESENT,),
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(DECIDED,),
        ),
        _t(
            "refuse",
            gettext_lazy("Refuse"),
            "investigation",
            "refused",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(DECIDED,),
        ),
        _t(
            "revoke",
            gettext_lazy("Revoke"),
            "granted",
            "revoked",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(DECIDED,),
        ),
    ),  # fmt: skip
    clocks=(
        Clock(
            code="decision_term",
            label=gettext_lazy("Indicative term for the decision"),
            terms=(Term(days=42, source=SOURCE_TERM, valid_from=datetime.date(2024, 1, 1)),),
            runs_in={"investigation"},
            suspended_in={"submitted", "incomplete", "information_requested", "awaiting_advice"},
        ),
    ),
)
