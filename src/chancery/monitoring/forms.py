from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Entity
from chancery.monitoring.models import Initiative, Level, MilestoneStatus, VisionKind


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    planned = forms.DecimalField(label=_("Planned (€)"), min_value=0, max_digits=14, decimal_places=2)
    committed = forms.DecimalField(label=_("Committed (€)"), min_value=0, max_digits=14, decimal_places=2)
    spent = forms.DecimalField(label=_("Spent (€)"), min_value=0, max_digits=14, decimal_places=2)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MilestoneStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason for dropping"), required=False, max_length=500)
    # The milestone's revision the editor saw: a stale form is refused (milestones.set_status).
    revision = forms.IntegerField(widget=forms.HiddenInput)


class ReportForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Core ambition"),
        queryset=Initiative.objects.filter(level=Level.AMBITION),
        required=False,
        empty_label=_("All core ambitions"),
    )
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("A year (2026) or a quarter (2026-Q3)."))


class VisionNoteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=VisionKind.choices)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Entity.objects.filter(active=True))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    regions = forms.CharField(label=_("Countries and regions"), max_length=200, required=False)
    last_update = forms.DateField(label=_("Last update"), widget=forms.DateInput(attrs={"type": "date"}))
    planned_update = forms.DateField(label=_("Next update planned"), widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")


class InitiativeForm(forms.Form):
    """A new core ambition, programme or project; the level follows from what it is part of."""

    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Initiative.objects.exclude(level=Level.PROJECT),
        required=False,
        empty_label=_("Nothing: a new core ambition"),
    )
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens, e.g. p4-2."))
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary in clear language"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_entity = forms.ModelChoiceField(label=_("Lead entity"), queryset=Entity.objects.filter(active=True))
    priority = forms.CharField(label=_("Memorandum priority"), max_length=20, required=False)
    regions = forms.CharField(label=_("Countries and regions"), max_length=200, required=False)
    public = forms.BooleanField(label=_("Shown on the public progress pages"), required=False)
