from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.investment_screening.models import Advice


class FlemishAssessmentForm(forms.Form):
    """The Flemish assessment of strategic interests and the advice to the commission (internal)."""

    prefix = "assessment"
    strategic_interests = forms.CharField(
        label=_("Assessment of Flemish strategic interests"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    advice = forms.ChoiceField(label=_("Advice to the interfederal screening commission"), choices=Advice.choices)
    conditions = forms.CharField(
        label=_("Proposed corrective measures"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=8000,
        required=False,
    )
