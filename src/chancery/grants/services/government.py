"""Who decides a grant: the competent minister (the step `award`), or the Flemish Government
(procedure-rules §D3 step 5). A call says which (`Call.decided_by`); from the threshold in
`rules.DECISION_FIGURES` on, the Government decides in any case.

Before the Government, the way is the one of every module that asks the Government (disaster_fund's
recognition, eu_files' position): the grants service prepares the proposal (the step
`propose_to_government`, entry action `prepare_proposal`), a minister's office submits it for a
meeting through `decisions.services.submit` with the proposal as its document (the secretariat
accepts it onto the draft agenda), and the grant follows the Government's decision on that item
(`follow_decision`, on the domain event of the decision, inside its transaction): approved →
granted (the envelope committed then, under its row lock), withdrawn (not adopted) → rejected;
postponed or acknowledged leaves it before the Government. No grant without that decision: the
steps that follow it are guarded by the recorded decision, and a decision that the grant cannot
follow (no room left in the envelope; a correction against a grant already given) is refused by
decision-making itself (`decision_check`, registered with `register_decision_check`).

The proposal never names a protected beneficiary (a person at risk): it goes to the Government's
agenda, to people outside the file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.models import AccessLevel, AuditAction
from chancery.decisions import services as decisions
from chancery.decisions.models import AgendaItem, Decision, DecisionResult
from chancery.decisions.services.outcomes import meeting_day
from chancery.grants import rules
from chancery.grants.events import GRANT_PROPOSED, GRANT_SUBMITTED_TO_GOVERNMENT
from chancery.grants.models import Application, GovernmentProposal, ProposalState
from chancery.grants.services import applications, programmes
from chancery.grants.services.money import euro
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine
from chancery.procedures.services import letters

MINISTER, GOVERNMENT = "minister", "government"
PROPOSAL_FIELDS = ("state", "amount_cents", "submission", "decision")


def decided_by(application: Application) -> str:
    """Who decides this grant: the call's choice, the Government from the threshold on."""
    threshold = rules.decision_figure("government_threshold_cents").value
    if application.call.decided_by == GOVERNMENT or application.requested_cents >= threshold:
        return GOVERNMENT
    return MINISTER


def minister_decides(case: Case) -> str | None:
    """Guard of the award by the minister."""
    if decided_by(applications.application_of(case)) == GOVERNMENT:
        return _("The Flemish Government decides this grant: propose it to the Government.")
    return None


def government_decides(case: Case) -> str | None:
    """Guard of the proposal to the Government."""
    if decided_by(applications.application_of(case)) == MINISTER:
        return _("The competent minister decides this grant: award or reject it.")
    return None


def _proposal(case: Case) -> GovernmentProposal | None:
    return GovernmentProposal.objects.filter(application__case=case).first()


def approved(case: Case) -> str | None:
    """Guard of the step that grants after the Government approved: its decision is recorded."""
    proposal = _proposal(case)
    if proposal is None or proposal.state != ProposalState.APPROVED:
        return _("The Government has not approved this grant: no grant without its decision.")
    return None


def not_adopted(case: Case) -> str | None:
    """Guard of the step that rejects after the Government did not adopt the proposal."""
    proposal = _proposal(case)
    if proposal is None or proposal.state != ProposalState.REJECTED:
        return _("The Government has not decided against this grant.")
    return None


def prepare_proposal(case: Case, transition, actor) -> None:
    """Entry action of `propose_to_government`: the proposal, for the amount requested."""
    application = applications.application_of(case)
    proposal, made = GovernmentProposal.objects.get_or_create(
        application=application, defaults={"amount_cents": application.requested_cents, "prepared_by": actor}
    )
    if not made:  # back before the Government after a correction: a fresh proposal
        proposal.state, proposal.amount_cents, proposal.submission, proposal.decision = (
            ProposalState.PREPARED, application.requested_cents, None, None,
        )  # fmt: skip
        proposal.save()
    audit.record(actor, AuditAction.CREATE, proposal, after=audit.snapshot(proposal, PROPOSAL_FIELDS))
    events.emit(GRANT_PROPOSED.code, proposal, {"reference": case.reference, "call": application.call.slug})


def beneficiary_shown(application: Application) -> str:
    """The beneficiary as anyone outside the file may read it."""
    return rules.PROTECTED_BENEFICIARY if application.protected else application.beneficiary


def titles(application: Application) -> tuple[str, str]:
    short = _("Grant %(reference)s: %(programme)s") % {
        "reference": application.case.reference, "programme": application.call.programme.name,
    }  # fmt: skip
    title = _("Grant of %(amount)s EUR to %(beneficiary)s on the call “%(call)s” (%(reference)s)") % {
        "amount": euro(application.requested_cents), "beneficiary": beneficiary_shown(application),
        "call": application.call.title, "reference": application.case.reference,
    }  # fmt: skip
    return title, short


def proposal_pdf(application: Application) -> bytes:
    """The proposal to the Government as a PDF, in Dutch: the call, the amount, the consolidated
    scores and the envelope; a protected beneficiary as "beschermde begunstigde", without country
    or purpose."""
    from_envelope = programmes.envelope_for(application.call)
    with translation.override(settings.LANGUAGE_CODE):
        title, _short = titles(application)
        return letters.render_pdf(
            "grants/proposal_pdf.html",
            {
                "application": application, "title": title, "beneficiary": beneficiary_shown(application),
                "amount": euro(application.requested_cents), "consolidation": applications.consolidate(application),
                "envelope": from_envelope, "remaining": euro(from_envelope.remaining_cents) if from_envelope else "",
                "today": timezone.localdate(),
            },
        )  # fmt: skip


@transaction.atomic
def submit_to_government(actor, proposal: GovernmentProposal, meeting, *, mandatees) -> GovernmentProposal:
    """A minister's office submits the prepared proposal for a meeting of the Government (the
    decision-making module checks who may submit for which minister), with the proposal as PDF."""
    proposal = (
        GovernmentProposal.objects.select_for_update()
        .select_related("application__call__programme", "application__case")
        .get(pk=proposal.pk)
    )
    application = proposal.application
    if proposal.state != ProposalState.PREPARED or application.case.state != "government":
        raise ValidationError(_("This proposal was already submitted to the Government."), code="state")
    title, short = titles(application)
    upload = SimpleUploadedFile(
        f"voorstel-{application.case.reference}.pdf", proposal_pdf(application), content_type="application/pdf"
    )
    submission = decisions.submit(
        actor, meeting, title=title, short_title=short, mandatees=mandatees, kind="note", step_kind="other",
        # A grant to a person at risk stays confidential on the agenda too (the title names nobody).
        item_access_level=AccessLevel.CONFIDENTIAL if application.protected else AccessLevel.PUBLIC,
        uploads=[upload],
    )  # fmt: skip
    before = audit.snapshot(proposal, PROPOSAL_FIELDS)
    proposal.submission, proposal.state = submission, ProposalState.SUBMITTED
    proposal.document = submission.documents.order_by("pk").first()
    proposal.save(update_fields=["submission", "state", "document"])
    audit.record(actor, AuditAction.STATE_CHANGE, proposal, before=before,
                 after=audit.snapshot(proposal, PROPOSAL_FIELDS))  # fmt: skip
    events.emit(GRANT_SUBMITTED_TO_GOVERNMENT.code, proposal,
                {"reference": application.case.reference, "meeting": meeting.pk})  # fmt: skip
    return proposal


def _proposal_on(item: AgendaItem) -> GovernmentProposal | None:
    if item.step_id is None:
        return None
    return (
        GovernmentProposal.objects.select_related("application__case", "application__call__programme")
        .filter(submission__step_id=item.step_id)
        .first()
    )


def decision_check(item: AgendaItem, result: str) -> None:
    """Asked by decision-making before a decision (or its correction) is recorded on an item: the
    grant must be able to follow it. Approving needs room in the envelope; once granted, the
    decision is not corrected to anything else (the grant is recovered, not undone); once
    rejected, not corrected into an approval (a new application is needed)."""
    proposal = _proposal_on(item)
    if proposal is None:
        return
    case = proposal.application.case
    if case.state == "government" and result == DecisionResult.APPROVED:
        refusal = applications.within_envelope(case)
        if refusal:
            raise ValidationError(refusal, code="envelope")
    elif case.state == "granted" and result != DecisionResult.APPROVED:
        raise ValidationError(
            _("Grant %(reference)s was given on this decision: it cannot be corrected to another result.")
            % {"reference": case.reference},
            code="granted",
        )
    elif case.state == "rejected" and result == DecisionResult.APPROVED:
        raise ValidationError(
            _("Grant application %(reference)s was rejected on this decision: a new application is needed.")
            % {"reference": case.reference},
            code="rejected",
        )


def follow_decision(decision: Decision) -> GovernmentProposal | None:
    """The Government decided on an item: if it holds a grant proposal, the grant follows. Inside
    the decision's transaction, by its author (a refusal of the step undoes the decision too)."""
    item = AgendaItem.objects.select_related("agenda__meeting").get(pk=decision.item_id)
    found = _proposal_on(item)
    if found is None:
        return None
    proposal = GovernmentProposal.objects.select_for_update().get(pk=found.pk)
    case = found.application.case
    if case.state != "government":
        return proposal
    if decision.result == DecisionResult.APPROVED:
        state, step = ProposalState.APPROVED, "follow_government_approval"
        reason = decision.text or _("The Flemish Government approved the grant.")
    elif decision.result == DecisionResult.WITHDRAWN:
        state, step = ProposalState.REJECTED, "follow_government_rejection"
        reason = decision.motivation or decision.text or _("The Flemish Government did not adopt the proposal.")
    else:  # postponed or acknowledged: still before the Government
        return proposal
    before = audit.snapshot(proposal, PROPOSAL_FIELDS)
    proposal.state, proposal.decision = state, decision
    proposal.save(update_fields=["state", "decision"])
    audit.record(decision.decided_by, AuditAction.STATE_CHANGE, proposal, before=before,
                 after=audit.snapshot(proposal, PROPOSAL_FIELDS))  # fmt: skip
    engine.fire(case, step, decision.decided_by, reason=reason)
    # The grant is decided on the day of the Government's meeting.
    Application.objects.filter(pk=found.application.pk).update(decided_on=meeting_day(item.agenda.meeting))
    return proposal
