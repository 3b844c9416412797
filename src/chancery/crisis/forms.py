from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Entity, User
from chancery.core.permissions import ADMINISTRATION
from chancery.crisis import levels
from chancery.crisis.models import CrisisKind, CrisisType, FindingSeverity, MemberRole


def _moment(label, required=True):
    return forms.DateTimeField(
        label=label, required=required, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


def _text(label, rows=3, required=True):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


def colleagues():
    return User.objects.filter(is_active=True, role__in=ADMINISTRATION).order_by("username")


class CrisisForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CrisisKind.choices)
    type = forms.ChoiceField(label=_("Type"), choices=CrisisType.choices)
    level = forms.ChoiceField(label=_("Escalation level"), choices=levels.CHOICES)
    description = _text(_("Description"), required=False)
    entities = forms.ModelMultipleChoiceField(
        label=_("Affected organisation units"), queryset=Entity.objects.filter(active=True).order_by("name"),
        required=False,
    )  # fmt: skip
    members = forms.ModelMultipleChoiceField(label=_("Entitled people"), queryset=colleagues(), required=False)

    def __init__(self, *args, competences=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = colleagues()
        self.fields["competences"] = forms.ModelMultipleChoiceField(
            label=_("Affected competences"), queryset=competences, required=False
        )


class EntryForm(forms.Form):
    text = _text(_("What happened"), rows=3)
    occurred_at = _moment(_("Time of the event (empty: now)"), required=False)


class CorrectionForm(forms.Form):
    text = _text(_("Correction"), rows=2)


class LevelForm(forms.Form):
    level = forms.ChoiceField(label=_("New escalation level"), choices=levels.CHOICES)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class CloseForm(forms.Form):
    summary = forms.CharField(label=_("How it ended"), max_length=500)


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=colleagues())
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = colleagues()


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    # Not required here: the service refuses a task without an owner with its own clear message.
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    deadline = _moment(_("Deadline"), required=False)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else User.objects.none()


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(label=_("Email"), required=False)


class ReportForm(forms.Form):
    period_start = _moment(_("From"))
    period_end = _moment(_("Until"))
    situation = _text(_("Situation"), rows=4)
    actions = _text(_("Actions taken"), required=False)
    outlook = _text(_("Outlook and needs"), required=False)


class LessonForm(forms.Form):
    text = _text(_("Lesson learned"))
    action = _text(_("Improvement"), rows=2, required=False)


class FindingForm(forms.Form):
    text = _text(_("Finding"))
    severity = forms.ChoiceField(label=_("Severity"), choices=FindingSeverity.choices)
    follow_up = _text(_("Follow-up"), rows=2, required=False)


class PlanForm(forms.Form):
    entity = forms.ModelChoiceField(
        label=_("Organisation unit"), queryset=Entity.objects.filter(active=True).order_by("name")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    version = forms.CharField(label=_("Version"), max_length=20, initial="1.0")
    approved_on = _date(_("Approved on"))
    review_due = _date(_("Review due (empty: a year after approval)"), required=False)
    owner = forms.CharField(label=_("Owner"), max_length=200, required=False)


class ReviewForm(forms.Form):
    approved_on = _date(_("Approved again on"))
    version = forms.CharField(label=_("Version"), max_length=20)
