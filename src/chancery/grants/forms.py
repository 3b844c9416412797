"""Forms of the grants service's pages and of the reviewers' page (the counter's form is
application_form.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import MandateeChoiceField
from chancery.core.models import Mandatee, User
from chancery.decisions.models import Meeting, MeetingState
from chancery.grants.models import ReportKind
from chancery.grants.services.money import euro


class ReviewerForm(forms.Form):
    prefix = "reviewer"
    username = forms.CharField(label=_("User name of the reviewer"), max_length=150)

    def clean_username(self):
        user = User.objects.filter(username=self.cleaned_data["username"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this user name."))
        return user


class ConflictForm(forms.Form):
    prefix = "conflict"
    conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("If so, what is it?"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           max_length=2000)  # fmt: skip


class ScoreForm(forms.Form):
    """One score and motivation per criterion of the call (fields named after the criterion's key)."""

    prefix = "score"

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s: score (0–%(max)s)") % {"criterion": criterion.name, "max": criterion.max_score},
                max_length=4,
            )
            self.fields[f"motivation_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s: motivation") % {"criterion": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}), max_length=4000,
            )  # fmt: skip

    def scores(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"motivation_{c.pk}", "")) for c in self.criteria}


# --- the decision by the Government (issue 15 §4) ------------------------------------------------


class SubmitProposalForm(forms.Form):
    """A minister's office submits a grant proposal for a meeting of the Government."""

    prefix = "government"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = forms.ModelChoiceField(
            label=_("Meeting of the Government"),
            queryset=Meeting.objects.visible_to(user).filter(state=MeetingState.PLANNED).order_by("starts_at"),
        )
        mandatees = Mandatee.objects.active_on().select_related("person")
        if getattr(user, "person_id", None) or getattr(user, "entity_id", None):
            mandatees = mandatees.represented_by(user) or mandatees
        self.fields["mandatees"] = MandateeChoiceField(label=_("Submitting ministers"), queryset=mandatees)


# --- payments and reports (issue 15, capabilities 5 and 6) ---------------------------------------


class ReportForm(forms.Form):
    """The beneficiary's report at the counter: interim or final, the content report, and the cost
    statement, one amount spent per line of the budget table (fields `spent_<n>`)."""

    prefix = "report"
    kind = forms.ChoiceField(label=_("Report"), widget=forms.RadioSelect)
    narrative = forms.CharField(label=_("Content report: what the project did"), max_length=8000,
                                widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args, application, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, ReportKind(kind).label) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.lines = list(application.budget_lines)
        for n, line in enumerate(self.lines):
            self.fields[f"spent_{n}"] = forms.CharField(
                label=_("Spent on “%(line)s” (EUR, budget %(budget)s)")
                % {"line": line["label"], "budget": euro(line["amount_cents"])},
                max_length=20,
            )

    def spent(self) -> list[str]:
        return [self.cleaned_data[f"spent_{n}"] for n in range(len(self.lines))]


class FinalAssessmentForm(forms.Form):
    prefix = "assessment"
    accepted_eur = forms.CharField(label=_("Accepted of the grant (EUR)"), max_length=20)
    note = forms.CharField(label=_("Motivation (required when less than the grant is accepted)"), required=False,
                           max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class InterimReviewForm(forms.Form):
    prefix = "interim"
    decision = forms.TypedChoiceField(
        label=_("Assessment of the interim report"),
        choices=[("accept", _("Accept")), ("refuse", _("Refuse"))],
        coerce=lambda value: value == "accept",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Motivation"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
