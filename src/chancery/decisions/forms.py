from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import MandateeChoiceField
from chancery.core.models import AccessLevel, DocumentKind, Mandatee
from chancery.decisions.models import DecisionResult, FormalCheck, ItemKind, MeetingKind, Release


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    place = forms.CharField(label=_("Place"), max_length=200, initial="Brussel, Martelarenplein 19")


class RevisionForm(forms.Form):
    """Every agenda edit says which revision of the agenda it was made on."""

    revision = forms.IntegerField(widget=forms.HiddenInput)


class ItemForm(RevisionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    short_title = forms.CharField(label=_("Short title"), max_length=300)
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 3}))
    mandatees = MandateeChoiceField(label=_("Submitting ministers"), queryset=Mandatee.objects.none())
    access_level = forms.ChoiceField(
        label=_("Access level"),
        choices=[(lvl.value, lvl.label) for lvl in AccessLevel if lvl != AccessLevel.INTERNAL_SECRETARIAT],
        initial=AccessLevel.PUBLIC,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandatees"].queryset = Mandatee.objects.active_on().select_related("person")


class FormalCheckForm(RevisionForm):
    check = forms.ChoiceField(choices=FormalCheck.choices)


class MoveForm(RevisionForm):
    to_number = forms.IntegerField(min_value=1)


class ApproveForm(RevisionForm):
    close = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=DecisionResult.choices)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500, required=False)


class PressSummaryForm(forms.Form):
    text = forms.CharField(label=_("Press summary"), widget=forms.Textarea(attrs={"rows": 3}))


class ReleasePlanForm(forms.Form):
    scope = forms.ChoiceField(choices=Release.Scope.choices)
    planned_at = forms.DateTimeField(
        label=_("Release at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class AttachForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.NOTE)
    file = forms.FileField(label=_("File"))
