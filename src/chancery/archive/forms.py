"""The archive's small forms: a reason to strike an item or lift a hold, a hold, an export."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class HoldForm(forms.Form):
    prefix = "hold"
    identifier = forms.CharField(label=_("File reference or document identifier"), max_length=100)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExportForm(forms.Form):
    prefix = "export"
    spec = forms.CharField(
        label=_("File reference or filters"), max_length=200,
        help_text=_("A closed file's reference (CSG-2024-0001), or filters: procedure=CSG, closed-before=2025-01-01."),
    )  # fmt: skip
