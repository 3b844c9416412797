from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import CountriesField, CountryField
from chancery.licensing import rules
from chancery.licensing.models import AuthorisationKind
from chancery.licensing.procedure import ICP_QUESTIONNAIRE
from chancery.procedures.forms import ApplicationForm, file_field
from chancery.procedures.models import PartyKind


class UseReportForm(forms.Form):
    used_on = forms.DateField(label=_("Date of use"), widget=forms.DateInput(attrs={"type": "date"}))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0)
    value_eur = forms.DecimalField(label=_("Value (EUR)"), min_value=Decimal("0"), max_digits=14, decimal_places=2)
    destination_country = CountryField(label=_("Country of destination"))


class RenewalForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)


class CompanyFields(forms.Form):
    company_name = forms.CharField(label=_("Company"), max_length=200)
    registration_number = forms.CharField(label=_("Enterprise number"), max_length=40)

    def party(self) -> dict:
        return {
            "kind": PartyKind.ORGANISATION,
            "name": self.cleaned_data["company_name"],
            "registration_number": self.cleaned_data["registration_number"],
            "country": "BE",
        }


class RegistrationForm(CompanyFields):
    general_licence = forms.ChoiceField(
        label=_("General licence"), choices=lambda: [(g.code, f"{g.code} — {g.title}") for g in rules.GENERAL_LICENCES]
    )
    first_use_on = forms.DateField(
        label=_("Planned first use"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )


class GeneralReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period until"), widget=forms.DateInput(attrs={"type": "date"}))
    shipments = forms.IntegerField(label=_("Number of shipments"), min_value=0)
    value_eur = forms.DecimalField(label=_("Value (EUR)"), min_value=Decimal("0"), max_digits=14, decimal_places=2)
    destination_countries = CountriesField(label=_("Countries of destination"), required=False)

    def clean_destination_countries(self) -> str:
        # The service takes the codes as the report stores them, separated by commas.
        return ",".join(self.cleaned_data["destination_countries"])


class PriorAuthorisationForm(CompanyFields):
    kind = forms.ChoiceField(label=_("Kind"), choices=AuthorisationKind.choices)
    number = forms.CharField(label=_("Number"), max_length=40)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}))


class PriorAuthorisationApplicationForm(ApplicationForm):
    """The company's application for a prior authorisation (procedure VM, licensing.procedure): what
    it will do with defence-related products, and the questionnaire on its internal compliance
    programme, which the service evaluates (fdfa.be node/2743)."""

    ACTIVITIES = [
        ("export", _("Definitive export outside the EU")),
        ("transit", _("Transit")),
        ("transfer", _("Transfer to another EU Member State")),
        ("general_transfer_licence", _("Use of a general transfer licence")),
    ]
    activities = forms.MultipleChoiceField(
        label=_("For what do you need it?"), choices=ACTIVITIES, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Your activities with defence-related products"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_(
            "What the company makes or trades, for which customers, and who is responsible for export control."
        ),
    )
    icp_questionnaire = file_field(
        _("Questionnaire on your internal compliance programme (ICP)"),
        help_text=_("The service evaluates your ICP with this questionnaire and a meeting with your company."),
    )
    annex = file_field(_("Annex"), required=False)

    DATA_LABELS = {"activities": _("For what do you need it?"), "description": _("Your activities")}

    def case_data(self) -> dict:
        return {"activities": self.cleaned_data["activities"], "description": self.cleaned_data["description"]}

    def case_documents(self):
        data = self.cleaned_data
        return [
            (ICP_QUESTIONNAIRE, data["icp_questionnaire"], str(_("ICP questionnaire"))),
            ("annex", data.get("annex"), str(_("Annex"))),
        ]
