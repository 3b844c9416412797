"""The register's forms: searching it, entering a regulation, marking a dossier as a draft
regulation, and an ex-ante calculation in the JSON of `chancery scm`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.decisions.models import Dossier, RegulationType, Theme
from chancery.regulation.models import Regulation


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words of the title"), required=False, max_length=200)
    soort = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *RegulationType.choices])
    domein = forms.ModelChoiceField(
        label=_("Policy domain"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All policy domains"),
    )


class InForceForm(forms.Form):
    op = forms.DateField(label=_("Text in force on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RegulationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RegulationType.choices)
    title = forms.CharField(label=_("Title"), max_length=1000)
    date = forms.DateField(label=_("Date of the act"), widget=forms.DateInput(attrs={"type": "date"}))
    numac = forms.CharField(label=_("NUMAC number"), max_length=20, required=False)
    eli = forms.URLField(label=_("ELI"), max_length=300, required=False, assume_scheme="https")
    policy_domain = forms.ModelChoiceField(label=_("Policy domain"), queryset=Theme.objects.all(), required=False)


class DraftForm(forms.Form):
    dossier = forms.ModelChoiceField(label=_("Dossier"), queryset=Dossier.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=RegulationType.choices)
    title = forms.CharField(label=_("Title of the draft"), max_length=1000)
    amends = forms.ModelChoiceField(
        label=_("Amends"), queryset=Regulation.objects.none(), required=False, empty_label=_("A new regulation")
    )
    policy_domain = forms.ModelChoiceField(label=_("Policy domain"), queryset=Theme.objects.all(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = Dossier.objects.visible_to(user).filter(draft_regulation__isnull=True)
        self.fields["amends"].queryset = Regulation.objects.visible_to(user)


class CalculationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    reference_date = forms.DateField(
        label=_("Reference date"),
        help_text=_("The date whose tariffs apply to activities that give a target group instead of a tariff."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    calculation = forms.CharField(
        label=_("Calculation (JSON)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            'Obligations and their activities: {"obligations": [{"name": …, "activities": [{"name", "time_hours", '
            '"tariff_eur_per_hour" (or "target_group": "citizens" or "businesses"), "out_of_pocket_eur", '
            '"population", "frequency_per_year", "business_as_usual_share", "one_off"}]}]}'
        ),
    )
