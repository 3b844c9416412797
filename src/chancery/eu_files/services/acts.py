"""The acts followed and the EU obligations tracker (issue 18, C5; memorandum §5.4: 850 new EU
obligations in 2017–2022, over 5,000 pages): an act with its count of obligations and pages, its
transposition deadline and the warning before it passes."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.eu_files import rules
from chancery.eu_files.models import EuAct

FIELDS = (
    "celex", "com_number", "kind", "title", "organisation", "proposal", "followed", "competences", "category",
    "adopted_on", "transposition_deadline", "transposed_on", "obligations", "pages", "source",
)  # fmt: skip
# CELEX: sector digit, year, descriptor letter(s), number (EUR-Lex, "CELEX number"); COM: "COM(2023) 166".
CELEX = re.compile(r"^[0-9CE][0-9]{4}[A-Z]{1,2}[0-9]{4}(\([0-9]+\))?$")
COM = re.compile(r"^COM\(\d{4}\) \d{1,4}( final)?$")


def _check(values: dict, instance: EuAct | None = None) -> None:
    errors = {}
    kind = values.get("kind")
    if kind not in EuAct.Kind.values:
        errors["kind"] = _("Choose a kind of act.")
    if not (values.get("title") or "").strip():
        errors["title"] = _("A title is required.")
    celex, com = values.get("celex", ""), values.get("com_number", "")
    if celex and not CELEX.match(celex):
        errors["celex"] = _("Not a CELEX number (e.g. 32018L2001).")
    if com and not COM.match(com):
        errors["com_number"] = _("Not a COM number (e.g. COM(2023) 166).")
    if kind == EuAct.Kind.PROPOSAL and not com:
        errors["com_number"] = _("A Commission proposal has its COM number.")
    if kind in (EuAct.Kind.DIRECTIVE, EuAct.Kind.REGULATION, EuAct.Kind.DECISION) and not celex:
        errors["celex"] = _("An adopted act has its CELEX number.")
    if kind == EuAct.Kind.MULTILATERAL and not values.get("organisation"):
        errors["organisation"] = _("Name the organisation of a multilateral initiative.")
    for field in ("obligations", "pages"):
        if values.get(field) is not None and values[field] < 0:
            errors[field] = _("A count cannot be negative.")
    others = EuAct.objects.exclude(pk=getattr(instance, "pk", None))
    if celex and others.filter(celex=celex).exists():
        errors["celex"] = _("An act with this CELEX number is already followed.")
    if com and others.filter(com_number=com).exists():
        errors["com_number"] = _("A proposal with this COM number is already followed.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_act(actor, *, competences=(), **values) -> EuAct:
    """Add an act, a proposal or an initiative to the files."""
    require(actor, "eu_files.keep")
    values.setdefault("celex", "")
    values.setdefault("com_number", "")
    _check(values)
    act = EuAct.objects.create(**values)
    act.competences.set(competences)
    audit.record(actor, AuditAction.CREATE, act, after=audit.snapshot(act, FIELDS))
    return act


@transaction.atomic
def update_act(actor, act: EuAct, *, competences=None, **values) -> EuAct:
    require(actor, "eu_files.keep")
    act = EuAct.objects.select_for_update().get(pk=act.pk)
    before = audit.snapshot(act, FIELDS)
    merged = {f: getattr(act, f) for f in ("celex", "com_number", "kind", "title", "organisation")} | values
    _check(merged | {"obligations": values.get("obligations"), "pages": values.get("pages")}, act)
    for field, value in values.items():
        setattr(act, field, value)
    act.save()
    if competences is not None:
        act.competences.set(competences)
    audit.record(actor, AuditAction.UPDATE, act, before=before, after=audit.snapshot(act, FIELDS))
    return act


def open_deadlines(today: datetime.date | None = None):
    """Acts with a transposition deadline not yet met, the nearest first."""
    return EuAct.objects.filter(transposition_deadline__isnull=False, transposed_on__isnull=True).order_by(
        "transposition_deadline", "celex"
    )


def deadline_warnings(reader, today: datetime.date | None = None) -> list[EuAct]:
    """The acts whose deadline passed or falls within the warning lead time, each with its
    `status` ("overdue", "due") and `days_left`."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=rules.warning_days())
    rows = list(open_deadlines().visible_to(reader).filter(transposition_deadline__lte=horizon))
    for act in rows:
        act.status = act.deadline_status(today)
        act.days_left = (act.transposition_deadline - today).days
    return rows


def obligation_totals(reader) -> list[dict]:
    """Obligations and pages of the adopted acts followed, per year of adoption (memorandum §5.4
    counts them per period); acts without a count are counted apart."""
    adopted = (
        EuAct.objects.visible_to(reader)
        .filter(adopted_on__isnull=False)
        .exclude(kind__in=(EuAct.Kind.PROPOSAL, EuAct.Kind.MULTILATERAL))
    )
    years: dict[int, dict] = {}
    for act in adopted.only("adopted_on", "obligations", "pages"):
        row = years.setdefault(act.adopted_on.year, {"year": act.adopted_on.year, "acts": 0, "obligations": 0,
                                                     "pages": 0, "uncounted": 0})  # fmt: skip
        row["acts"] += 1
        if act.obligations is None or act.pages is None:
            row["uncounted"] += 1
        row["obligations"] += act.obligations or 0
        row["pages"] += act.pages or 0
    return [years[y] for y in sorted(years)]


def summary(reader) -> dict:
    """Counts for the list page's head: acts followed, open proposals, obligations and pages."""
    return EuAct.objects.visible_to(reader).aggregate(
        followed=Count("pk", filter=Q(followed=True)),
        proposals=Count("pk", filter=Q(kind=EuAct.Kind.PROPOSAL, adopted_acts__isnull=True)),
        obligations=Sum("obligations"),
        pages=Sum("pages"),
    )
