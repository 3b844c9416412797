"""The counter's claim form of the procedure RF: the recognised disaster and municipality, who
claims (owner or mandatary, with the mandate), the goods, the insurability check, the estimate,
the insurance payouts known so far (the insurer's certificate may follow), photos; a late claim
with the day the impediment ended and its motivation. The admissibility rules are the service's
(services.claims.admissibility_errors), asked here so the applicant sees every error at once and
again by the submission's guard."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.disaster_fund.models import Capacity, GoodsKind, Municipality, Recognition
from chancery.disaster_fund.procedure import MANDATE
from chancery.disaster_fund.services import claims, recognitions
from chancery.disaster_fund.services.compensation import cents
from chancery.procedures.forms import ApplicationForm, file_field


class RecognitionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Recognition) -> str:
        return f"{obj.event.name}: {recognitions.title_of(obj)}"


class ClaimForm(ApplicationForm):
    recognition = RecognitionChoice(label=_("Recognised disaster"), queryset=Recognition.objects.none())
    municipality = forms.ModelChoiceField(
        label=_("Municipality where the damage occurred"), queryset=Municipality.objects.all(), to_field_name="nis_code"
    )
    capacity = forms.ChoiceField(label=_("You claim as"), choices=Capacity.choices, widget=forms.RadioSelect)
    goods_kind = forms.ChoiceField(label=_("Damaged goods"), choices=GoodsKind.choices)
    insurable_simple_risks = forms.TypedChoiceField(
        label=_("Could the goods be insured under a fire insurance for simple risks?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("Goods insurable under a fire insurance for simple risks (a home, its contents) are excluded."),
    )
    description = forms.CharField(
        label=_("Description of the damage"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    estimate_eur = forms.CharField(
        label=_("Estimate of the damage (EUR)"), max_length=20, help_text=_("Damage not listed is not compensated.")
    )
    insurance_paid_eur = forms.CharField(
        label=_("Insurance payouts received (EUR)"), max_length=20, required=False, initial="0"
    )
    late = forms.BooleanField(label=_("Late claim (force majeure)"), required=False)
    impediment_ended_on = forms.DateField(
        label=_("The impediment ended on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    late_motivation = forms.CharField(
        label=_("Motivation of the late claim"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=4000,
    )  # fmt: skip
    mandate = file_field(_("Mandate"), required=False, help_text=_("Required when you claim as a mandatary."))
    mandate.conditionally_required = True
    photo = file_field(_("Photo of the damage"), required=False)
    estimate = file_field(_("Estimate or invoice"), required=False)
    insurer_certificate = file_field(_("Insurer's certificate"), required=False, help_text=_("It may follow later."))

    DATA_LABELS = {"description": _("Description of the damage"), "late_motivation": _("Motivation of the late claim")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognition"].queryset = Recognition.objects.filter(
            pk__in=[r.pk for r in recognitions.open_for_claims(timezone.localdate())]
        ).select_related("event")

    def _amount(self, field: str) -> int | None:
        try:
            return cents(self.cleaned_data.get(field) or "0", str(self.fields[field].label))
        except forms.ValidationError as exc:
            self.add_error(field, exc)
            return None

    def clean(self):
        data = super().clean()
        self._amount("estimate_eur")
        self._amount("insurance_paid_eur")
        if data.get("capacity") == Capacity.MANDATARY and not data.get("mandate"):
            self.add_error("mandate", _("A mandatary adds the mandate."))
        if data.get("recognition") and data.get("municipality"):
            filing = claims.Filing(
                recognition=data["recognition"],
                municipality=data["municipality"],
                filed_on=timezone.localdate(),
                late=bool(data.get("late")),
                impediment_ended_on=data.get("impediment_ended_on"),
                late_motivation=data.get("late_motivation", ""),
            )
            for field, message in claims.admissibility_errors(filing).items():
                self.add_error(field if field in self.fields else None, message)
        return data

    def case_data(self) -> dict:
        data = self.cleaned_data
        ended = data.get("impediment_ended_on")
        return {
            "recognition": data["recognition"].pk,
            "municipality": data["municipality"].nis_code,
            "capacity": data["capacity"],
            "goods_kind": data["goods_kind"],
            "insurable_simple_risks": data["insurable_simple_risks"],
            "description": data["description"],
            "estimate_eur": data["estimate_eur"].strip(),
            "insurance_paid_eur": (data.get("insurance_paid_eur") or "0").strip(),
            "late": bool(data.get("late")),
            "impediment_ended_on": ended.isoformat() if ended else None,
            "late_motivation": data.get("late_motivation", ""),
        }

    def case_documents(self):
        data = self.cleaned_data
        return [
            (MANDATE, data.get("mandate"), str(_("Mandate"))),
            ("photo", data.get("photo"), str(_("Photo of the damage"))),
            ("estimate", data.get("estimate"), str(_("Estimate or invoice"))),
            ("insurer_certificate", data.get("insurer_certificate"), str(_("Insurer's certificate"))),
        ]
