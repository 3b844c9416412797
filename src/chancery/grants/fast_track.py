"""The humanitarian fast track, procedure `SUBH` (issue 15 §7, procedure-rules §D1): an emergency
allocation on a simplified file — a humanitarian partner (Red Cross Flanders' emergency fund, under
its cooperation agreement) asks for an amount for an acute emergency — decided within 48 hours.

requested (the engine's clock `decision`, 48 hours from the request, shown in hours on the case
page and in the inbox) → allocated (entry action: the humanitarian envelope committed through the
one `services.programmes.commit`, under its row lock, and never above the fast track's yearly
ceiling, €0.5M) | refused (motivated); the partner may withdraw while it is requested. The figures
are `rules.DECISION_FIGURES` with their source. The definition, its guards, entry actions and the
counter's form live here, apart from the call procedure SUB."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit, events
from chancery.core.forms import CountryField
from chancery.core.models import AuditAction
from chancery.core.permissions import CIVIL_SERVICE, SECRETARIAT
from chancery.grants import rules
from chancery.grants.events import EMERGENCY_ALLOCATED
from chancery.grants.models import EmergencyAllocation, Envelope, Programme
from chancery.grants.permissions import TEAM
from chancery.grants.services import programmes
from chancery.grants.services.money import cents, euro
from chancery.procedures.engine import APPLICANT, Action, Clock, DocumentType, Guard, Procedure, State, Term, Transition
from chancery.procedures.forms import ApplicationForm, file_field
from chancery.procedures.guards import notify_applicant
from chancery.procedures.models import Case
from chancery.procedures.steps import withdrawals

CODE = "SUBH"
HANDLERS = CIVIL_SERVICE | SECRETARIAT


def _now():
    return timezone.now()


def programme() -> Programme | None:
    return Programme.objects.filter(code=rules.FAST_TRACK_PROGRAMME).first()


def allocated_this_year(year: int) -> int:
    """What the fast track allocated in `year` (cents)."""
    total = EmergencyAllocation.objects.filter(year=year, allocated_cents__isnull=False).aggregate(
        total=Sum("allocated_cents")
    )["total"]
    return total or 0


def request_errors(data: dict, at=None) -> dict[str, str]:
    """Why this emergency request may not be filed (field → Dutch message); empty when it may."""
    at = at or _now()
    errors: dict[str, str] = {}
    if not str(data.get("emergency") or "").strip():
        errors["emergency"] = _("Name the emergency.")
    if not str(data.get("purpose") or "").strip():
        errors["purpose"] = _("Describe what the allocation is for.")
    if len(str(data.get("country") or "").strip()) != 2:
        errors["country"] = _("Choose the country of the emergency.")
    try:
        amount = cents(data.get("amount_eur"), _("Amount"))
        if amount <= 0:
            errors["amount_eur"] = _("The amount is a positive number of euro.")
    except ValidationError as exc:
        errors["amount_eur"] = exc.messages[0]
        amount = 0
    year = timezone.localtime(at).year
    prog = programme()
    if prog is None or not Envelope.objects.filter(programme=prog, year=year).exists():
        errors["amount_eur"] = _("The humanitarian programme has no envelope for %(year)s.") % {"year": year}
    elif amount > 0 and "amount_eur" not in errors:
        ceiling = rules.decision_figure("fast_track_yearly_cents", timezone.localtime(at).date()).value
        left = ceiling - allocated_this_year(year)
        if amount > left:
            errors["amount_eur"] = _(
                "%(amount)s EUR exceeds what remains of the fast track's yearly ceiling (%(left)s EUR of %(ceiling)s "
                "EUR): refused."
            ) % {"amount": euro(amount), "left": euro(max(left, 0)), "ceiling": euro(ceiling)}
    return errors


def requestable(case: Case) -> str | None:
    """Guard of the request."""
    return " ".join(request_errors(case.data).values()) or None


def record_request(case: Case, transition, actor) -> None:
    """Entry action of the request: the simplified file's record."""
    data, now = case.data, _now()
    EmergencyAllocation.objects.create(
        case=case, programme=programme(), year=timezone.localtime(now).year, beneficiary=case.applicant.name,
        emergency=str(data["emergency"]).strip(), country=str(data["country"]).upper(),
        purpose=str(data["purpose"]).strip(), requested_cents=cents(data["amount_eur"], _("Amount")),
        requested_at=now,
    )  # fmt: skip


def within_ceiling(case: Case) -> str | None:
    """Guard of the allocation (asked again under the envelope's lock by the entry action)."""
    allocation = EmergencyAllocation.objects.get(case=case)
    envelope = Envelope.objects.filter(programme=allocation.programme, year=allocation.year).first()
    if envelope is None:
        return _("The humanitarian programme has no envelope for %(year)s.") % {"year": allocation.year}
    ceiling = rules.decision_figure("fast_track_yearly_cents").value
    left = ceiling - allocated_this_year(allocation.year)
    if allocation.requested_cents > left:
        return _("%(amount)s EUR exceeds what remains of the fast track's yearly ceiling (%(left)s EUR): refused.") % {
            "amount": euro(allocation.requested_cents), "left": euro(max(left, 0)),
        }  # fmt: skip
    if allocation.requested_cents > envelope.remaining_cents:
        return _("%(amount)s EUR exceeds what remains of the envelope %(envelope)s (%(remaining)s EUR): refused.") % {
            "amount": euro(allocation.requested_cents), "envelope": str(envelope),
            "remaining": euro(envelope.remaining_cents),
        }  # fmt: skip
    return None


def record_allocation(case: Case, transition, actor) -> None:
    """Entry action of the allocation: the envelope's row locked first (two allocations at the
    same moment queue there), the yearly ceiling asked again under that lock, then the envelope
    committed; a refusal undoes the whole step."""
    allocation = EmergencyAllocation.objects.select_for_update().get(case=case)
    envelope = Envelope.objects.select_for_update().filter(programme=allocation.programme, year=allocation.year).first()
    refusal = within_ceiling(case)
    if refusal:
        raise ValidationError(refusal)
    programmes.commit(actor, envelope, allocation.requested_cents, reason=case.reference)
    allocation.allocated_cents, allocation.envelope, allocation.decided_at = (
        allocation.requested_cents, envelope, _now(),
    )  # fmt: skip
    allocation.save(update_fields=["allocated_cents", "envelope", "decided_at"])
    audit.record(actor, AuditAction.UPDATE, allocation,
                 after={"allocated_cents": allocation.allocated_cents, "envelope": envelope.pk})  # fmt: skip
    events.emit(
        EMERGENCY_ALLOCATED.code, allocation, {"reference": case.reference, "amount_cents": allocation.allocated_cents}
    )


def record_refusal(case: Case, transition, actor) -> None:
    allocation = EmergencyAllocation.objects.select_for_update().get(case=case)
    allocation.decided_at = _now()
    allocation.save(update_fields=["decided_at"])


REQUESTABLE = Guard("emergency_requestable", gettext_lazy("The emergency, country, purpose and an amount within the "
                    "fast track's yearly ceiling are given"), requestable)  # fmt: skip
WITHIN_CEILING = Guard("within_fast_track_ceiling", gettext_lazy("The allocation fits in the fast track's yearly "
                       "ceiling and in the humanitarian envelope"), within_ceiling)  # fmt: skip
RECORD_REQUEST = Action("record_emergency_request", gettext_lazy("Record the emergency request"), record_request)
RECORD_ALLOCATION = Action("record_emergency_allocation", gettext_lazy("Commit the humanitarian envelope"),
                           record_allocation)  # fmt: skip
RECORD_REFUSAL = Action("record_emergency_refusal", gettext_lazy("Record the decision moment"), record_refusal)
DECIDED = notify_applicant(gettext_lazy("A decision was taken on your emergency request."))

FAST_TRACK = Procedure(
    code=CODE,
    name=gettext_lazy("Humanitarian emergency allocation (fast track)"),
    description=gettext_lazy(
        "An emergency allocation from the humanitarian aid envelope on a simplified file, for instance to Red Cross "
        "Flanders' emergency fund in an acute disaster, decided within 48 hours."
    ),
    team=TEAM,
    access_level="internal_council",
    application_form="chancery.grants.fast_track.FastTrackForm",
    document_types=(
        DocumentType("request", gettext_lazy("emergency request")),
        DocumentType("decision_letter", gettext_lazy("decision letter")),
    ),
    states=(
        State("draft", gettext_lazy("Draft")),
        State(
            "requested",
            gettext_lazy("Requested, to be decided within 48 hours"),
            gettext_lazy("Received, being decided"),
        ),
        State("allocated", gettext_lazy("Allocated"), final=True),
        State("refused", gettext_lazy("Refused"), final=True),
        State("withdrawn", gettext_lazy("Withdrawn"), final=True),
    ),  # fmt: skip
    transitions=(
        Transition(
            "submit",
            gettext_lazy("Request"),
            "draft",
            "requested",
            {APPLICANT},
            guards=(REQUESTABLE,),
            on_enter=(RECORD_REQUEST,),
        ),  # fmt: skip
        *withdrawals(("draft", "requested")),
        Transition(
            "allocate",
            gettext_lazy("Allocate"),
            "requested",
            "allocated",
            HANDLERS,
            guards=(WITHIN_CEILING,),
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(RECORD_ALLOCATION, DECIDED),
        ),  # fmt: skip
        Transition(
            "refuse",
            gettext_lazy("Refuse"),
            "requested",
            "refused",
            HANDLERS,
            reason_required=True,
            reason_to_applicant=True,
            on_enter=(RECORD_REFUSAL, DECIDED),
        ),  # fmt: skip
    ),
    clocks=(
        Clock(
            code="decision",
            label=gettext_lazy("Decision within 48 hours"),
            terms=(
                Term(
                    days=2,
                    hours=rules.decision_figure("fast_track_hours").value,
                    source=rules.decision_figure("fast_track_hours").source,
                    valid_from=rules.FAST_TRACK_FROM,
                ),
            ),  # fmt: skip
            runs_in={"requested"},
        ),
    ),
)


class FastTrackForm(ApplicationForm):
    """The counter's simplified file: the emergency, its country, what the allocation is for, the
    amount; the request itself as an optional annex."""

    emergency = forms.CharField(label=gettext_lazy("Emergency"), max_length=300)
    emergency_country = CountryField(label=gettext_lazy("Country of the emergency"))
    purpose = forms.CharField(label=gettext_lazy("What the allocation is for"),
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)  # fmt: skip
    amount_eur = forms.CharField(label=gettext_lazy("Amount requested (EUR)"), max_length=20)
    request = file_field(gettext_lazy("Request"), required=False)

    def _service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "emergency": data.get("emergency", ""), "country": data.get("emergency_country", ""),
            "purpose": data.get("purpose", ""), "amount_eur": (data.get("amount_eur") or "").strip(),
        }  # fmt: skip

    def clean(self):
        data = super().clean()
        mapping = {"country": "emergency_country"}
        for key, message in request_errors(self._service_data()).items():
            name = mapping.get(key, key)
            self.add_error(name if name in self.fields else None, message)
        return data

    def case_data(self) -> dict:
        return self._service_data()

    def case_documents(self):
        return [("request", self.cleaned_data.get("request"), str(_("Request")))]
