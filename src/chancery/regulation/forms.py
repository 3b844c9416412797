"""The register's forms: searching it, entering a regulation, marking a dossier as a draft
regulation, and an ex-ante calculation in the JSON of `chancery scm`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.files import allowed_formats_text
from chancery.core.forms import DocumentFileField, KeepsFiles, KeptFileInput, MandateeChoiceField
from chancery.core.models import Mandatee
from chancery.decisions.models import Dossier, Meeting, RegulationType, Theme
from chancery.regulation.models import FeedbackSignal, Regulation, ReporterKind, SignalGroup, SignalTheme


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


# --- Feedback panel ----------------------------------------------------------------------------


class RegulationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.date:%Y})"


def _evidence_field(label):
    return DocumentFileField(
        label=label,
        required=False,
        help_text=_("Accepted: %(formats)s.") % {"formats": allowed_formats_text()},
        widget=KeptFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx,.ods,.png,.jpg,.jpeg"}),
    )


class SignalSearchForm(forms.Form):
    zoek = forms.CharField(label=_("Search the register for the rule"), required=False, max_length=200)


class SignalForm(KeepsFiles, forms.Form):
    """The public form of the feedback panel. `website` is a trap for robots: hidden from people
    (and from screen readers), a robot fills it in and its signal is refused."""

    regulation = RegulationChoiceField(
        label=_("The regulation concerned"),
        queryset=Regulation.objects.none(),
        required=False,
        empty_label=_("I do not know: suggest one from my text"),
    )
    theme = forms.ChoiceField(label=_("What kind of problem"), choices=SignalTheme.choices)
    text = forms.CharField(
        label=_("Describe the problem"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_(
            "Do not write personal data (e-mail addresses, phone numbers, national register numbers, bank "
            "accounts): they are removed before anything is published."
        ),
    )
    reporter_kind = forms.ChoiceField(label=_("You report as"), choices=ReporterKind.choices)
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False, initial=True)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    organisation = forms.CharField(label=_("Company or organisation"), max_length=200, required=False)
    evidence_1 = _evidence_field(_("Evidence (a file)"))
    evidence_2 = _evidence_field(_("More evidence"))
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, regulations, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regulation"].queryset = regulations
        self.take_kept_files(user if user is not None and user.is_authenticated else None)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("This form was not sent by a person."), code="robot")
        if not data.get("anonymous") and not (data.get("name") and data.get("email")):
            raise forms.ValidationError(_("Give your name and e-mail address, or report anonymously."))
        return data

    def evidence(self) -> list:
        return [self.cleaned_data[name] for name in ("evidence_1", "evidence_2") if self.cleaned_data.get(name)]


class PublishForm(forms.Form):
    regulation = RegulationChoiceField(label=_("The regulation concerned"), queryset=Regulation.objects.none())
    group = forms.ModelChoiceField(
        label=_("Join a group of similar signals"),
        queryset=SignalGroup.objects.none(),
        required=False,
        empty_label=_("A new group"),
    )
    title = forms.CharField(label=_("Title of the new group"), max_length=300, required=False)
    public_text = forms.CharField(
        label=_("Text to publish"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Personal data is masked again when published."),
    )
    note = forms.CharField(label=_("Moderation note"), required=False, max_length=2000)

    def __init__(self, *args, regulations, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regulation"].queryset = regulations
        self.fields["group"].queryset = groups


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why not published"), choices=FeedbackSignal.Rejection.choices)
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SignalGroup.Status.choices)
    text = forms.CharField(label=_("Public answer"), widget=forms.Textarea(attrs={"rows": 6}), required=False)


# --- State of Regulation -----------------------------------------------------------------------


class StateReportForm(forms.Form):
    last_year = forms.IntegerField(
        label=_("Last year of the period"),
        min_value=2000,
        max_value=2100,
        help_text=_("The report covers this year and the year before."),
    )


class SubmitReportForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    mandatees = MandateeChoiceField(label=_("Submitting ministers"), queryset=Mandatee.objects.none())

    def __init__(self, *args, meetings, mandatees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["mandatees"].queryset = mandatees
