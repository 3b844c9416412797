"""Licence applications for strategic goods (MISSION §3.2): the Flemish export-control procedure
of the Wapenhandeldecreet and the EU dual-use regulation 2021/821, handled by the department's
service Controle Strategische Goederen.

State model after procedure-rules.md §A7 (its INCOMPLETE is two states here: `incomplete` before
the file is complete, `information_requested` during the assessment, so that the applicant's
answer returns the file where the question was asked). The term is indicative (no statutory deadline exists):
42 days when the department decides, 84 when the minister decides, counted from the moment the
file is complete; time waiting for missing information or external advice does not count
(fdfa.be "indicatieve maximumdoorlooptijden", procedure-rules.md §A6). Processing does not start
without a complete, signed end-user certificate (fdfa.be, procedure-rules.md §A4).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core.models import FileFormat
from chancery.core.permissions import CIVIL_SERVICE, COUNCIL
from chancery.procedures.engine import APPLICANT, Action, Clock, DocumentType, Guard, Procedure, State, Term, Transition
from chancery.procedures.guards import (
    assessment_recorded,
    attached,
    document_present,
    notify_applicant,
    set_data,
)
from chancery.procedures.steps import information_requests, withdrawals
from chancery.strategic_goods.services import applications, assessment, denials

CODE = "CSG"
TEAM = "dkbuza-strategische-goederen"
HANDLERS = CIVIL_SERVICE
MINISTER = COUNCIL

# Shown on the case page: the public source only (read in procedure-rules.md §A6).
SOURCE_TERMS = 'fdfa.be "indicatieve maximumdoorlooptijden"'
# The page gives no date of its own: valid_from is the day this platform starts applying the
# figures as read there. A changed term is a new Term with its own valid_from, not an edit.
TERMS = (
    Term(days=42, variant="department", source=SOURCE_TERMS, valid_from=datetime.date(2024, 1, 1)),
    Term(days=84, variant="minister", source=SOURCE_TERMS, valid_from=datetime.date(2024, 1, 1)),
)

END_USER_CERTIFICATE = "end_user_certificate"
DOCUMENT_TYPES = (
    DocumentType(END_USER_CERTIFICATE, gettext_lazy("end-user certificate")),
    DocumentType("technical_description", gettext_lazy("technical description")),
    DocumentType("prior_authorisation", gettext_lazy("prior authorisation")),
    DocumentType("external_advice", gettext_lazy("external advice")),
    DocumentType("decision_letter", gettext_lazy("decision letter")),
    DocumentType("annex", gettext_lazy("annex")),
)


# --- the rules of the file, from this app's services -----------------------------------------
# Each check takes a case and returns None when it holds, else a message in the user's language.


def _all_of(*checks) -> Callable:
    def check(case):
        messages = [message for check in checks if (message := check(case))]
        return " ".join(str(m) for m in messages) or None

    return check


def _run(*hooks) -> Callable:
    def run(case, transition, actor):
        for hook in hooks:
            hook(case, actor)

    return run


MAY_PROCEED = Guard(
    "may_proceed",
    gettext_lazy("Screening hits reviewed and the eight criteria assessed"),
    _all_of(applications.hits_reviewed, assessment.all_criteria_assessed),
)
MAY_SUBMIT = Guard("may_submit", gettext_lazy("The application as filed holds together"), applications.fits_together)
MAY_GRANT = Guard("may_grant", gettext_lazy("No finding on the criteria forbids a licence"), assessment.grant_allowed)
ON_SUBMITTED = Action(
    "on_submitted", gettext_lazy("Record the application and screen its parties"), _run(applications.on_submitted)
)
ON_DECLARED_COMPLETE = Action(
    "on_declared_complete", gettext_lazy("Screen the parties again"), _run(applications.on_declared_complete)
)
ON_REFUSED = Action("on_refused", gettext_lazy("Record the denial notification"), _run(denials.on_refused))


def signed_end_user_certificate(case) -> str | None:
    """A signed end-user certificate is attached: a document of that type, as a PDF (the scan of
    the signed original the exporter keeps, fdfa.be)."""
    if attached(case, END_USER_CERTIFICATE, file_format=FileFormat.PDF, internal=False):
        return None
    if attached(case, END_USER_CERTIFICATE):
        return _("The end-user certificate must be the signed certificate as a PDF file.")
    return _("The signed end-user certificate is missing: processing cannot start without it.")


def file_is_complete(case) -> str | None:
    for check in (signed_end_user_certificate, applications.application_recorded, applications.hits_reviewed):
        message = check(case)
        if message:
            return message
    return None


FILE_COMPLETE = Guard(
    "file_is_complete", gettext_lazy("The file is complete (signed end-user certificate, other checks)"),
    file_is_complete,
)  # fmt: skip
ADVICE_RECEIVED = document_present("external_advice", gettext_lazy("external advice"), code="advice_received")
ASSESSED = assessment_recorded()


# Four eyes: who proposed the decision (or referred it to the minister) does not take it.
PROPOSALS = frozenset({"propose_department_decision", "refer_to_minister"})


def decision_level(case) -> str:
    return case.data.get("decision_level", "department")


def _t(name, label, source, target, roles, **options) -> Transition:
    return Transition(name=name, label=label, source=source, target=target, roles=roles, **options)


DECIDED_BY_DEPARTMENT = notify_applicant(gettext_lazy("A decision was taken on your application."))

STRATEGIC_GOODS = Procedure(
    code=CODE,
    name=gettext_lazy("Licence for strategic goods"),
    description=gettext_lazy(
        "Export, transit or transfer licence for military and dual-use goods (Wapenhandeldecreet, Reg. 2021/821)."
    ),
    team=TEAM,
    access_level="internal_council",
    application_form="chancery.strategic_goods.application_form.LicenceApplicationForm",
    answer_transition="answer",
    document_types=DOCUMENT_TYPES,
    states=(
        State("draft", gettext_lazy("Draft")),
        State("submitted", gettext_lazy("Submitted"), gettext_lazy("Received, being checked")),
        State("inadmissible", gettext_lazy("Inadmissible"), final=True),
        State(
            "incomplete",
            gettext_lazy("Incomplete, waiting for the applicant"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        State("under_assessment", gettext_lazy("Under assessment")),
        State(
            "information_requested",
            gettext_lazy("Under assessment, waiting for information from the applicant"),
            gettext_lazy("More information needed from you"),
            waiting_for_applicant=True,
        ),
        # The applicant is not told that advice is asked, nor at which level the decision is taken.
        State(
            "awaiting_advice",
            gettext_lazy("Awaiting external advice"),
            gettext_lazy("Under assessment"),
            public_code="under_assessment",
        ),
        State(
            "decision_department",
            gettext_lazy("Decision pending (department)"),
            gettext_lazy("Decision pending"),
            public_code="decision_pending",
        ),
        State(
            "decision_minister",
            gettext_lazy("Decision pending (minister)"),
            gettext_lazy("Decision pending"),
            public_code="decision_pending",
        ),
        State("granted", gettext_lazy("Granted"), decided=True),
        State("granted_with_conditions", gettext_lazy("Granted with conditions"), decided=True),
        State("refused", gettext_lazy("Refused"), final=True),
        State("withdrawn", gettext_lazy("Withdrawn"), final=True),
        State("expired", gettext_lazy("Expired"), final=True),
        State("revoked", gettext_lazy("Revoked"), final=True),
    ),
    transitions=(
        _t(
            "submit",
            gettext_lazy("Submit"),
            "draft",
            "submitted",
            {APPLICANT},
            guards=(MAY_SUBMIT,),
            on_enter=(ON_SUBMITTED,),
        ),  # fmt: skip
        *withdrawals(("draft", "submitted", "incomplete", "information_requested")),
        _t(
            "declare_inadmissible",
            gettext_lazy("Declare inadmissible"),
            "submitted",
            "inadmissible",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(DECIDED_BY_DEPARTMENT,),
        ),
        # Before completeness the question returns the file to be checked again (the clock has not
        # started yet); during the assessment back to it (the clock resumes on the day of the answer).
        *information_requests(HANDLERS, (("submitted", "incomplete"), ("under_assessment", "information_requested"))),
        _t(
            "declare_complete",
            gettext_lazy("Declare complete and start the assessment"),
            "submitted",
            "under_assessment",
            HANDLERS,
            guards=(FILE_COMPLETE,),
            on_enter=(ON_DECLARED_COMPLETE,),
        ),
        _t("request_advice", gettext_lazy("Ask external advice"), "under_assessment", "awaiting_advice", HANDLERS),
        _t(
            "advice_received",
            gettext_lazy("Advice received"),
            "awaiting_advice",
            "under_assessment",
            HANDLERS,
            guards=(ADVICE_RECEIVED,),
        ),
        _t(
            "propose_department_decision",
            gettext_lazy("Propose a decision (department decides)"),
            "under_assessment",
            "decision_department",
            HANDLERS,
            guards=(ASSESSED, MAY_PROCEED),
            on_enter=(set_data("decision_level", "department"),),
        ),
        _t(
            "refer_to_minister",
            gettext_lazy("Refer to the minister"),
            "under_assessment",
            "decision_minister",
            HANDLERS,
            guards=(ASSESSED, MAY_PROCEED),
            on_enter=(set_data("decision_level", "minister"),),
        ),
        *[
            _t(
                name,
                label,
                level,
                target,
                roles,
                reason_required=True,
                reason_to_applicant=True,
                guards=guards,
                on_enter=(DECIDED_BY_DEPARTMENT, *actions),
                not_by_actor_of=PROPOSALS,
            )  # fmt: skip
            for level, roles in (("decision_department", HANDLERS), ("decision_minister", MINISTER))
            for name, label, target, guards, actions in (
                ("grant", gettext_lazy("Grant"), "granted", (MAY_PROCEED, MAY_GRANT), ()),
                (
                    "grant_with_conditions",
                    gettext_lazy("Grant with conditions"),
                    "granted_with_conditions",
                    (MAY_PROCEED, MAY_GRANT),
                    (),
                ),
                ("refuse", gettext_lazy("Refuse"), "refused", (MAY_PROCEED,), (ON_REFUSED,)),
            )
        ],
        _t(
            "back_to_assessment",
            gettext_lazy("Back to assessment"),
            "decision_department",
            "under_assessment",
            HANDLERS,
            reason_required=True,
        ),
        _t(
            "back_to_assessment",
            gettext_lazy("Back to assessment"),
            "decision_minister",
            "under_assessment",
            MINISTER,
            reason_required=True,
        ),
        *[
            _t(name, label, source, target, HANDLERS, reason_required=True, reason_to_applicant=True)
            for source in ("granted", "granted_with_conditions")
            for name, label, target in (
                ("expire", gettext_lazy("Record expiry"), "expired"),
                ("revoke", gettext_lazy("Revoke"), "revoked"),
            )
        ],
    ),
    clocks=(
        Clock(
            code="decision_term",
            label=gettext_lazy("Indicative term for the decision"),
            terms=TERMS,
            runs_in={"under_assessment", "decision_department", "decision_minister"},
            suspended_in={"incomplete", "information_requested", "submitted", "awaiting_advice"},
            working_days=False,
            variant=decision_level,
        ),
    ),
)
