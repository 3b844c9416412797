"""The EU files' forms: an act, its counts, a position and its submission, coordination meetings
(attendees, outcomes, escalation) and Council meetings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import MandateeChoiceField
from chancery.core.models import Mandatee
from chancery.decisions.models import Meeting, MeetingState, Theme
from chancery.eu_files import rules
from chancery.eu_files.models import CoordinationMeeting, CoordinationOutcome, EuAct

DATE = forms.DateInput(attrs={"type": "date"})


class FilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *EuAct.Kind.choices])
    gevolgd = forms.BooleanField(label=_("Only files followed by Flanders"), required=False)
    termijn = forms.BooleanField(label=_("Only deadlines passed or near"), required=False)


class ActForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EuAct.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=1000)
    celex = forms.CharField(label=_("CELEX number"), max_length=20, required=False)
    com_number = forms.CharField(label=_("COM number"), max_length=40, required=False)
    organisation = forms.CharField(label=_("Organisation (multilateral)"), max_length=200, required=False)
    followed = forms.BooleanField(label=_("Followed by Flanders"), required=False, initial=True)
    competences = forms.ModelMultipleChoiceField(
        label=_("Flemish competences concerned"), queryset=Theme.objects.order_by("label"), required=False
    )
    category = forms.ChoiceField(
        label=_("Category of the cooperation agreement"),
        required=False,
        choices=[("", "—"), *rules.CATEGORIES.items()],
    )
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DATE)
    transposition_deadline = forms.DateField(label=_("Transposition deadline"), required=False, widget=DATE)
    obligations = forms.IntegerField(label=_("Obligations"), required=False)
    pages = forms.IntegerField(label=_("Pages"), required=False)
    source = forms.CharField(label=_("Source"), max_length=500, required=False)


class TrackingForm(forms.Form):
    """The obligations tracker's figures of one act."""

    obligations = forms.IntegerField(label=_("Obligations"), required=False)
    pages = forms.IntegerField(label=_("Pages"), required=False)
    transposition_deadline = forms.DateField(label=_("Transposition deadline"), required=False, widget=DATE)
    transposed_on = forms.DateField(label=_("Fully transposed on"), required=False, widget=DATE)


class PositionForm(forms.Form):
    interests = forms.CharField(label=_("Flemish interests concerned"), widget=forms.Textarea(attrs={"rows": 3}))
    text = forms.CharField(label=_("Position"), widget=forms.Textarea(attrs={"rows": 5}))
    needs_government_decision = forms.BooleanField(label=_("Needs a decision of the Government"), required=False)


class SubmitPositionForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting of the Government"), queryset=Meeting.objects.none())
    mandatees = MandateeChoiceField(label=_("Submitting ministers"), queryset=Mandatee.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.visible_to(user).filter(state=MeetingState.PLANNED).order_by("starts_at")
        )
        mandatees = Mandatee.objects.active_on().select_related("person")
        if getattr(user, "person_id", None) or getattr(user, "entity_id", None):
            mandatees = mandatees.represented_by(user) or mandatees
        self.fields["mandatees"].queryset = mandatees


class MeetingForm(forms.Form):
    forum = forms.ChoiceField(label=_("Forum"), choices=CoordinationMeeting.Forum.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    subject = forms.CharField(label=_("Subject"), max_length=300)


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    representing = forms.CharField(label=_("Representing"), max_length=200, help_text=_("e.g. Flemish Government"))


class OutcomeForm(forms.Form):
    eu_act = forms.ModelChoiceField(label=_("EU act"), queryset=EuAct.objects.order_by("celex", "com_number"))
    result = forms.ChoiceField(label=_("Outcome"), choices=CoordinationOutcome.Result.choices)
    text = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(forms.Form):
    outcome = forms.ModelChoiceField(label=_("Act without consensus"), queryset=CoordinationOutcome.objects.none())
    conference = forms.ModelChoiceField(
        label=_("Meeting of the interministerial conference"), queryset=CoordinationMeeting.objects.none()
    )

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = meeting.outcomes.filter(
            result=CoordinationOutcome.Result.NO_CONSENSUS, escalated_to__isnull=True
        ).select_related("eu_act")
        self.fields["conference"].queryset = CoordinationMeeting.objects.visible_to(user).filter(
            forum=CoordinationMeeting.Forum.IMC
        )


class CouncilForm(forms.Form):
    formation = forms.ChoiceField(label=_("Council formation"), choices=rules.FORMATION_CHOICES)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    minister = forms.ModelChoiceField(
        label=_("Flemish minister"), queryset=Mandatee.objects.select_related("person"), required=False
    )
    seat_taken = forms.NullBooleanField(
        label=_("Seat taken"),
        required=False,
        widget=forms.Select(choices=[("unknown", _("Not recorded")), ("true", _("Yes")), ("false", _("No"))]),
    )
    acts = forms.ModelMultipleChoiceField(label=_("Acts on the agenda"), queryset=EuAct.objects.all(), required=False)
