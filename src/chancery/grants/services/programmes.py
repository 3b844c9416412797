"""Programmes, their yearly envelopes and their calls for proposals.

An envelope cannot be overspent: `commit` takes the envelope's row lock (select_for_update) and
refuses an amount above what remains, so two handlers deciding at the same moment are served one
after the other and the second is refused when the first took what was left. The database's check
constraint (committed ≤ planned) holds it once more."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.grants import rules
from chancery.grants.events import CALL_PUBLISHED
from chancery.grants.models import Call, CallState, Criterion, Envelope, Programme
from chancery.grants.services.money import euro

ENVELOPE_FIELDS = ("planned_cents", "committed_cents", "paid_cents")
CALL_FIELDS = (
    "title", "state", "opens_at", "closes_at", "max_grant_cents", "pass_mark_total", "decided_by", "advance_share"
)  # fmt: skip


@transaction.atomic
def programme_from_plan(actor, plan: rules.ProgrammePlan, years, *, source: str | None = None) -> Programme:
    """The programme of the memorandum `plan` with its envelope for each of `years` (idempotent)."""
    programme, made = Programme.objects.get_or_create(
        code=plan.code,
        defaults={
            "name": plan.name,
            "source": f"{plan.source} {plan.section}",
            "protects_persons": plan.protects_persons,
        },
    )
    if made:
        audit.record(actor, AuditAction.CREATE, programme, after={"code": plan.code}, source=source)
    for year in years:
        if not plan.valid_from.year <= year <= plan.valid_until.year:
            raise ValidationError(
                _("The memorandum plans %(programme)s from %(start)s to %(end)s, not in %(year)s.")
                % {"programme": plan.name, "start": plan.valid_from.year, "end": plan.valid_until.year, "year": year}
            )
        envelope, made = Envelope.objects.get_or_create(
            programme=programme, year=year,
            defaults={"planned_cents": plan.yearly_cents, "source": f"{plan.source} {plan.section}"},
        )  # fmt: skip
        if made:
            audit.record(actor, AuditAction.CREATE, envelope, after=audit.snapshot(envelope, ENVELOPE_FIELDS),
                         source=source)  # fmt: skip
    return programme


def envelope_for(call: Call) -> Envelope | None:
    return Envelope.objects.filter(programme_id=call.programme_id, year=call.year).first()


def commit(actor, envelope: Envelope, amount_cents: int, *, reason: str, source: str | None = None) -> Envelope:
    """Commit `amount_cents` on the envelope, or refuse (ValidationError in Dutch) when it exceeds
    what remains. Call it inside the transaction of the decision it serves: the row lock is held
    until that commits, and a refusal rolls the decision back with it."""
    if amount_cents <= 0:
        raise ValidationError(_("A commitment is a positive amount."))
    with transaction.atomic():
        locked = Envelope.objects.select_for_update().get(pk=envelope.pk)
        remaining = locked.planned_cents - locked.committed_cents
        if amount_cents > remaining:
            raise ValidationError(
                _("%(amount)s EUR exceeds what remains of the envelope %(envelope)s (%(remaining)s EUR): refused.")
                % {"amount": euro(amount_cents), "envelope": str(locked), "remaining": euro(remaining)},
                code="envelope_exceeded",
            )
        before = audit.snapshot(locked, ENVELOPE_FIELDS)
        locked.committed_cents += amount_cents
        locked.save(update_fields=["committed_cents"])
        audit.record(actor, AuditAction.UPDATE, locked, before=before,
                     after=audit.snapshot(locked, ENVELOPE_FIELDS), reason=reason, source=source)  # fmt: skip
    envelope.committed_cents = locked.committed_cents
    return locked


@transaction.atomic
def create_call(
    actor,
    programme: Programme,
    *,
    year: int,
    title: str,
    objectives: str,
    eligible_applicants: str,
    eligible_costs: str,
    max_grant_cents: int,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    criteria: list[dict],
    eligible_countries: list[str] | None = None,
    pass_mark_total: Decimal | None = None,
    advance_share: Decimal | None = None,
    source: str | None = None,
    decided_by: str = "minister",
) -> Call:
    """A draft call with its criteria ({name, weight, max_score?, pass_mark?, description?})."""
    require(actor, "grants.handle")
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the call a title.")
    if timezone.is_naive(opens_at) or timezone.is_naive(closes_at):
        errors["opens_at"] = _("Give the opening and closing moments with their time zone (Europe/Brussels).")
    elif closes_at <= opens_at:
        errors["closes_at"] = _("The call closes after it opens.")
    if max_grant_cents <= 0:
        errors["max_grant_cents"] = _("The maximum per grant is a positive amount.")
    if not Envelope.objects.filter(programme=programme, year=year).exists():
        errors["year"] = _("%(programme)s has no envelope for %(year)s.") % {"programme": programme, "year": year}
    if not criteria:
        errors["criteria"] = _("A call needs at least one criterion.")
    for criterion in criteria:
        mark = Decimal(str(criterion.get("pass_mark", rules.figure("pass_mark_criterion"))))
        if int(criterion.get("weight", 1)) <= 0 or int(criterion.get("max_score", 1)) <= 0 or not 0 <= mark <= 1:
            errors["criteria"] = _("Each criterion has a positive weight and maximum, and a pass mark between 0 and 1.")
    total = pass_mark_total if pass_mark_total is not None else rules.figure("pass_mark_total")
    if not 0 <= total <= 1:
        errors["pass_mark_total"] = _("The overall pass mark is between 0 and 1.")
    if decided_by not in ("minister", "government"):
        errors["decided_by"] = _("A grant is decided by the competent minister or by the Government.")
    try:
        advance = Decimal(str(advance_share)) if advance_share is not None else rules.figure("advance_share")
    except ArithmeticError:
        advance = Decimal(-1)
    if not 0 < advance < 1 or advance != advance.quantize(Decimal("0.01")):
        errors["advance_share"] = _("The advance is a share of the grant between 0 and 1 (e.g. 0.80).")
    if errors:
        raise ValidationError(errors)
    base = slugify(title)[:70] or "oproep"
    slug, n = base, 1
    while Call.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    call = Call.objects.create(
        programme=programme, year=year, slug=slug, title=title.strip(), objectives=objectives,
        eligible_applicants=eligible_applicants, eligible_costs=eligible_costs, max_grant_cents=max_grant_cents,
        opens_at=opens_at, closes_at=closes_at, eligible_countries=[c.upper() for c in eligible_countries or []],
        pass_mark_total=total, decided_by=decided_by, advance_share=advance,
    )  # fmt: skip
    for order, criterion in enumerate(criteria):
        Criterion.objects.create(
            call=call, order=order, name=criterion["name"], description=criterion.get("description", ""),
            weight=int(criterion.get("weight", 1)),
            max_score=int(criterion.get("max_score", rules.figure("max_score"))),
            pass_mark=Decimal(str(criterion.get("pass_mark", rules.figure("pass_mark_criterion")))),
        )  # fmt: skip
    audit.record(actor, AuditAction.CREATE, call, after=audit.snapshot(call, CALL_FIELDS), source=source)
    return call


@transaction.atomic
def publish_call(actor, call: Call, *, now=None, source: str | None = None) -> Call:
    require(actor, "grants.handle")
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.state == CallState.PUBLISHED:
        raise ValidationError(_("This call is already published."))
    before = audit.snapshot(call, CALL_FIELDS)
    call.state, call.published_at = CallState.PUBLISHED, now or timezone.now()
    call.save(update_fields=["state", "published_at"])
    audit.record(actor, AuditAction.UPDATE, call, before=before, after=audit.snapshot(call, CALL_FIELDS),
                 source=source)  # fmt: skip
    events.emit(CALL_PUBLISHED.code, call, {"call": events.api_link("api:call-detail", call.pk), "slug": call.slug})
    return call


def open_calls(at=None):
    at = at or timezone.now()
    return (
        Call.objects.filter(state=CallState.PUBLISHED, opens_at__lte=at, closes_at__gt=at)
        .select_related("programme")
        .order_by("closes_at", "pk")
    )
