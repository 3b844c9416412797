"""The register of regulations: entries, their versions, transpositions with their gold-plating
assessment, draft regulations on dossiers, their burden calculations, the guard before a draft's
final approval and the register entry that approval creates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.decisions.legislation import belgian_eli
from chancery.decisions.models import AgendaItem, Decision, DecisionResult, Dossier, RegulationType, StepKind
from chancery.decisions.services.outcomes import meeting_day
from chancery.eu_files.models import EuAct
from chancery.regulation.events import REGULATION_REGISTERED, REGULATION_UPDATED
from chancery.regulation.models import (
    AdministrativeActivity,
    BurdenCalculation,
    DraftRegulation,
    GoldPlatingItem,
    InformationObligation,
    Regulation,
    RegulationVersion,
    Transposition,
)
from chancery.regulation.services import burden

REGULATION_AUDIT_FIELDS = ("kind", "title", "date", "numac", "eli", "policy_domain", "dossier", "amends")


def _clean_eli(eli: str, *, exclude: int | None = None) -> str:
    eli = eli.strip()
    if not eli:
        return ""
    if not eli.startswith(("http://", "https://")) or "/eli/" not in eli:
        raise ValidationError({"eli": _("An ELI is an address with /eli/ in it.")}, code="eli")
    if Regulation.objects.filter(eli=eli).exclude(pk=exclude).exists():
        raise ValidationError({"eli": _("A regulation with this ELI is already in the register.")}, code="eli_taken")
    return eli


@transaction.atomic
def register_regulation(
    actor,
    *,
    kind: str,
    title: str,
    date: date,
    eli: str = "",
    numac: str = "",
    eli_verified: bool = False,
    policy_domain=None,
    dossier: Dossier | None = None,
    amends: Regulation | None = None,
) -> Regulation:
    """A regulation entered in the register by hand (from the Gazette or the Codex)."""
    require(actor, "regulation.keep_register")
    if kind not in RegulationType.values:
        raise ValidationError({"kind": _("Choose a kind of regulation.")}, code="kind")
    if not title.strip():
        raise ValidationError({"title": _("Give the title of the regulation.")}, code="title")
    regulation = Regulation.objects.create(
        kind=kind,
        title=title.strip(),
        date=date,
        eli=_clean_eli(eli),
        numac=numac.strip(),
        eli_verified=eli_verified,
        policy_domain=policy_domain,
        dossier=dossier,
        amends=amends,
    )
    audit.record(actor, AuditAction.CREATE, regulation, after=audit.snapshot(regulation, REGULATION_AUDIT_FIELDS))
    events.emit(REGULATION_REGISTERED.code, regulation, {"regulation": _api_link(regulation)})
    return regulation


def _api_link(regulation: Regulation) -> str:
    return events.api_link("api:regulation-detail", regulation.pk)


@transaction.atomic
def add_version(actor, regulation: Regulation, *, valid_from: date, text: str, note: str = "") -> RegulationVersion:
    """A (consolidated) text in force from `valid_from`; earlier versions stay."""
    require(actor, "regulation.keep_register")
    if regulation.versions.filter(valid_from=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("A version in force from this date is already recorded.")}, code="version_exists"
        )
    version = RegulationVersion.objects.create(regulation=regulation, valid_from=valid_from, text=text, note=note)
    audit.record(actor, AuditAction.CREATE, version, after=audit.snapshot(version, ("valid_from", "note")))
    return version


@dataclass(frozen=True)
class Provision:
    """A provision going beyond the EU act: what it adds and why it was kept."""

    provision: str
    description: str
    reason: str


@transaction.atomic
def record_transposition(
    actor,
    regulation: Regulation,
    eu_act: EuAct,
    *,
    assessed_on: date | None = None,
    gold_plating: Sequence[Provision] = (),
) -> Transposition:
    """The regulation transposes the EU act; `gold_plating` lists what goes beyond it, each with its
    reason (an assessment without gold-plating is an empty list with its date)."""
    require(actor, "regulation.keep_register")
    for item in gold_plating:
        if not item.provision.strip() or not item.reason.strip():
            raise ValidationError(
                _("Every provision that goes beyond the EU act needs its article and its reason."), code="reason"
            )
    if Transposition.objects.filter(regulation=regulation, eu_act=eu_act).exists():
        raise ValidationError(_("This transposition is already recorded."), code="exists")
    transposition = Transposition.objects.create(regulation=regulation, eu_act=eu_act, assessed_on=assessed_on)
    GoldPlatingItem.objects.bulk_create(
        GoldPlatingItem(
            transposition=transposition,
            provision=item.provision.strip(),
            description=item.description.strip(),
            reason=item.reason.strip(),
        )
        for item in gold_plating
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        transposition,
        after={"eu_act": eu_act.celex, "gold_plating": [item.provision for item in gold_plating]},
    )
    return transposition


@transaction.atomic
def start_draft(
    actor, dossier: Dossier, *, kind: str, title: str, amends: Regulation | None = None, policy_domain=None
) -> DraftRegulation:
    """Mark a dossier as preparing a regulation: its final approval will need an ex-ante burden
    calculation and will enter the regulation in the register."""
    require(actor, "regulation.prepare_draft", dossier)
    if kind not in RegulationType.values:
        raise ValidationError({"kind": _("Choose a kind of regulation.")}, code="kind")
    if not title.strip():
        raise ValidationError({"title": _("Give the title of the draft.")}, code="title")
    if DraftRegulation.objects.filter(dossier=dossier).exists():
        raise ValidationError(_("This dossier already prepares a regulation."), code="exists")
    draft = DraftRegulation.objects.create(
        dossier=dossier, kind=kind, title=title.strip(), amends=amends, policy_domain=policy_domain, created_by=actor
    )
    audit.record(actor, AuditAction.CREATE, draft, after=audit.snapshot(draft, ("kind", "title", "amends")))
    return draft


# Decimal places the register keeps per figure (the model's fields); more is refused, not rounded.
STORED_PLACES = {
    name: AdministrativeActivity._meta.get_field(name).decimal_places for name in burden.NUMBER_FIELDS
}  # fmt: skip


def _storable(obligations: Sequence[burden.Obligation]) -> None:
    problems = []
    for i, obligation in enumerate(obligations, start=1):
        for j, activity in enumerate(obligation.activities, start=1):
            for name, places in STORED_PLACES.items():
                value = getattr(activity, name)
                field = AdministrativeActivity._meta.get_field(name)
                if value and value.normalize().as_tuple().exponent < -places:
                    problems.append(
                        _("obligation %(o)d, activity %(a)d: %(key)s has more than %(places)d decimals.")
                        % {"o": i, "a": j, "key": name, "places": places}
                    )
                elif value >= 10 ** (field.max_digits - places):
                    problems.append(
                        _("obligation %(o)d, activity %(a)d: %(key)s is too large.") % {"o": i, "a": j, "key": name}
                    )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def record_calculation(
    actor,
    *,
    title: str,
    reference_date: date,
    obligations: Sequence[burden.Obligation],
    draft: DraftRegulation | None = None,
    regulation: Regulation | None = None,
) -> BurdenCalculation:
    """A burden calculation: ex ante on a draft (whoever prepares it), or of a regulation in force
    (the register's keepers). Checked whole before anything is stored."""
    if (draft is None) == (regulation is None):
        raise ValueError("A calculation is of a draft or of a regulation.")
    if draft is not None:
        require(actor, "regulation.prepare_draft", draft.dossier)
    else:
        require(actor, "regulation.keep_register")
    if not title.strip():
        raise ValidationError({"title": _("Give the calculation a title.")}, code="title")
    _storable(obligations)
    calculation = BurdenCalculation.objects.create(
        kind=BurdenCalculation.Kind.EX_ANTE if draft else BurdenCalculation.Kind.IN_FORCE,
        title=title.strip(),
        draft=draft,
        regulation=regulation,
        reference_date=reference_date,
        created_by=actor,
    )
    for i, obligation in enumerate(obligations, start=1):
        row = InformationObligation.objects.create(calculation=calculation, position=i, name=obligation.name)
        AdministrativeActivity.objects.bulk_create(
            AdministrativeActivity(
                obligation=row,
                position=j,
                name=activity.name,
                target_group=activity.target_group,
                sector=activity.sector,
                tariff_source=activity.tariff_source,
                **{name: getattr(activity, name) for name in burden.NUMBER_FIELDS},
                one_off=activity.one_off,
            )
            for j, activity in enumerate(obligation.activities, start=1)
        )
    audit.record(
        actor,
        AuditAction.CREATE,
        calculation,
        after={"title": calculation.title, **burden.compute(obligations).figures.as_json()},
    )
    return calculation


# --- Reading calculations -------------------------------------------------------------------


def with_figures(calculations):
    """A queryset of calculations with what their figures need, in two more queries."""
    return calculations.prefetch_related(
        Prefetch("obligations", queryset=InformationObligation.objects.prefetch_related("activities"))
    )


def obligations_of(calculation: BurdenCalculation) -> list[burden.Obligation]:
    return [
        burden.Obligation(
            obligation.name,
            tuple(
                burden.Activity(
                    name=activity.name,
                    target_group=activity.target_group,
                    sector=activity.sector,
                    tariff_source=activity.tariff_source,
                    one_off=activity.one_off,
                    **{name: getattr(activity, name) for name in burden.NUMBER_FIELDS},
                )
                for activity in obligation.activities.all()
            ),
        )
        for obligation in calculation.obligations.all()
    ]


def figures(calculation: BurdenCalculation) -> burden.Result:
    return burden.compute(obligations_of(calculation))


def current_calculation(regulation: Regulation, user) -> BurdenCalculation | None:
    """The regulation's burden: its latest calculation the reader may see."""
    return with_figures(regulation.calculations.visible_to(user)).order_by("-reference_date", "-pk").first()


@dataclass(frozen=True)
class Delta:
    """An ex-ante calculation against the burden of the regulation its draft changes."""

    calculation: BurdenCalculation
    baseline: BurdenCalculation | None
    after: burden.Figures
    before: burden.Figures

    @property
    def change(self) -> burden.Figures:
        return self.after - self.before


def delta(calculation: BurdenCalculation, user) -> Delta | None:
    """For an ex-ante calculation on a draft: its figures, those of the amended regulation's current
    calculation (zero for a new regulation) and the difference."""
    if calculation.draft_id is None:
        return None
    amended = calculation.draft.amends
    baseline = current_calculation(amended, user) if amended else None
    before = figures(baseline).figures if baseline else burden.Figures()
    return Delta(calculation, baseline, figures(calculation).figures, before)


@dataclass(frozen=True)
class Totals:
    """Burden totals per regulation, policy domain and year (each a sum of cents)."""

    per_regulation: dict[int, burden.Figures]
    per_domain: dict[str, burden.Figures]
    per_year: dict[int, burden.Figures]
    overall: burden.Figures


def totals(regulations: Iterable[Regulation], user) -> Totals:
    """Each regulation counts with its current calculation (the latest the reader may see); a
    domain's and a year's totals are sums of those. The year is the calculation's reference year."""
    regulations = list(regulations)
    latest: dict[int, BurdenCalculation] = {}
    for calculation in with_figures(
        BurdenCalculation.objects.visible_to(user).filter(regulation__in=regulations).order_by("reference_date", "pk")
    ):
        latest[calculation.regulation_id] = calculation
    per_regulation = {pk: figures(calculation).figures for pk, calculation in latest.items()}
    per_domain: dict[str, burden.Figures] = defaultdict(burden.Figures)
    per_year: dict[int, burden.Figures] = defaultdict(burden.Figures)
    for regulation in regulations:
        if regulation.pk in per_regulation:
            domain = regulation.policy_domain.label if regulation.policy_domain else ""
            per_domain[domain] += per_regulation[regulation.pk]
            per_year[latest[regulation.pk].reference_date.year] += per_regulation[regulation.pk]
    return Totals(per_regulation, dict(per_domain), dict(per_year), burden.total(per_regulation.values()))


# --- Decision-making: the guard before a final approval, and the entry it creates ----------------


def _approved_draft(item: AgendaItem, result: str) -> DraftRegulation | None:
    if result != DecisionResult.APPROVED or item.step_id is None:
        return None
    step = item.step
    if step.kind != StepKind.FINAL_APPROVAL:
        return None
    return DraftRegulation.objects.filter(dossier_id=step.dossier_id).first()


def ex_ante_required(item: AgendaItem, result: str) -> None:
    """The guard decision-making asks (`register_decision_check`): a draft regulation is finally
    approved only with an ex-ante burden calculation attached to its dossier."""
    draft = _approved_draft(item, result)
    if draft is not None and not draft.calculations.filter(kind=BurdenCalculation.Kind.EX_ANTE).exists():
        raise ValidationError(
            _(
                "The final approval of “%(title)s” needs its ex-ante regulatory burden calculation: "
                "attach it to the dossier first."
            )
            % {"title": draft.title},
            code="ex_ante_missing",
        )


def register_approved(decision: Decision) -> Regulation | None:
    """A final approval of a draft regulation enters it in the register, or updates its entry (a
    corrected decision); its ex-ante calculations become the regulation's. Inside the decision's
    transaction, by its author."""
    item = AgendaItem.objects.select_related("step", "agenda__meeting").get(pk=decision.item_id)
    draft = _approved_draft(item, decision.result)
    if draft is None:
        return None
    actor, day = decision.decided_by, meeting_day(item.agenda.meeting)
    regulation = Regulation.objects.select_for_update().filter(dossier_id=draft.dossier_id).first()
    values = {
        "kind": draft.kind,
        "title": draft.title,
        "date": day,
        "policy_domain": draft.policy_domain,
        "amends": draft.amends,
    }
    if regulation is None:
        regulation = Regulation.objects.create(dossier_id=draft.dossier_id, **values)
        audit.record(actor, AuditAction.CREATE, regulation, after=audit.snapshot(regulation, REGULATION_AUDIT_FIELDS))
        code = REGULATION_REGISTERED.code
    else:
        before = audit.snapshot(regulation, REGULATION_AUDIT_FIELDS)
        for field, value in values.items():
            setattr(regulation, field, value)
        regulation.revision += 1
        regulation.save()
        audit.record(
            actor, AuditAction.UPDATE, regulation, before=before,
            after=audit.snapshot(regulation, REGULATION_AUDIT_FIELDS),
        )  # fmt: skip
        code = REGULATION_UPDATED.code
    for calculation in draft.calculations.filter(regulation__isnull=True):
        calculation.regulation = regulation
        calculation.save(update_fields=["regulation"])
        audit.record(actor, AuditAction.UPDATE, calculation, after={"regulation": regulation.pk})
    events.emit(code, regulation, {"regulation": _api_link(regulation)})
    return regulation


def record_publication(publication) -> Regulation | None:
    """The Gazette published the act of a draft regulation: its entry gets NUMAC and ELI."""
    item = publication.decision_item
    if not publication.numac or item.step_id is None:
        return None
    regulation = Regulation.objects.select_for_update().filter(dossier_id=item.step.dossier_id).first()
    if regulation is None or regulation.numac == publication.numac:
        return regulation
    before = audit.snapshot(regulation, REGULATION_AUDIT_FIELDS)
    regulation.numac = publication.numac
    regulation.eli = belgian_eli(regulation.kind, regulation.date, publication.numac)
    regulation.revision += 1
    regulation.save(update_fields=["numac", "eli", "revision"])
    step = publication.events.order_by("-pk").first()
    audit.record(
        step.recorded_by if step else None, AuditAction.UPDATE, regulation, before=before,
        after=audit.snapshot(regulation, REGULATION_AUDIT_FIELDS),
    )  # fmt: skip
    events.emit(REGULATION_UPDATED.code, regulation, {"regulation": _api_link(regulation)})
    return regulation
