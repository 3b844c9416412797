"""The human rights prize (memorandum §6.1.2) on the procedure MRP: the yearly edition and its
jury, the public nomination (spam protection: a honeypot field, a minimum time to fill the form,
a limit per address in the shared cache), the jury's reviews (a conflict declaration first, then a
motivated score per criterion, hidden from the other members until they scored), the
consolidation, the confidential deliberation notes and the laureate decision (an entry action of
the engine's step `award_prize`: recorded, audited, event `grants.prize_laureate_decided`).

A nominee may be a person at risk: the file is `confidential`, and the nominee is named in public
only as a laureate who consented (`public_laureate`). Nothing here puts the nominee's name or a
note's text into the audit trail's changes or an event's data."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import may, require
from chancery.core.models import AuditAction
from chancery.core.permissions import has_role
from chancery.grants import rules
from chancery.grants.events import PRIZE_LAUREATE_DECIDED, PRIZE_NOMINATION_RECEIVED
from chancery.grants.prize_models import (
    DeliberationNote,
    Edition,
    JuryMember,
    JuryReview,
    JuryScore,
    Nomination,
    PrizeCriterion,
)
from chancery.grants.services.scoring import checked_scores
from chancery.procedures.models import Case, PartyKind
from chancery.procedures.services import cases as engine
from chancery.procedures.services.parties import find_or_create_party

CODE = "MRP"
# Who may sit on the jury: civil servants, external experts, the secretariat.
JURY_ROLES = frozenset({"civil_servant", "expert", "secretariat", "admin"})
HONEYPOT = "website"  # a field people never see (hidden by the page's style) and bots fill in
TOKEN_SALT = "grants.prize.nomination-form"  # noqa: S105 - a signing salt, not a secret
MAX_MOTIVATION = 6000
MIN_MOTIVATION = 50


def _now() -> datetime.datetime:
    return timezone.now()


# --- editions and their jury ---------------------------------------------------------------------


@transaction.atomic
def create_edition(actor, *, year: int, theme: str, nominations_open, nominations_close, description: str = "",
                   criteria: list[dict] = ()) -> Edition:  # fmt: skip
    require(actor, "grants.handle")
    errors = {}
    if not str(theme or "").strip():
        errors["theme"] = _("Give the edition a theme.")
    if Edition.objects.filter(year=year).exists():
        errors["year"] = _("The prize of %(year)s already has an edition.") % {"year": year}
    if nominations_open and nominations_close and nominations_close <= nominations_open:
        errors["nominations_close"] = _("The nomination period closes after it opens.")
    if not criteria:
        errors["criteria"] = _("Give the jury at least one criterion.")
    if errors:
        raise ValidationError(errors)
    edition = Edition.objects.create(
        year=year, theme=theme.strip(), description=description.strip(), nominations_open=nominations_open,
        nominations_close=nominations_close,
    )  # fmt: skip
    for order, row in enumerate(criteria):
        PrizeCriterion.objects.create(edition=edition, order=order, name=row["name"], weight=row.get("weight", 1),
                                      max_score=row.get("max_score", rules.figure("max_score")))  # fmt: skip
    audit.record(actor, AuditAction.CREATE, edition, after={"year": year, "theme": edition.theme,
                 "criteria": [row["name"] for row in criteria]})  # fmt: skip
    return edition


@transaction.atomic
def add_jury_member(actor, edition: Edition, user, *, public_name: str, affiliation: str = "",
                    chair: bool = False) -> JuryMember:  # fmt: skip
    require(actor, "grants.handle")
    if not has_role(user, JURY_ROLES):
        raise ValidationError(_("%(name)s cannot sit on the jury.") % {"name": user.display_name})
    if JuryMember.objects.filter(edition=edition, user=user).exists():
        raise ValidationError(_("%(name)s already sits on this jury.") % {"name": user.display_name})
    if not public_name.strip():
        raise ValidationError({"public_name": _("Give the name shown on the public page.")})
    member = JuryMember.objects.create(edition=edition, user=user, public_name=public_name.strip(),
                                       affiliation=affiliation.strip(), chair=chair)  # fmt: skip
    audit.record(actor, AuditAction.CREATE, member, after={"edition": edition.year, "user": user.pk})
    return member


def is_jury(user, edition: Edition) -> bool:
    return bool(user and user.is_authenticated and JuryMember.objects.filter(edition=edition, user=user).exists())


def current_edition() -> Edition | None:
    return Edition.objects.order_by("-year").first()


# --- spam protection of the public form ----------------------------------------------------------


def form_token(at: datetime.datetime | None = None) -> str:
    """The signed moment the form was shown (a bot cannot make up an earlier one)."""
    moment = (at or _now()).timestamp()
    return signing.dumps({"t": moment}, salt=TOKEN_SALT)


def filled_too_fast(token: str, at: datetime.datetime | None = None) -> bool:
    """True when the form came back sooner than a person fills it in, or without a valid token."""
    try:
        shown = float(signing.loads(token or "", salt=TOKEN_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return True
    return (at or _now()).timestamp() - shown < rules.figure("prize_min_fill_seconds")


def allow_from(address: str) -> bool:
    """Count a nomination from `address` (core.client's client address) in the shared cache;
    False once it sent its hourly number."""
    cache = caches["shared"]
    key = f"prize-nominations:{address}"
    if cache.add(key, 1, timeout=3600):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return True
    return count <= rules.figure("prize_nominations_per_hour")


def spam_refusal(data: dict, token: str, address: str, at: datetime.datetime | None = None) -> tuple[str, str] | None:
    """Why this sending of the public form is refused as spam: (code, Dutch message), or None. The
    honeypot and the fill time are asked before the address is counted."""
    if str(data.get(HONEYPOT) or "").strip():
        return "honeypot", _("Your nomination could not be accepted. Leave the hidden field empty.")
    if filled_too_fast(token, at):
        return "too_fast", _(
            "The form was sent too quickly after it was opened. Check your nomination and send it again."
        )
    if not allow_from(address):
        return "rate_limited", _(
            "Too many nominations were sent from your connection in the last hour: try again later."
        )
    return None


# --- the nomination ------------------------------------------------------------------------------


def nomination_errors(edition: Edition | None, data: dict, at: datetime.datetime) -> dict[str, str]:
    """Why this nomination may not be received (field → Dutch message); empty when it may."""
    if edition is None:
        return {"__all__": _("There is no edition of the human rights prize to nominate for.")}
    errors: dict[str, str] = {}
    if not edition.is_open(at):
        local = timezone.localtime
        if at >= edition.nominations_close:
            errors["__all__"] = _("Nominations closed on %(moment)s (Brussels time).") % {
                "moment": local(edition.nominations_close).strftime("%d/%m/%Y %H:%M")
            }
        else:
            errors["__all__"] = _("Nominations open on %(moment)s (Brussels time).") % {
                "moment": local(edition.nominations_open).strftime("%d/%m/%Y %H:%M")
            }
    if not str(data.get("nominee_name") or "").strip():
        errors["nominee_name"] = _("Give the name of the person or organisation you nominate.")
    country = str(data.get("nominee_country") or "").strip()
    if len(country) != 2 or not country.isalpha():
        errors["nominee_country"] = _("Give the country as its two-letter code (for example UA).")
    motivation = str(data.get("motivation") or "").strip()
    if len(motivation) < MIN_MOTIVATION:
        errors["motivation"] = _("Motivate the nomination in at least %(n)s characters.") % {"n": MIN_MOTIVATION}
    elif len(motivation) > MAX_MOTIVATION:
        errors["motivation"] = _("At most %(n)s characters.") % {"n": MAX_MOTIVATION}
    if not str(data.get("nominator_name") or "").strip():
        errors["nominator_name"] = _("Give your name.")
    try:
        validate_email(str(data.get("nominator_email") or "").strip())
    except ValidationError:
        errors["nominator_email"] = _("Give a valid e-mail address, so the service can reach you.")
    return errors


@transaction.atomic
def nominate(edition: Edition | None, data: dict, *, at: datetime.datetime | None = None) -> Nomination:
    """A nomination as sent on the public form (no login): a confidential file of the procedure
    MRP in its first state, with the nomination as its record. Refused, nothing stored, with the
    errors by field."""
    at = at or _now()
    errors = nomination_errors(edition, data, at)
    if errors:
        raise ValidationError(errors)
    nominator = find_or_create_party({
        "kind": PartyKind.PERSON, "name": str(data["nominator_name"]).strip()[:200], "country": "BE",
        "email": str(data["nominator_email"]).strip(),
    })  # fmt: skip
    case = engine.create_case(
        None, CODE, title=_("Nomination for the human rights prize %(year)s") % {"year": edition.year},
        applicant=nominator, data={"edition": edition.year}, now=at, source="portal",
    )  # fmt: skip
    case.submitted_at = at
    case.save(update_fields=["submitted_at"])
    nomination = Nomination.objects.create(
        case=case, edition=edition, nominee_name=str(data["nominee_name"]).strip()[:200],
        nominee_country=str(data["nominee_country"]).strip().upper(), motivation=str(data["motivation"]).strip(),
        nominator_name=nominator.name, nominator_email=nominator.email,
        consents_to_publication=bool(data.get("consents_to_publication")), received_at=at,
    )  # fmt: skip
    # The audit trail and the event name the file, never the nominee.
    audit.record(None, AuditAction.CREATE, nomination, after={"edition": edition.year, "case": case.reference},
                 source="portal")  # fmt: skip
    events.emit(PRIZE_NOMINATION_RECEIVED.code, nomination, {"edition": edition.year, "reference": case.reference})
    return nomination


def nomination_of(case: Case) -> Nomination:
    return Nomination.objects.select_related("edition").get(case=case)


# --- the jury's reviews --------------------------------------------------------------------------


def open_reviews(case: Case, transition, actor) -> None:
    """Entry action of the shortlisting: a review for every jury member of the edition."""
    nomination = nomination_of(case)
    members = list(nomination.edition.jury.all())
    if not members:
        raise ValidationError(_("The edition has no jury yet: compose the jury before shortlisting."))
    for member in members:
        review, made = JuryReview.objects.get_or_create(nomination=nomination, member=member)
        if made:
            audit.record(actor, AuditAction.CREATE, review, after={"nomination": case.reference,
                         "member": member.pk})  # fmt: skip


def _own_review(actor, review: JuryReview) -> JuryReview:
    locked = JuryReview.objects.select_for_update().select_related("nomination__case", "member").get(pk=review.pk)
    if locked.member.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This review is not yours."))
    if locked.nomination.case.state != "shortlisted":
        raise ValidationError(_("The jury's scoring of this nomination is over."))
    return locked


@transaction.atomic
def declare_conflict(actor, review: JuryReview, *, conflict: bool, note: str = "") -> JuryReview:
    """The jury member's declaration, before any score: with a conflict they never score."""
    review = _own_review(actor, review)
    if review.declared_at is not None:
        raise ValidationError(_("You already made your declaration on this nomination."))
    if conflict and not note.strip():
        raise ValidationError({"conflict_note": _("Say what the conflict of interest is.")})
    review.conflict, review.conflict_note, review.declared_at = conflict, note.strip(), timezone.now()
    review.save(update_fields=["conflict", "conflict_note", "declared_at"])
    audit.record(actor, AuditAction.UPDATE, review, after={"conflict": conflict})
    return review


@transaction.atomic
def score(actor, review: JuryReview, scores: dict[int, tuple[object, str]]) -> JuryReview:
    """{criterion pk: (score, motivation)} for every criterion of the edition. Refused, nothing
    stored: without a declaration, with a conflict, a second time, a criterion missing or out of
    range, a score without motivation."""
    review = _own_review(actor, review)
    if review.declared_at is None:
        raise ValidationError(_("Declare first whether you have a conflict of interest."))
    if review.conflict:
        raise ValidationError(_("You declared a conflict of interest on this nomination: you may not score it."))
    if review.scored_at is not None:
        raise ValidationError(_("You already scored this nomination."))
    checked = checked_scores(PrizeCriterion.objects.filter(edition_id=review.nomination.edition_id), scores)
    rows = [JuryScore(review=review, criterion=c, score=n, motivation=m) for c, n, m in checked]
    JuryScore.objects.bulk_create(rows)
    review.scored_at = timezone.now()
    review.save(update_fields=["scored_at"])
    audit.record(actor, AuditAction.UPDATE, review, after={"scores": {r.criterion_id: r.score for r in rows}})
    return review


def visible_scores(user, nomination: Nomination):
    """A member sees the others' scores only once they scored themselves; the service sees all."""
    scores = JuryScore.objects.filter(review__nomination=nomination).select_related("review__member", "criterion")
    if may(user, "grants.handle"):
        return scores
    own = JuryReview.objects.filter(nomination=nomination, member__user_id=getattr(user, "pk", None)).first()
    if own is None:
        return scores.none()
    return scores.filter(review=own) if own.scored_at is None else scores


@dataclass
class Consolidation:
    nomination: Nomination
    per_criterion: list[dict]  # {criterion, average}
    total: Decimal  # weighted, as a fraction of the maximum
    members: int


def consolidate(nomination: Nomination, *, criteria=None, scores=None) -> Consolidation | None:
    """The jury's averages per criterion and the weighted total; `criteria` and `scores` when the
    caller read them already for several nominations (`ranking`)."""
    if criteria is None:
        criteria = list(PrizeCriterion.objects.filter(edition_id=nomination.edition_id))
    if scores is None:
        scores = list(JuryScore.objects.filter(review__nomination=nomination, review__scored_at__isnull=False))
    members = len({s.review_id for s in scores})
    if not members:
        return None
    rows, weighted, weights = [], Decimal(0), 0
    for criterion in criteria:
        values = [s.score for s in scores if s.criterion_id == criterion.pk]
        average = Decimal(sum(values)) / len(values) if values else Decimal(0)
        rows.append({"criterion": criterion, "average": average.quantize(Decimal("0.01"), ROUND_HALF_UP)})
        weighted += average / criterion.max_score * criterion.weight
        weights += criterion.weight
    total = (weighted / weights).quantize(Decimal("0.0001"), ROUND_HALF_UP) if weights else Decimal(0)
    return Consolidation(nomination, rows, total, members)


def ranking(nominations) -> list[Consolidation]:
    """Two queries whatever the number of nominations: their editions' criteria and their scores."""
    nominations = list(nominations)
    criteria, scores = defaultdict(list), defaultdict(list)
    for criterion in PrizeCriterion.objects.filter(edition_id__in={n.edition_id for n in nominations}):
        criteria[criterion.edition_id].append(criterion)
    for score in JuryScore.objects.filter(review__nomination__in=nominations, review__scored_at__isnull=False).annotate(
        nomination_id=F("review__nomination_id")
    ):
        scores[score.nomination_id].append(score)
    found = [
        c
        for n in nominations
        if (c := consolidate(n, criteria=criteria[n.edition_id], scores=scores[n.pk])) is not None
    ]
    return sorted(found, key=lambda c: (-c.total, c.nomination.received_at, c.nomination.pk))


def all_scored(case: Case) -> str | None:
    """Guard of closing the scoring: someone scored and every member without a conflict did."""
    reviews = list(nomination_of(case).reviews.all())
    if not any(r.scored_at for r in reviews):
        return _("No jury member has scored this nomination yet.")
    waiting = [r for r in reviews if r.conflict is not True and r.scored_at is None]
    if waiting:
        return _("Not every jury member has scored yet (%(count)s waiting).") % {"count": len(waiting)}
    return None


def has_jury(case: Case) -> str | None:
    """Guard of the shortlisting: the edition's jury is composed."""
    if not nomination_of(case).edition.jury.exists():
        return _("The edition has no jury yet: compose the jury before shortlisting.")
    return None


def period_closed(case: Case) -> str | None:
    """Guard of the laureate decision: the nomination period is over."""
    edition = nomination_of(case).edition
    if edition.is_open(_now()) or _now() < edition.nominations_open:
        return _("The nomination period of %(year)s is not over yet.") % {"year": edition.year}
    return None


def no_laureate_yet(case: Case) -> str | None:
    """Guard of the laureate decision: one laureate per edition."""
    edition = nomination_of(case).edition
    if edition.laureate_id is not None:
        return _("The prize of %(year)s already has its laureate.") % {"year": edition.year}
    return None


def record_laureate(case: Case, transition, actor) -> None:
    """Entry action of the laureate decision, under the edition's row lock (two decisions at the
    same moment: one wins, the other is refused and its step undone)."""
    nomination = nomination_of(case)
    edition = Edition.objects.select_for_update().get(pk=nomination.edition_id)
    if edition.laureate_id is not None:
        raise ValidationError(_("The prize of %(year)s already has its laureate.") % {"year": edition.year})
    before = {"laureate": None, "decided_on": None}
    edition.laureate, edition.decided_on = nomination, timezone.localdate()
    edition.save(update_fields=["laureate", "decided_on"])
    audit.record(actor, AuditAction.UPDATE, edition, before=before,
                 after={"laureate": case.reference, "decided_on": edition.decided_on.isoformat()})  # fmt: skip
    events.emit(PRIZE_LAUREATE_DECIDED.code, edition, {"edition": edition.year, "reference": case.reference})


# --- deliberation --------------------------------------------------------------------------------


@transaction.atomic
def add_note(actor, edition: Edition, text: str, *, nomination: Nomination | None = None) -> DeliberationNote:
    """A confidential deliberation note, by a jury member of the edition or the service. Its text
    is not copied into the audit trail."""
    if not (may(actor, "grants.handle") or is_jury(actor, edition)):
        raise PermissionDenied(_("Only the jury and the secretariat write deliberation notes."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    if len(text) > 8000:
        raise ValidationError({"text": _("At most %(n)s characters.") % {"n": 8000}})
    if nomination is not None and nomination.edition_id != edition.pk:
        raise ValidationError({"nomination": _("This nomination belongs to another edition.")})
    note = DeliberationNote.objects.create(edition=edition, nomination=nomination, author=actor, text=text)
    audit.record(actor, AuditAction.CREATE, note, after={"edition": edition.year,
                 "nomination": nomination.case.reference if nomination else None})  # fmt: skip
    return note


# --- the public page -----------------------------------------------------------------------------


def public_laureate(edition: Edition) -> dict | None:
    """What the public page says of the laureate: None before the decision; the name and country
    only when the laureate consented to be named, else that the laureate stays unnamed."""
    if edition.laureate_id is None:
        return None
    laureate = edition.laureate
    if not laureate.consents_to_publication:
        return {"named": False, "decided_on": edition.decided_on}
    return {"named": True, "name": laureate.nominee_name, "country": laureate.nominee_country,
            "decided_on": edition.decided_on}  # fmt: skip
