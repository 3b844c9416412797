"""A data subject's rights across the modules: finding a person's rows by what the register of
processing declares (core.personal_data), the access export (GDPR art. 15) and pseudonymisation
where the law allows it (art. 17).

A person is asked for by one identifier: an e-mail address, a national register (or enterprise)
number, or a full name (matched whole, case and spacing aside: "Jan" does not find "Jan Peeters",
so nobody else's rows come along). Accounts (core.User) and parties (procedures.Party) are found
first; the other holdings by their own fields and through those accounts and parties. Only the
declared fields of the rows found are exported, nothing else of the row nor of another person.

Pseudonymisation replaces the declared identifying fields by the person's pseudonym, a keyed hash
of the identifier asked for (the same person asked for the same way gets the same pseudonym), and
masks declared texts. Rows the law keeps (a file under retention, a licence, a published grant;
`Holding.kept`) are not changed and the reason is given. The audit trail, append-only and itself
kept by law, records which fields of which row were pseudonymised, never their values; the request
(privacy.models.SubjectRequest) records counts and the pseudonym only."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events, personal_data
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.core.personal_data import ACCOUNT, EMAIL, NAME, NATIONAL_NUMBER, PARTY, Activity, Holding
from chancery.privacy.events import SUBJECT_PSEUDONYMISED
from chancery.privacy.models import RequestKind, SubjectRequest

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NUMBER_SHAPE = re.compile(r"^[\d .\-/]+$")
PSEUDONYM_DOMAIN = "pseudoniem.invalid"


@dataclass(frozen=True)
class Query:
    kind: str  # core.personal_data.EMAIL, NAME or NATIONAL_NUMBER
    value: str

    @property
    def pseudonym(self) -> str:
        """Stable for the same identifier, meaningless without the installation's secret key."""
        digest = hmac.new(settings.SECRET_KEY.encode(), f"{self.kind}:{self.value}".encode(), hashlib.sha256)
        return f"psn-{digest.hexdigest()[:12]}"


def read_query(text: str) -> Query:
    """What the identifier typed is: an e-mail address, a number (national register or enterprise
    number, 10 or 11 digits) or a name (at least two letters). ValidationError in Dutch otherwise."""
    text = " ".join((text or "").split())
    if "@" in text:
        if not EMAIL_SHAPE.match(text):
            raise ValidationError(_("This is not a valid e-mail address."), code="invalid_query")
        return Query(EMAIL, text.lower())
    if NUMBER_SHAPE.match(text):
        digits = re.sub(r"\D", "", text)
        if len(digits) not in (10, 11):
            raise ValidationError(
                _("A national register number has 11 digits, an enterprise number 10."), code="invalid_query"
            )
        return Query(NATIONAL_NUMBER, digits)
    if sum(c.isalpha() for c in text) < 2:
        raise ValidationError(
            _("Give the person's e-mail address, national register number or full name."), code="invalid_query"
        )
    return Query(NAME, text.casefold())


@dataclass
class Found:
    activity: Activity
    holding: Holding
    rows: list[models.Model] = field(default_factory=list)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.holding.model)


@dataclass
class Subject:
    query: Query
    found: list[Found]

    @property
    def rows(self) -> int:
        return sum(len(f.rows) for f in self.found)


def _direct(holding: Holding, query: Query) -> tuple[Q, dict]:
    """The condition on the holding's own fields for the query's kind, and annotations it needs."""
    spec = holding.match.get(query.kind)
    if not spec:
        return Q(pk__in=[]), {}
    if query.kind == NAME:
        if isinstance(spec, tuple):
            parts = []
            for name in spec:
                parts += [name, Value(" ")]
            annotation = {"_privacy_name": Concat(*parts[:-1], output_field=models.CharField())}
            return Q(_privacy_name__iexact=query.value), annotation
        return Q(**{f"{spec}__iexact": query.value}), {}
    if query.kind == NATIONAL_NUMBER:
        # Stored run together (a damage report) or as typed with its dots and dashes (a party).
        return Q(**{f"{spec}__iregex": r"^\D*" + r"\D*".join(query.value) + r"\D*$"}), {}
    return Q(**{f"{spec}__iexact": query.value}), {}


def _rows(holding: Holding, query: Query, reached: dict[str, set]) -> list[models.Model]:
    model = apps.get_model(holding.model)
    condition, annotations = _direct(holding, query)
    for root, path in holding.through.items():
        if reached.get(root):
            condition |= Q(**{f"{path}__in": sorted(reached[root])})
    matching = model._base_manager.annotate(**annotations).filter(condition).filter(**holding.scope)
    # By primary key: a path through a many-valued relation must not give a row twice.
    return list(model._base_manager.filter(pk__in=matching.values("pk")).order_by("pk"))


def find(query: Query) -> Subject:
    """Every declared holding's rows of this person: accounts, then parties, then the rest."""
    reached: dict[str, set] = {ACCOUNT: set(), PARTY: set()}
    pairs = [(a, h) for a in personal_data.activities() for h in a.holdings]
    order = {ACCOUNT: 0, PARTY: 1}
    found = []
    for activity, holding in sorted(pairs, key=lambda pair: order.get(pair[1].model, 2)):
        rows = _rows(holding, query, reached)
        if holding.model in reached:
            reached[holding.model].update(row.pk for row in rows)
        if rows:
            found.append(Found(activity, holding, rows))
    by_code = {a.code: i for i, a in enumerate(personal_data.activities())}
    found.sort(key=lambda f: by_code[f.activity.code])
    return Subject(query, found)


# --- the export (art. 15) -----------------------------------------------------------------------


def _value(row: models.Model, name: str):
    model_field = row._meta.get_field(name)
    value = getattr(row, name)
    if value is None:
        return None
    if model_field.choices:
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(model_field, models.ForeignKey):
        return str(value)
    if isinstance(value, (dict, list, bool, int, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def describe(subject: Subject) -> list[dict]:
    """The export's content: per activity of the register, its declared facts and the person's rows
    with the declared fields only (machine names in `data`, the fields' labels beside them)."""
    result = []
    for activity in personal_data.activities():
        founds = [f for f in subject.found if f.activity.code == activity.code]
        if not founds:
            continue
        records = []
        for f in founds:
            for row in f.rows:
                records.append({
                    "model": f.holding.model,
                    "model_label": str(f.model._meta.verbose_name),
                    "subject": str(f.holding.subject),
                    "reference": f.holding.describe(row) if f.holding.describe else f"#{row.pk}",
                    "data": {name: _value(row, name) for name in f.holding.fields},
                    "labels": {name: f.holding.label(f.model, name) for name in f.holding.fields},
                    "kept": f.holding.kept_reason(row),
                })  # fmt: skip
        result.append({
            "code": activity.code,
            "name": str(activity.name),
            "purpose": str(activity.purpose),
            "legal_basis": str(activity.legal_basis),
            "recipients": [str(r) for r in activity.recipients],
            "retention": str(activity.retention),
            "records": records,
        })  # fmt: skip
    return result


@transaction.atomic
def subject_access(actor, text: str) -> dict:
    """The export of everything the platform holds of one person (art. 15): recorded as a request
    and audited with its counts, not its content."""
    if actor is not None:
        require(actor, "privacy.handle_requests")
    query = read_query(text)
    subject = find(query)
    request = SubjectRequest.objects.create(
        kind=RequestKind.ACCESS, pseudonym=query.pseudonym, made_by=actor if _is_user(actor) else None,
        found=subject.rows,
    )  # fmt: skip
    audit.record(
        actor, AuditAction.CREATE, request,
        after={"kind": request.kind, "pseudonym": request.pseudonym, "found": request.found,
               "activities": sorted({f.activity.code for f in subject.found})},
        reason=_("Access export for a data subject (GDPR art. 15)."),
    )  # fmt: skip
    return {
        "request": request.pk,
        "generated_at": timezone.now().isoformat(),
        "identifier_kind": query.kind,
        "pseudonym": query.pseudonym,
        "controller": _("The Flemish Government, Department of Foreign Affairs"),
        "rights": _(
            "You may ask for a correction (art. 16), erasure where the law allows it (art. 17) or a restriction "
            "(art. 18), object (art. 21), and complain to the Flemish Supervisory Commission (Vlaamse "
            "Toezichtcommissie)."
        ),
        "activities": describe(subject),
    }


# --- erasure by pseudonymisation (art. 17) ------------------------------------------------------


@dataclass
class Erasure:
    request: SubjectRequest
    changed: list[dict]  # {"activity", "model", "reference", "fields"}
    kept: list[dict]  # {"activity", "model", "reference", "reason"}


def _pseudonymised(row: models.Model, holding: Holding, pseudonym: str) -> list[str]:
    """Replace the row's identifying fields (those not empty) by the pseudonym; mask its texts.
    Returns the names of the fields changed."""
    changed = []
    for name in holding.pseudonymise:
        model_field = row._meta.get_field(name)
        old = getattr(row, name)
        if not old:
            continue
        new = f"{pseudonym}@{PSEUDONYM_DOMAIN}" if isinstance(model_field, models.EmailField) else pseudonym
        if model_field.max_length:
            new = new[: model_field.max_length]
        if new != old:
            setattr(row, name, new)
            changed.append(name)
    for name, rewrite in holding.rewrite.items():
        old = getattr(row, name)
        new = rewrite(old) if old else old
        if new != old:
            setattr(row, name, new)
            changed.append(name)
    return changed


@transaction.atomic
def pseudonymise(actor, text: str) -> Erasure:
    """Pseudonymise what the law allows of one person's data; tell, per row kept, the legal reason.
    A request that changes nothing is recorded (and audited as a refusal) all the same."""
    if actor is not None:
        require(actor, "privacy.handle_requests")
    query = read_query(text)
    subject = find(query)
    if not subject.rows:
        raise ValidationError(_("No personal data of this person were found; nothing was changed."), code="not_found")
    request = SubjectRequest.objects.create(
        kind=RequestKind.ERASURE, pseudonym=query.pseudonym, made_by=actor if _is_user(actor) else None,
        found=subject.rows,
    )  # fmt: skip
    reason = _("Pseudonymised on a request of the data subject (GDPR art. 17), request #%(number)s.") % {
        "number": request.pk
    }
    changed, kept = [], []
    for f in subject.found:
        for row in f.rows:
            reference = f.holding.describe(row) if f.holding.describe else f"#{row.pk}"
            why = f.holding.kept_reason(row)
            if why:
                kept.append({"activity": str(f.activity.name), "model": str(f.model._meta.verbose_name),
                             "reference": reference, "reason": why})  # fmt: skip
                continue
            fields = _pseudonymised(row, f.holding, query.pseudonym)
            if not fields:
                continue
            row.save(update_fields=fields)
            # Which fields, never what they held nor what they hold now.
            audit.record(actor, AuditAction.UPDATE, row, before={"fields": fields},
                         after={"pseudonymised": fields, "request": request.pk}, reason=reason)  # fmt: skip
            changed.append({"activity": str(f.activity.name), "model": f.holding.model,
                            "reference": reference, "fields": fields})  # fmt: skip
    request.changed, request.kept = len(changed), len(kept)
    request.save(update_fields=["changed", "kept"])
    audit.record(
        actor, AuditAction.UPDATE if changed else AuditAction.REFUSAL, request,
        after={"kind": request.kind, "pseudonym": request.pseudonym, "found": request.found,
               "changed": request.changed, "kept": request.kept},
        reason=reason if changed else _("Nothing could be erased: the law keeps every row found."),
    )  # fmt: skip
    if changed:
        events.emit(SUBJECT_PSEUDONYMISED.code, request, {
            "request": request.pk, "models": sorted({c["model"] for c in changed}),
        })  # fmt: skip
    return Erasure(request, changed, kept)


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)
