"""The assessment of a licence application against the eight criteria of Council Common Position
2008/944/CFSP (art. 2), as amended by Council Decision (CFSP) 2019/1560 (consolidated text EUR-Lex
02008E0944-20190917; procedure-rules.md §A5).

A handler records one finding per criterion (no concern / concern / negative) with a motivation;
findings are internal and never shown to the applicant. The rules the procedure asks:
- a decision proposal (and the decision) needs a finding on all eight criteria;
- a negative finding on criteria 1–4 means the licence must be denied (for criterion 2, human
  rights and international humanitarian law, the issue asks so explicitly): granting is refused;
- a negative finding on criteria 5–8 means a refusal must at least be considered: a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit
from chancery.core.authz import may
from chancery.core.models import AuditAction
from chancery.strategic_goods.models import CriterionFinding, FindingValue

SOURCE = (
    "Council Common Position 2008/944/CFSP, art. 2, as amended by Council Decision (CFSP) 2019/1560 "
    "(EUR-Lex 02008E0944-20190917)"
)
# Criteria whose failure means the licence must be denied; the others: denial to be considered
# (procedure-rules.md §A5, European Parliament resolution quoted there).
MUST_DENY = frozenset({1, 2, 3, 4})


@dataclass(frozen=True)
class Criterion:
    number: int
    title: str
    # False: not read in the official consolidated text, which the stored reference corpora do not
    # hold (searched 29 and 30.11.2026). The short titles of criteria 3–8 agree with the eight
    # criteria of the 1998 EU Code of Conduct on Arms Exports, which the Common Position took over
    # (its text in the UK House of Commons papers, HC 225 1999-2000), and with two sources quoting
    # the Common Position (BICC, ruestungsexport.info; EPRS, "EU rules on control of arms exports",
    # 2015). Only the wording may differ; the numbering and subjects are confirmed.
    verified: bool
    source: str = SOURCE


CRITERIA = (
    Criterion(1, gettext_lazy(
        "Respect for the international obligations and commitments of Member States (UN and EU sanctions, "
        "non-proliferation and other agreements)"
    ), True),
    Criterion(2, gettext_lazy(
        "Respect for human rights in the country of final destination and respect by that country of "
        "international humanitarian law"
    ), True),
    Criterion(3, gettext_lazy(
        "Internal situation in the country of final destination (tensions or armed conflicts)"
    ), False),
    Criterion(4, gettext_lazy("Preservation of regional peace, security and stability"), False),
    Criterion(5, gettext_lazy(
        "National security of the Member States and of friendly and allied countries"
    ), False),
    Criterion(6, gettext_lazy(
        "Behaviour of the buyer country with regard to the international community (terrorism, alliances, "
        "international law)"
    ), False),
    Criterion(7, gettext_lazy(
        "Risk that the technology or equipment is diverted within the buyer country or re-exported under "
        "undesirable conditions"
    ), False),
    Criterion(8, gettext_lazy(
        "Compatibility of the export with the technical and economic capacity of the recipient country"
    ), False),
)  # fmt: skip
FINDING_FIELDS = ["finding", "motivation", "assessor", "at"]


def criterion(number: int) -> Criterion:
    return CRITERIA[number - 1]


class StaleFinding(ValidationError):
    """The finding on the criterion changed since the handler loaded the case."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else recorded a finding on this criterion in the meantime. Reload the file and make "
                "your change again."
            ),
            code="conflict",
        )


@transaction.atomic
def record_finding(
    actor,
    case,
    number,
    finding: str,
    motivation: str,
    *,
    source: str | None = None,
    expected_revision: int | None = None,
) -> CriterionFinding:
    """Record (or replace) the finding on one criterion. Only a handler of the administration who
    may see the case records one, while the case is open. `expected_revision` is the revision of
    the criterion's finding the handler saw (0: none yet; the form always sends it, None only for
    a module acting on its own): a stale one is refused and nothing changes."""
    if not may(actor, "strategic_goods.review_hits") or not case.is_visible_to(actor):
        raise PermissionDenied(_("Only a handler of the administration may assess a file."))
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 8:
        raise ValidationError({"criterion": _("Choose one of the eight criteria.")})
    if finding not in FindingValue.values:
        raise ValidationError({"finding": _("Choose a finding: no concern, concern or negative.")})
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError({"motivation": _("Give the motivation of the finding.")})
    if not case.is_open:
        raise ValidationError(_("The case is closed; its assessment can no longer change."))
    existing = CriterionFinding.objects.select_for_update().filter(case=case, criterion=number).first()
    if expected_revision is not None and (existing.revision if existing else 0) != expected_revision:
        raise StaleFinding()
    before = audit.snapshot(existing, FINDING_FIELDS) if existing else None
    values = {"finding": finding, "motivation": motivation, "assessor": actor, "at": timezone.now()}
    if existing:
        for key, value in values.items():
            setattr(existing, key, value)
        existing.revision += 1
        existing.save(update_fields=[*FINDING_FIELDS, "revision"])
        saved = existing
    else:
        saved = CriterionFinding.objects.create(case=case, criterion=number, **values)
    audit.record(
        actor,
        AuditAction.UPDATE if existing else AuditAction.CREATE,
        saved,
        before=before,
        after={"case": case.reference, "criterion": number, **audit.snapshot(saved, FINDING_FIELDS)},
        reason=motivation,
        source=source,
    )
    return saved


def findings_of(case) -> dict[int, CriterionFinding]:
    return {f.criterion: f for f in CriterionFinding.objects.filter(case=case).select_related("assessor")}


def rows(case) -> list[tuple[Criterion, CriterionFinding | None]]:
    found = findings_of(case)
    return [(c, found.get(c.number)) for c in CRITERIA]


def negative(case) -> list[int]:
    return sorted(
        CriterionFinding.objects.filter(case=case, finding=FindingValue.NEGATIVE).values_list("criterion", flat=True)
    )


# --- checks of the procedure ----------------------------------------------------------------


def all_criteria_assessed(case) -> str | None:
    missing = sorted(
        set(range(1, 9)) - set(CriterionFinding.objects.filter(case=case).values_list("criterion", flat=True))
    )
    if missing:
        return _("Record a finding on each of the eight criteria first (missing: %(criteria)s).") % {
            "criteria": ", ".join(str(n) for n in missing)
        }
    return None


def grant_allowed(case) -> str | None:
    """Granting is refused after a negative finding on criteria 1–4."""
    blocking = [n for n in negative(case) if n in MUST_DENY]
    if not blocking:
        return None
    if 2 in blocking:
        return _(
            "Criterion 2 (human rights and international humanitarian law) was assessed negative: the licence "
            "must be refused; it cannot be granted."
        )
    return _("Criteria %(criteria)s were assessed negative: the licence must be refused; it cannot be granted.") % {
        "criteria": ", ".join(str(n) for n in blocking)
    }


def warnings(case) -> list[str]:
    """Negative findings on criteria 5–8: a refusal is to be considered (not a block)."""
    considered = [n for n in negative(case) if n not in MUST_DENY]
    if not considered:
        return []
    return [
        _("Criteria %(criteria)s were assessed negative: consider refusing the licence.")
        % {"criteria": ", ".join(str(n) for n in considered)}
    ]
