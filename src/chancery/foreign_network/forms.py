from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from chancery.foreign_network.models import (
    SCORE_MAX,
    SCORE_MIN,
    CriterionGroup,
    PreferenceFunction,
    StaffRole,
)


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class AssignForm(forms.Form):
    person = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)
    start = _date(_("From"))
    end = _date(_("Until"), required=False)


class CostForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    staff = forms.DecimalField(label=_("Staff costs (€)"), min_value=0, max_digits=12, decimal_places=2)
    operating = forms.DecimalField(label=_("Operating costs (€)"), min_value=0, max_digits=12, decimal_places=2)


class AssessmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    group = forms.ChoiceField(label=_("Group"), choices=CriterionGroup.choices)
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=7, decimal_places=3, initial=1)
    function = forms.ChoiceField(label=_("Preference function (PROMETHEE)"), choices=PreferenceFunction.choices)
    q = forms.DecimalField(
        label=_("Indifference threshold q"), min_value=0, max_digits=6, decimal_places=3, required=False
    )
    p = forms.DecimalField(
        label=_("Preference threshold p"), min_value=0, max_digits=6, decimal_places=3, required=False
    )
    description = forms.CharField(label=_("What it measures"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CandidateForm(forms.Form):
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *countries])
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ScoreForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("Candidate location"), queryset=None)
    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=None)
    value = forms.DecimalField(
        label=_("Score (0–10)"), min_value=SCORE_MIN, max_value=SCORE_MAX, max_digits=4, decimal_places=2
    )
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.URLField(label=_("Source (link)"), required=False, assume_scheme="https")

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, prefix="score", **kwargs)
        self.fields["candidate"].queryset = assessment.candidates.all()
        self.fields["criterion"].queryset = assessment.criteria.all()


class WeightsForm(forms.Form):
    """One weight per criterion, as the user sets them; the comparison normalises them."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, prefix="weights", **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=criterion.name, min_value=0, max_digits=7, decimal_places=3, initial=criterion.weight,
                widget=forms.NumberInput(attrs={"step": "any", "min": "0"}),
            )  # fmt: skip

    def weights(self) -> dict:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
