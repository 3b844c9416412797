"""Grant applications on the procedure SUB: what may be submitted (the call open at that moment,
an eligible country, a budget that adds up, at most the call's maximum), the file's record of the
application, the reviews (a conflict declaration first, then scores per criterion), the
consolidation and ranking, and the award that commits the envelope.

The steps are the engine's (procedure.py declares them); what a step needs (a guard) and what it
records (an entry action) is here, so the counter's form, the guards and the pages ask the same
functions. Amounts are whole cents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import may, require
from chancery.core.models import AccessLevel, AuditAction
from chancery.core.permissions import has_role
from chancery.grants.events import GRANT_AWARDED
from chancery.grants.models import Application, Call, Criterion, Review, Score
from chancery.grants.services import programmes
from chancery.grants.services.money import cents, euro
from chancery.grants.services.scoring import checked_scores
from chancery.procedures.models import Case

CODE = "SUB"
# Who may be asked to review: civil servants of any service and external experts.
REVIEWER_ROLES = frozenset({"civil_servant", "expert", "secretariat", "admin"})


def _now() -> datetime.datetime:
    """The moment of a submission (one place, so a test can stand at the closing moment)."""
    return timezone.now()


# --- what may be submitted -----------------------------------------------------------------------


@dataclass
class Budget:
    lines: list[dict] = field(default_factory=list)  # {label, amount_cents}
    total_cents: int = 0
    co_financing_cents: int = 0
    requested_cents: int = 0


def budget_of(data: dict) -> tuple[Budget, dict[str, str]]:
    """The budget table of the form's data: cost lines (label, amount in euro), co-financing; the
    request is the total minus the co-financing. Errors by field, in Dutch."""
    errors: dict[str, str] = {}
    budget = Budget()
    raw_lines = data.get("budget_lines") or []
    if not isinstance(raw_lines, list) or not raw_lines:
        errors["budget_lines"] = _("Give at least one cost line in the budget.")
        raw_lines = []
    for n, line in enumerate(raw_lines, start=1):
        label = str((line or {}).get("label", "")).strip() if isinstance(line, dict) else ""
        try:
            amount = cents((line or {}).get("amount_eur", "") if isinstance(line, dict) else None,
                           _("Cost line %(n)s") % {"n": n})  # fmt: skip
        except ValidationError as exc:
            errors["budget_lines"] = exc.messages[0]
            continue
        if not label:
            errors["budget_lines"] = _("Cost line %(n)s has no description.") % {"n": n}
            continue
        budget.lines.append({"label": label[:200], "amount_cents": amount})
    try:
        budget.co_financing_cents = cents(data.get("co_financing_eur") or "0", _("Co-financing"))
    except ValidationError as exc:
        errors["co_financing_eur"] = exc.messages[0]
    budget.total_cents = sum(line["amount_cents"] for line in budget.lines)
    budget.requested_cents = budget.total_cents - budget.co_financing_cents
    if not errors and budget.requested_cents <= 0:
        errors["co_financing_eur"] = _("The co-financing covers the whole budget: there is nothing to request.")
    return budget, errors


def call_of(data: dict) -> Call | None:
    return Call.objects.filter(pk=data.get("call")).select_related("programme").first() if data.get("call") else None


def submission_errors(call: Call | None, data: dict, at: datetime.datetime) -> dict[str, str]:
    """Why this application may not be submitted on `call` at `at` (field → Dutch message); empty
    when it may. A submission at or after the closing moment is refused."""
    if call is None:
        return {"call": _("Choose the call you apply to.")}
    errors: dict[str, str] = {}
    local = timezone.localtime
    if not call.is_open(at):
        if at >= call.closes_at:
            errors["call"] = _("The call closed on %(moment)s (Brussels time): no more applications are accepted.") % {
                "moment": local(call.closes_at).strftime("%d/%m/%Y %H:%M")
            }
        else:
            errors["call"] = _("The call is not open for applications.")
    country = str(data.get("country") or "").upper()
    if call.eligible_countries and country not in call.eligible_countries:
        errors["country"] = _("Projects in this country are not eligible for this call (eligible: %(countries)s).") % {
            "countries": ", ".join(call.eligible_countries)
        }
    if data.get("protected") and not call.programme.protects_persons:
        errors["protected"] = _("Only the human rights fund takes applications of persons at risk.")
    if not str(data.get("purpose") or "").strip():
        errors["purpose"] = _("Describe the purpose of the project.")
    if not data.get("declaration_on_honour"):
        errors["declaration_on_honour"] = _("Sign the declaration on honour.")
    budget, budget_errors = budget_of(data)
    errors.update(budget_errors)
    if not budget_errors and budget.requested_cents > call.max_grant_cents:
        errors["budget_lines"] = _("You request %(requested)s EUR; this call grants at most %(maximum)s EUR.") % {
            "requested": euro(budget.requested_cents),
            "maximum": euro(call.max_grant_cents),
        }
    return errors


def submittable(case: Case) -> str | None:
    """Guard of the submission."""
    errors = submission_errors(call_of(case.data), case.data, _now())
    return " ".join(errors.values()) or None


def record_application(case: Case, transition, actor) -> None:
    """Entry action of the submission: the file's record of the application. A person at risk's
    file becomes confidential here (the engine saves the case after its entry actions)."""
    data = case.data
    budget, _errors = budget_of(data)
    protected = bool(data.get("protected"))
    Application.objects.create(
        case=case, call=call_of(data), beneficiary=case.applicant.name, country=str(data["country"]).upper(),
        purpose=data["purpose"], protected=protected, budget_lines=budget.lines,
        requested_cents=budget.requested_cents, co_financing_cents=budget.co_financing_cents, submitted_at=_now(),
    )  # fmt: skip
    if protected:
        case.access_level = AccessLevel.CONFIDENTIAL
        # The files sent with the form took the file's level when they were attached: raise them too.
        for link in case.documents.select_related("document"):
            document = link.document
            if document.access_level != AccessLevel.CONFIDENTIAL:
                before = {"access_level": document.access_level}
                document.access_level = AccessLevel.CONFIDENTIAL
                document.save(update_fields=["access_level"])
                audit.record(actor, AuditAction.UPDATE, document, before=before,
                             after={"access_level": document.access_level}, reason=case.reference)  # fmt: skip


def application_of(case: Case) -> Application:
    return Application.objects.select_related("call__programme").get(case=case)


# --- reviews -------------------------------------------------------------------------------------


@transaction.atomic
def assign_reviewer(actor, application: Application, reviewer, *, source: str | None = None) -> Review:
    require(actor, "grants.handle")
    if not has_role(reviewer, REVIEWER_ROLES):
        raise ValidationError(_("%(name)s cannot review applications.") % {"name": reviewer.display_name})
    if application.case.state != "assessment":
        raise ValidationError(_("Reviewers are assigned while the application is under assessment."))
    review, made = Review.objects.get_or_create(application=application, reviewer=reviewer)
    if not made:
        raise ValidationError(_("%(name)s already reviews this application.") % {"name": reviewer.display_name})
    audit.record(actor, AuditAction.CREATE, review, after={"application": application.pk, "reviewer": reviewer.pk},
                 source=source)  # fmt: skip
    return review


def _own_review(actor, review: Review) -> Review:
    locked = Review.objects.select_for_update().select_related("application__case").get(pk=review.pk)
    if locked.reviewer_id != actor.pk:
        raise PermissionDenied(_("This review is not yours."))
    if locked.application.case.state != "assessment":
        raise ValidationError(_("The assessment of this application is over."))
    return locked


@transaction.atomic
def declare_conflict(actor, review: Review, *, conflict: bool, note: str = "", source: str | None = None) -> Review:
    """The reviewer's declaration, before any score: with a conflict of interest they never score."""
    review = _own_review(actor, review)
    if review.declared_at is not None:
        raise ValidationError(_("You already made your declaration on this application."))
    if conflict and not note.strip():
        raise ValidationError({"conflict_note": _("Say what the conflict of interest is.")})
    review.conflict, review.conflict_note, review.declared_at = conflict, note.strip(), timezone.now()
    review.save(update_fields=["conflict", "conflict_note", "declared_at"])
    audit.record(actor, AuditAction.UPDATE, review, after={"conflict": conflict}, reason=note.strip(), source=source)
    return review


@transaction.atomic
def score(actor, review: Review, scores: dict[int, tuple[object, str]], *, source: str | None = None) -> Review:
    """The reviewer's scores: {criterion pk: (score, motivation)} for every criterion of the call.
    Refused, nothing stored: without a declaration, with a conflict, a second time, a criterion
    missing or out of range, a score without motivation."""
    review = _own_review(actor, review)
    if review.declared_at is None:
        raise ValidationError(_("Declare first whether you have a conflict of interest."))
    if review.conflict:
        raise ValidationError(_("You declared a conflict of interest on this application: you may not score it."))
    if review.scored_at is not None:
        raise ValidationError(_("You already scored this application."))
    checked = checked_scores(Criterion.objects.filter(call_id=review.application.call_id), scores)
    rows = [Score(review=review, criterion=c, score=n, motivation=m) for c, n, m in checked]
    Score.objects.bulk_create(rows)
    review.scored_at = timezone.now()
    review.save(update_fields=["scored_at"])
    audit.record(actor, AuditAction.UPDATE, review,
                 after={"scores": {row.criterion_id: row.score for row in rows}}, source=source)  # fmt: skip
    return review


def visible_scores(user, application: Application):
    """Scores are independent: a reviewer sees the others' only once they have scored themselves;
    the grants service sees them all."""
    scores = Score.objects.filter(review__application=application).select_related("review__reviewer", "criterion")
    if may(user, "grants.handle"):
        return scores
    own = Review.objects.filter(application=application, reviewer_id=user.pk).first()
    if own is None:
        return scores.none()
    if own.scored_at is None:
        return scores.filter(review=own)
    return scores


# --- consolidation and ranking -------------------------------------------------------------------


@dataclass
class Consolidation:
    application: Application
    per_criterion: list[dict]  # {criterion, average, fraction, passes}
    total: Decimal  # weighted, as a fraction of the maximum
    passes: bool
    reviewers: int


def _fraction(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def consolidate(application: Application) -> Consolidation | None:
    """The average per criterion over the reviewers who scored, its fraction of the maximum and the
    weighted total; passing is ≥ the pass mark on every criterion and overall. None before any score."""
    criteria = list(Criterion.objects.filter(call_id=application.call_id))
    scores = list(Score.objects.filter(review__application=application, review__scored_at__isnull=False))
    reviewers = len({s.review_id for s in scores})
    if not reviewers:
        return None
    rows, weighted, weights = [], Decimal(0), 0
    for criterion in criteria:
        values = [s.score for s in scores if s.criterion_id == criterion.pk]
        average = Decimal(sum(values)) / len(values) if values else Decimal(0)
        fraction = _fraction(average / criterion.max_score)
        rows.append({"criterion": criterion, "average": _fraction(average), "fraction": fraction,
                     "passes": fraction >= criterion.pass_mark})  # fmt: skip
        weighted += fraction * criterion.weight
        weights += criterion.weight
    total = _fraction(weighted / weights) if weights else Decimal(0)
    passes = all(row["passes"] for row in rows) and total >= application.call.pass_mark_total
    return Consolidation(application, rows, total, passes, reviewers)


def ranking(call: Call, applications=None) -> list[Consolidation]:
    """The call's assessed applications, best first (ties: the earlier submission first)."""
    applications = applications if applications is not None else call.applications.all()
    consolidated = [
        c
        for a in applications.select_related("case", "call").filter(
            case__state__in=("assessed", "granted", "rejected", "assessment")
        )
        if (c := consolidate(a)) is not None
    ]
    return sorted(consolidated, key=lambda c: (-c.total, c.application.submitted_at, c.application.pk))


def all_scored(case: Case) -> str | None:
    """Guard of closing the assessment: at least one reviewer scored and every reviewer without a
    conflict did."""
    application = application_of(case)
    reviews = list(application.reviews.all())
    if not any(r.scored_at for r in reviews):
        return _("No reviewer has scored this application yet.")
    waiting = [r for r in reviews if r.conflict is not True and r.scored_at is None]
    if waiting:
        return _("Not every reviewer has scored yet (%(count)s waiting).") % {"count": len(waiting)}
    return None


def passes(case: Case) -> str | None:
    """Guard of the award: the consolidated scores reach every pass mark."""
    consolidation = consolidate(application_of(case))
    if consolidation is None or not consolidation.passes:
        return _("The application does not reach the pass marks (≥ %(mark)s on every criterion and overall).") % {
            "mark": "50 %" if consolidation is None else f"{consolidation.application.call.pass_mark_total:.0%}"
        }
    return None


def within_envelope(case: Case) -> str | None:
    """Guard of the award, shown before the step (the award itself asks again under the lock)."""
    application = application_of(case)
    envelope = programmes.envelope_for(application.call)
    if envelope is None:
        return _("The programme has no envelope for %(year)s.") % {"year": application.call.year}
    if application.requested_cents > envelope.remaining_cents:
        return _("%(amount)s EUR exceeds what remains of the envelope %(envelope)s (%(remaining)s EUR): refused.") % {
            "amount": euro(application.requested_cents),
            "envelope": str(envelope),
            "remaining": euro(envelope.remaining_cents),
        }
    return None


def record_award(case: Case, transition, actor) -> None:
    """Entry action of the award: commit the envelope (row lock; a refusal undoes the whole step)
    and record the grant."""
    application = Application.objects.select_for_update().get(case=case)
    envelope = programmes.envelope_for(application.call)
    if envelope is None:
        raise ValidationError(_("The programme has no envelope for %(year)s.") % {"year": application.call.year})
    programmes.commit(actor, envelope, application.requested_cents, reason=case.reference)
    application.awarded_cents = application.requested_cents
    application.envelope = envelope
    application.decided_on = timezone.localdate()
    application.save(update_fields=["awarded_cents", "envelope", "decided_on"])
    audit.record(actor, AuditAction.UPDATE, application,
                 after={"awarded_cents": application.awarded_cents, "envelope": envelope.pk})  # fmt: skip
    events.emit(GRANT_AWARDED.code, application, {"call": application.call.slug, "reference": case.reference})


def record_rejection(case: Case, transition, actor) -> None:
    application = Application.objects.select_for_update().get(case=case)
    application.decided_on = timezone.localdate()
    application.save(update_fields=["decided_on"])
