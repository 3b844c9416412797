"""Payments of a grant in tranches (procedure-rules §D3 step 6): by default an advance of 80 % when
the agreement is signed and the balance after the final report (the call's `advance_share`).

Each tranche is a payment instruction of its own (planned → ordered → paid, or cancelled). Amounts
are whole cents and nothing is lost to rounding: every tranche but the last is rounded down, the
last takes the remainder (`split`). An envelope's paid amount grows only through `pay`, under the
envelope's row lock, as its committed amount grows only through `programmes.commit`; what a
partial acceptance or a recovery frees goes back to the envelope through `release` and `refund`,
under the same lock.

The steps are the engine's (procedure.py); the functions named `*_step` are their entry actions
and guards, run inside the step's transaction (a refusal undoes the whole step)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.models import AuditAction
from chancery.grants.events import TRANCHE_PAID
from chancery.grants.models import Application, Envelope, Tranche, TrancheKind, TrancheState
from chancery.grants.services.money import euro
from chancery.procedures.models import Case

TRANCHE_FIELDS = ("kind", "share", "amount_cents", "state", "ordered_on", "paid_on")
ENVELOPE_FIELDS = ("planned_cents", "committed_cents", "paid_cents")


# --- arithmetic ----------------------------------------------------------------------------------


def split(amount_cents: int, shares: Sequence[Decimal]) -> list[int]:
    """`amount_cents` in tranches of the given shares (fractions adding up to 1): each but the last
    rounded down to the cent, the last the remainder, so the tranches always add up to the amount."""
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents < 0:
        raise ValidationError(_("A grant is a whole number of cents, not negative."))
    shares = [Decimal(str(share)) for share in shares]
    if not shares or any(share <= 0 for share in shares) or sum(shares) != 1:
        raise ValidationError(_("The tranches' shares are positive and add up to 100 %."))
    tranches = [int((amount_cents * share).to_integral_value(rounding=ROUND_DOWN)) for share in shares[:-1]]
    return [*tranches, amount_cents - sum(tranches)]


def shares_of(application: Application) -> list[Decimal]:
    advance = Decimal(application.call.advance_share)
    return [advance, Decimal(1) - advance]


def paid_cents(application: Application) -> int:
    return sum(t.amount_cents for t in application.tranches.all() if t.state == TrancheState.PAID)


# --- the envelope --------------------------------------------------------------------------------


def _locked_envelope(application: Application) -> Envelope:
    if application.envelope_id is None:
        raise ValidationError(_("This grant has no envelope: it was not awarded."))
    return Envelope.objects.select_for_update().get(pk=application.envelope_id)


def _record_envelope(actor, envelope: Envelope, before: dict, reason: str, source) -> None:
    audit.record(actor, AuditAction.UPDATE, envelope, before=before, after=audit.snapshot(envelope, ENVELOPE_FIELDS),
                 reason=reason, source=source)  # fmt: skip


def release(actor, application: Application, amount_cents: int, *, reason: str, source=None) -> None:
    """Give `amount_cents` of the grant's commitment back to its envelope (a reduced balance, the
    unpaid part of a grant recovered): never below what was paid."""
    if amount_cents == 0:
        return
    with transaction.atomic():
        envelope = _locked_envelope(application)
        if amount_cents < 0 or envelope.committed_cents - amount_cents < envelope.paid_cents:
            raise ValidationError(_("The envelope cannot release more than it committed and did not pay."))
        before = audit.snapshot(envelope, ENVELOPE_FIELDS)
        envelope.committed_cents -= amount_cents
        envelope.save(update_fields=["committed_cents"])
        _record_envelope(actor, envelope, before, reason, source)


def refund(actor, application: Application, amount_cents: int, *, reason: str, source=None) -> None:
    """A recovered amount paid back: it leaves both the envelope's paid and committed amounts."""
    with transaction.atomic():
        envelope = _locked_envelope(application)
        if amount_cents <= 0 or amount_cents > envelope.paid_cents:
            raise ValidationError(_("A repayment is a positive amount, at most what the envelope paid."))
        before = audit.snapshot(envelope, ENVELOPE_FIELDS)
        envelope.paid_cents -= amount_cents
        envelope.committed_cents -= amount_cents
        envelope.save(update_fields=["paid_cents", "committed_cents"])
        _record_envelope(actor, envelope, before, reason, source)


# --- tranches ------------------------------------------------------------------------------------


def plan(actor, application: Application, *, source=None) -> list[Tranche]:
    """The grant's tranches (advance ordered at once, balance planned), once."""
    if application.awarded_cents is None:
        raise ValidationError(_("Only an awarded grant is paid."))
    if application.tranches.exists():
        raise ValidationError(_("The tranches of this grant are already planned."))
    shares = shares_of(application)
    today = timezone.localdate()
    made = []
    for number, (kind, share, amount) in enumerate(
        zip((TrancheKind.ADVANCE, TrancheKind.BALANCE), shares, split(application.awarded_cents, shares),
            strict=True), start=1,
    ):  # fmt: skip
        ordered = kind == TrancheKind.ADVANCE
        tranche = Tranche.objects.create(
            application=application, number=number, kind=kind, share=share, amount_cents=amount,
            state=TrancheState.ORDERED if ordered else TrancheState.PLANNED, ordered_on=today if ordered else None,
        )  # fmt: skip
        audit.record(actor, AuditAction.CREATE, tranche, after=audit.snapshot(tranche, TRANCHE_FIELDS), source=source)
        made.append(tranche)
    return made


def order(actor, tranche: Tranche, amount_cents: int | None = None, *, source=None) -> Tranche:
    """Order the payment of a planned tranche (its amount reduced to `amount_cents` when given);
    a tranche of nothing is cancelled instead."""
    with transaction.atomic():
        locked = Tranche.objects.select_for_update().get(pk=tranche.pk)
        if locked.state != TrancheState.PLANNED:
            raise ValidationError(
                _("Tranche %(number)s is %(state)s: only a planned tranche is ordered.")
                % {"number": locked.number, "state": locked.get_state_display().lower()}
            )
        before = audit.snapshot(locked, TRANCHE_FIELDS)
        if amount_cents is not None:
            if amount_cents < 0 or amount_cents > locked.amount_cents:
                raise ValidationError(_("A tranche may be reduced, never raised or made negative."))
            locked.amount_cents = amount_cents
        if locked.amount_cents == 0:
            locked.state = TrancheState.CANCELLED
        else:
            locked.state, locked.ordered_on = TrancheState.ORDERED, timezone.localdate()
        locked.save(update_fields=["amount_cents", "state", "ordered_on"])
        audit.record(actor, AuditAction.UPDATE, locked, before=before, after=audit.snapshot(locked, TRANCHE_FIELDS),
                     source=source)  # fmt: skip
    return locked


def pay(actor, tranche: Tranche, *, source=None) -> Tranche:
    """Record an ordered tranche as paid: **the one way an envelope's paid amount grows**, under the
    envelope's row lock (never above what it committed). Paying twice is refused."""
    with transaction.atomic():
        locked = Tranche.objects.select_for_update().select_related("application__case").get(pk=tranche.pk)
        if locked.state == TrancheState.PAID:
            raise ValidationError(
                _("Tranche %(number)s was already paid on %(day)s: it is not paid twice.")
                % {"number": locked.number, "day": locked.paid_on.strftime("%d-%m-%Y")},
                code="paid_twice",
            )
        if locked.state != TrancheState.ORDERED:
            raise ValidationError(
                _("Tranche %(number)s is not ordered: it cannot be paid.") % {"number": locked.number}
            )
        envelope = _locked_envelope(locked.application)
        if envelope.paid_cents + locked.amount_cents > envelope.committed_cents:
            raise ValidationError(
                _("%(amount)s EUR would pay more than the envelope %(envelope)s committed: refused.")
                % {"amount": euro(locked.amount_cents), "envelope": str(envelope)}
            )
        before = audit.snapshot(envelope, ENVELOPE_FIELDS)
        envelope.paid_cents += locked.amount_cents
        envelope.save(update_fields=["paid_cents"])
        _record_envelope(actor, envelope, before, locked.instruction, source)
        tranche_before = audit.snapshot(locked, TRANCHE_FIELDS)
        locked.state, locked.paid_on = TrancheState.PAID, timezone.localdate()
        locked.save(update_fields=["state", "paid_on"])
        audit.record(actor, AuditAction.UPDATE, locked, before=tranche_before,
                     after=audit.snapshot(locked, TRANCHE_FIELDS), source=source)  # fmt: skip
        events.emit(TRANCHE_PAID.code, locked, {
            "reference": locked.application.case.reference, "instruction": locked.instruction,
            "amount_eur": euro(locked.amount_cents),
        })  # fmt: skip
    return locked


def tranche(application: Application, kind: str) -> Tranche | None:
    return application.tranches.filter(kind=kind).first()


# --- the engine's guards and entry actions -------------------------------------------------------


def _application(case: Case) -> Application:
    return Application.objects.select_related("call", "case").get(case=case)


def advance_ordered(case: Case) -> str | None:
    advance = tranche(_application(case), TrancheKind.ADVANCE)
    if advance is None or advance.state != TrancheState.ORDERED:
        return _("The advance is not ordered (or already paid).")
    return None


def balance_payable(case: Case) -> str | None:
    balance = tranche(_application(case), TrancheKind.BALANCE)
    if balance is None or balance.state not in (TrancheState.ORDERED, TrancheState.CANCELLED):
        return _("The balance is not ordered: settle the final report first.")
    return None


def plan_step(case: Case, transition, actor) -> None:
    plan(actor, _application(case))


def pay_advance_step(case: Case, transition, actor) -> None:
    pay(actor, tranche(_application(case), TrancheKind.ADVANCE))


def pay_balance_step(case: Case, transition, actor) -> None:
    balance = tranche(_application(case), TrancheKind.BALANCE)
    if balance.state == TrancheState.ORDERED:
        pay(actor, balance)
