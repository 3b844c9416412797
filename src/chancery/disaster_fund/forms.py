from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.disaster_fund import rules
from chancery.disaster_fund.models import EventState, Phenomenon, ReporterKind


class AnomalyForm(forms.Form):
    prefix = "anomaly"
    rule = forms.ChoiceField(label=_("Rule"), choices=list(rules.ANOMALY_RULES.items()))
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class DamageReportForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=None)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, to_field_name="nis_code")
    reporter_kind = forms.ChoiceField(label=_("You report as"), choices=ReporterKind.choices, widget=forms.RadioSelect)
    reporter_name = forms.CharField(label=_("Name"), max_length=200)
    reporter_id = forms.CharField(
        label=_("National register number or enterprise number"), max_length=20,
        help_text=_("One report per person per event: a second report is linked to the first."),
    )  # fmt: skip
    address = forms.CharField(label=_("Address of the damage"), max_length=300)
    occurred_on = forms.DateField(label=_("Date of the damage"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(
        label=_("What was damaged"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, events, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["municipality"].queryset = municipalities


class EventForm(forms.Form):
    phenomenon = forms.ChoiceField(label=_("Phenomenon"), choices=Phenomenon.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    started_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))


class EventStateForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[(EventState.UNDER_INVESTIGATION, EventState.UNDER_INVESTIGATION.label),
                 (EventState.NOT_RECOGNISED, EventState.NOT_RECOGNISED.label)],
    )  # fmt: skip
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RecognitionForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period until"), widget=forms.DateInput(attrs={"type": "date"}))
    municipalities = forms.ModelMultipleChoiceField(label=_("Municipalities"), queryset=None, to_field_name="nis_code")

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("The Government's reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        help_text=_("The reporters read it on their counter page."),
    )  # fmt: skip
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))


class ExpertForm(forms.Form):
    expert = forms.CharField(label=_("Expert"), max_length=200)


class ReportForm(forms.Form):
    assessed_damage_eur = forms.CharField(label=_("Damage assessed by the expert (EUR)"), max_length=20)


class InsuranceForm(forms.Form):
    insurance_paid_eur = forms.CharField(label=_("Insurance payouts (EUR)"), max_length=20)
