from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import DocumentFileField, MandateeChoiceField
from chancery.core.models import AccessLevel, DocumentKind, Mandatee, Person
from chancery.core.models.access import NAMEABLE_LEVEL_CHOICES
from chancery.decisions.models import (
    DecisionResult,
    FormalCheck,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingState,
    PublicationStep,
    RegulationType,
    Release,
    StepKind,
    Theme,
)


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
        choices=NAMEABLE_LEVEL_CHOICES,
        initial=AccessLevel.PUBLIC,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandatees"].queryset = Mandatee.objects.active_on().select_related("person")


class FormalCheckForm(RevisionForm):
    check = forms.ChoiceField(choices=FormalCheck.choices)


class MoveForm(RevisionForm):
    to_number = forms.IntegerField(min_value=1)


class MoveToMeetingForm(forms.Form):
    """The later meeting an item that left a final agenda goes to (its draft agenda)."""

    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.filter(state=MeetingState.PLANNED))


class ApproveForm(RevisionForm):
    close = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=DecisionResult.choices)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500, required=False)
    document = DocumentFileField(label=_("Decision document (PDF)"), required=False)
    # The version of the decision the editor saw (0: none yet): a stale form is refused
    # (services.correct_decision).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person} — {obj.label_title}"


class AttendanceForm(forms.Form):
    """Chair, secretary and excused members of one meeting; the choices are the members in office
    on its day."""

    chair = MemberChoiceField(label=_("Chair"), queryset=Mandatee.objects.none(), required=False)
    secretary = forms.ModelChoiceField(label=_("Secretary"), queryset=Person.objects.all(), required=False)
    excused = MandateeChoiceField(
        label=_("Excused members"),
        queryset=Mandatee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        required=False,
        help_text=_("Needed once the meeting is closed."),
    )
    # The meeting's revision the editor saw: a stale form is refused (services.record_attendance).
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["chair"].queryset = members
            self.fields["excused"].queryset = members


class ThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes (policy fields)"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The dossier's revision the editor saw: a stale form is refused (services.set_themes).
    revision = forms.IntegerField(widget=forms.HiddenInput)


class PressSummaryForm(forms.Form):
    text = forms.CharField(label=_("Press summary"), widget=forms.Textarea(attrs={"rows": 3}))
    # The summary's revision the editor saw (0: none written yet): a stale form is refused
    # (services.set_press_summary).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MinutesForm(forms.Form):
    """A version of a meeting's minutes. The file is inspected when the form is cleaned, outside
    the service's transaction (DocumentFileField)."""

    file = DocumentFileField(
        label=_("Minutes (file)"), error_messages={"required": _("Choose the file with the minutes.")}
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500, required=False)
    # The number of versions of the minutes the editor saw (0: none yet): a stale form is refused
    # (services.attach_minutes).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReleasePlanForm(forms.Form):
    scope = forms.ChoiceField(choices=Release.Scope.choices)
    planned_at = forms.DateTimeField(
        label=_("Release at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ReleaseScheduleForm(forms.Form):
    """The release panel's one confirmation: which scopes, each at its moment (empty: the usual one)."""

    scopes = forms.MultipleChoiceField(choices=Release.Scope.choices, required=False)
    decisions_at = forms.DateTimeField(required=False)
    documents_at = forms.DateTimeField(required=False)
    # The revision of each scope's release the panel showed ("decisions:0 documents:2", 0: not
    # planned yet): a stale panel is refused (services.plan_release).
    revisions = forms.CharField(widget=forms.HiddenInput)

    def clean_revisions(self) -> dict[str, int]:
        try:
            pairs = (pair.split(":") for pair in self.cleaned_data["revisions"].split())
            return {scope: int(revision) for scope, revision in pairs}
        except ValueError:
            raise forms.ValidationError(_("The form is damaged: reload the page."), code="revisions") from None

    def moments(self) -> dict:
        return {scope: self.cleaned_data[f"{scope}_at"] for scope in self.cleaned_data["scopes"]}


class AttachForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.NOTE)
    file = DocumentFileField(label=_("File"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(DocumentFileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    short_title = forms.CharField(label=_("Short title"), max_length=300)
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 3}))
    mandatees = MandateeChoiceField(label=_("Submitting ministers"), queryset=Mandatee.objects.none())
    step_kind = forms.ChoiceField(label=_("Procedure step"), choices=StepKind.choices)
    item_access_level = forms.ChoiceField(
        label=_("Access level of the item"),
        choices=NAMEABLE_LEVEL_CHOICES,
        initial=AccessLevel.PUBLIC,
    )
    files = MultipleFileField(label=_("Documents"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandatees"].queryset = Mandatee.objects.active_on().select_related("person")


class ResubmitForm(forms.Form):
    short_title = forms.CharField(label=_("Short title"), max_length=300)
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Additional documents"), required=False)


class SendBackForm(forms.Form):
    remarks = forms.CharField(label=_("Remarks for the cabinet"), widget=forms.Textarea(attrs={"rows": 3}))


class PublicationStartForm(forms.Form):
    regulation_type = forms.ChoiceField(label=_("Type of act"), choices=RegulationType.choices)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    target_date = forms.DateField(
        label=_("Desired publication date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PublicationStepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=PublicationStep.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    planned_date = forms.DateField(
        label=_("Planned publication date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    numac = forms.CharField(label=_("NUMAC number"), max_length=20, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.value, s.label) for s in PublicationStep if s in allowed]
