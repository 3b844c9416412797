"""Claims (schadeaanvragen) on the procedure RF: what is admissible, the fund's record of a claim,
the expertise, the computation shown line by line, the decision, rectification, appeal, payment.

The steps themselves are the engine's (procedure.py declares them); what a step needs (a guard)
and what it records (an entry action) is here, so the counter's form, the guards and the pages ask
the same functions. Amounts are whole cents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chancery.core import audit, money
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.disaster_fund import rules
from chancery.disaster_fund.models import (
    Claim,
    GoodsKind,
    Municipality,
    PaymentState,
    Recognition,
    RecognitionState,
)
from chancery.disaster_fund.services.compensation import (
    Compensation,
    cents,
    claim_deadline,
    compute,
    in_claim_window,
    late_claim_admissible,
    late_claim_deadline,
    term_end,
)
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine
from chancery.procedures.services import letters


@dataclass(frozen=True)
class Filing:
    """What the counter's form asks, as the case's data holds it."""

    recognition: Recognition
    municipality: Municipality
    filed_on: datetime.date
    late: bool = False
    impediment_ended_on: datetime.date | None = None
    late_motivation: str = ""


def admissibility_errors(filing: Filing) -> dict[str, str]:
    """Why a claim may not be filed (field → Dutch message); empty when it may. A claim after the
    window is offered the late-claim route (force majeure, within three months after the
    impediment ended, at most one year after publication)."""
    errors: dict[str, str] = {}
    recognition = filing.recognition
    if recognition.state != RecognitionState.PUBLISHED or recognition.published_on is None:
        return {"recognition": _("This disaster is not (yet) recognised: no claim can be filed.")}
    published = recognition.published_on
    if not recognition.municipalities.filter(pk=filing.municipality.pk).exists():
        errors["municipality"] = _(
            "%(name)s is not among the municipalities of this recognition; damage there is not covered."
        ) % {"name": filing.municipality.name}
    if filing.filed_on < published:
        errors["recognition"] = _("Claims are filed from the publication of the recognition.")
    elif not filing.late and not in_claim_window(published, filing.filed_on):
        errors["late"] = _(
            "The claim window ended on %(deadline)s. If force majeure kept you from filing in time, file a "
            "late claim: tick “late claim”, give the day the impediment ended and your motivation (until "
            "%(late)s, within three months after the impediment ended)."
        ) % {"deadline": claim_deadline(published).isoformat(), "late": late_claim_deadline(published).isoformat()}
    elif filing.late:
        if in_claim_window(published, filing.filed_on):
            errors["late"] = _("The claim window is still open: file an ordinary claim.")
        elif filing.impediment_ended_on is None:
            errors["impediment_ended_on"] = _("Give the day the impediment ended.")
        elif not filing.late_motivation.strip():
            errors["late_motivation"] = _("Motivate the late claim.")
        elif not late_claim_admissible(published, filing.impediment_ended_on, filing.filed_on):
            errors["late"] = _(
                "A late claim is filed within three months after the impediment ended and at the latest on %(late)s."
            ) % {"late": late_claim_deadline(published).isoformat()}
    return errors


def filing_from(case: Case, filed_on: datetime.date | None = None) -> Filing:
    data = case.data
    impediment = data.get("impediment_ended_on")
    return Filing(
        recognition=Recognition.objects.get(pk=data["recognition"]),
        municipality=Municipality.objects.get(nis_code=data["municipality"]),
        filed_on=filed_on or timezone.localdate(),
        late=bool(data.get("late")),
        impediment_ended_on=datetime.date.fromisoformat(impediment) if impediment else None,
        late_motivation=data.get("late_motivation", ""),
    )


def admissible(case: Case) -> str | None:
    """Guard of the submission: the same rules as the form (nothing is stored on refusal)."""
    errors = admissibility_errors(filing_from(case))
    return " ".join(errors.values()) or None


def record_claim(case: Case, transition, actor) -> None:
    """Entry action of the submission: the fund's record of the claim, from the form's data."""
    data = case.data
    filing = filing_from(case)
    Claim.objects.create(
        case=case,
        recognition=filing.recognition,
        municipality=filing.municipality,
        capacity=data["capacity"],
        goods_kind=data["goods_kind"],
        insurable_simple_risks=bool(data["insurable_simple_risks"]),
        description=data["description"],
        estimate_cents=cents(data["estimate_eur"], "estimate_eur"),
        insurance_paid_cents=cents(data.get("insurance_paid_eur") or "0", "insurance_paid_eur"),
        filed_on=filing.filed_on,
        late=filing.late,
        impediment_ended_on=filing.impediment_ended_on,
        late_motivation=filing.late_motivation,
    )


# --- the computation -------------------------------------------------------------------------


def claimant_kind(claim: Claim) -> str:
    return "public_domain" if claim.goods_kind == GoodsKind.PUBLIC_DOMAIN else "private"


def computation(claim: Claim) -> Compensation:
    """The compensation as the rules give it today: on the damage the expert assessed (the
    estimate until then), the insurance payouts known, the figures in force on the publication."""
    damage = claim.assessed_damage_cents if claim.assessed_damage_cents is not None else claim.estimate_cents
    return compute(
        claimant=claimant_kind(claim),
        damage_cents=damage,
        insurance_cents=claim.insurance_paid_cents,
        insurable_simple_risks=claim.insurable_simple_risks,
        on=claim.recognition.published_on,
    )


# --- handlers' steps with their facts --------------------------------------------------------


def _claim_of(case: Case) -> Claim:
    return Claim.objects.select_for_update().get(case=case)


@transaction.atomic
def assign_expert(actor, case: Case, *, expert: str, expected_version: int | None = None) -> Claim:
    require(actor, "disaster_fund.handle")
    if not expert.strip():
        raise ValidationError({"expert": _("Name the expert.")})
    claim = _claim_of(case)
    claim.expert = expert.strip()
    claim.save(update_fields=["expert"])
    engine.fire(case, "assign_expert", actor, reason=claim.expert, expected_version=expected_version)
    return claim


@transaction.atomic
def send_report(
    actor, case: Case, *, assessed_damage_eur, expected_version: int | None = None, on: datetime.date | None = None
) -> Claim:
    """The expert's report with the damage assessed goes to the claimant, who has one month to
    agree or comment (silence counts as agreement)."""
    require(actor, "disaster_fund.handle")
    claim = _claim_of(case)
    on = on or timezone.localdate()
    claim.assessed_damage_cents = cents(assessed_damage_eur, _("damage assessed"))
    claim.report_sent_on = on
    claim.comment_deadline = term_end(on, "expert_report_comment", claim.recognition.published_on)
    claim.save(update_fields=["assessed_damage_cents", "report_sent_on", "comment_deadline"])
    engine.fire(
        case,
        "revise_report" if case.state == "report_commented" else "send_report",
        actor,
        reason=_("Damage assessed by the expert: %(amount)s. You may agree or comment until %(day)s.")
        % {"amount": money.euro_cents(claim.assessed_damage_cents), "day": claim.comment_deadline.isoformat()},
        expected_version=expected_version,
    )
    return claim


@transaction.atomic
def record_insurance(actor, case: Case, *, insurance_paid_eur) -> Claim:
    """The insurer's certificate may follow: the payouts it states, until the decision."""
    require(actor, "disaster_fund.handle")
    claim = _claim_of(case)
    if claim.decided_on is not None and case.state != "rectification_requested":
        raise ValidationError(_("The decision is taken; a change goes through a rectification."))
    before = {"insurance_paid_cents": claim.insurance_paid_cents}
    claim.insurance_paid_cents = cents(insurance_paid_eur, _("insurance payouts"))
    claim.save(update_fields=["insurance_paid_cents"])
    audit.record(
        actor, AuditAction.UPDATE, claim, before=before, after={"insurance_paid_cents": claim.insurance_paid_cents}
    )
    return claim


# --- guards and entry actions of the procedure ------------------------------------------------


def expert_named(case: Case) -> str | None:
    claim = Claim.objects.filter(case=case).first()
    return None if claim and claim.expert else _("Name the expert first.")


def report_assessed(case: Case) -> str | None:
    claim = Claim.objects.filter(case=case).first()
    return None if claim and claim.assessed_damage_cents is not None else _("Record the damage the expert assessed.")


def comment_term_lapsed(case: Case) -> str | None:
    claim = Claim.objects.get(case=case)
    if claim.comment_deadline and timezone.localdate() > claim.comment_deadline:
        return None
    return _("The claimant may still agree or comment until %(day)s; silence counts as agreement after that.") % {
        "day": claim.comment_deadline.isoformat() if claim.comment_deadline else "?"
    }


def within_rectification_term(case: Case) -> str | None:
    claim = Claim.objects.get(case=case)
    if claim.decided_on and timezone.localdate() <= term_end(claim.decided_on, "rectification", claim.decided_on):
        return None
    return _("A rectification is asked within one month of the decision.")


def appeal_term_lapsed(case: Case) -> str | None:
    claim = Claim.objects.get(case=case)
    if claim.appeal_deadline and timezone.localdate() > claim.appeal_deadline:
        return None
    return _("Payment is ordered after the claimant's agreement or once the appeal term has lapsed (%(day)s).") % {
        "day": claim.appeal_deadline.isoformat() if claim.appeal_deadline else "?"
    }


def record_decision(case: Case, transition, actor) -> None:
    """Entry action of a decision (and of a rectified or judged one): the computation as it
    stands, recorded with the decision, and the appeal term from that day."""
    claim = _claim_of(case)
    outcome = computation(claim)
    today = timezone.localdate()
    claim.decided_on = today
    claim.eligible = outcome.eligible
    claim.compensation_cents = outcome.compensation_cents
    claim.lines = [
        {"label": line.label, "amount_cents": line.amount_cents, "source": line.source, "verified": line.verified}
        for line in outcome.lines
    ]
    claim.appeal_deadline = term_end(today, "appeal", today)
    claim.save(update_fields=["decided_on", "eligible", "compensation_cents", "lines", "appeal_deadline"])


def order_payment(case: Case, transition, actor) -> None:
    claim = _claim_of(case)
    claim.payment_state, claim.payment_ordered_on = PaymentState.ORDERED, timezone.localdate()
    claim.save(update_fields=["payment_state", "payment_ordered_on"])


def mark_paid(case: Case, transition, actor) -> None:
    claim = _claim_of(case)
    claim.payment_state, claim.paid_on = PaymentState.PAID, timezone.localdate()
    claim.save(update_fields=["payment_state", "paid_on"])


def deadlines(claim: Claim) -> dict[str, datetime.date]:
    published = claim.recognition.published_on
    return {"claim_deadline": claim_deadline(published), "late_claim_deadline": late_claim_deadline(published)}


# --- the decision letter ------------------------------------------------------------------------

# The steps that write a letter to the claimant: a decision (first, rectified, after the Court's
# judgment) and a refusal. "keep_decision" answers a rectification request in its reason only.
LETTER_STEPS = {"decide", "rectify", "record_judgment", "refuse"}


def write_decision_letter(case: Case, *, actor, decided_at: datetime.datetime, motivation: str, step: str):
    """The decision letter as a sealed PDF on the case, visible to the claimant (the engine's
    procedures.services.letters, as the licences): the computation line by line as recorded with
    the decision, the motivation, and the terms for a rectification and an appeal with their
    dates. Written in the procedure's language, Dutch, whatever the handler's screen shows.
    Called in the step's transaction (signals), so it rolls back with the step."""
    claim = Claim.objects.select_related("recognition__event", "municipality").get(case=case)
    decided_on = timezone.localtime(decided_at).date()
    refused = step == "refuse"
    with translation.override(settings.LANGUAGE_CODE):
        content = letters.render_pdf(
            "disaster_fund/decision_letter_pdf.html",
            {
                "case": case, "claim": claim, "decided_on": decided_on, "motivation": motivation,
                "refused": refused, "rectified": step == "rectify", "judgment": step == "record_judgment",
                "rectification_until": term_end(decided_on, "rectification", decided_on),
                "appeal_until": term_end(decided_on, "appeal", decided_on),
                "appeal_term": rules.term("appeal", decided_on),
            },
        )  # fmt: skip
        title = (_("Refusal of claim %(reference)s") if refused else _("Decision on claim %(reference)s")) % {
            "reference": case.reference
        }
    kind = "weigering" if refused else "beslissing"
    filename = f"{kind}-{case.reference}-{decided_on.isoformat()}.pdf"
    return letters.attach_to_case(actor, case, pdf=content, filename=filename, title=title)
