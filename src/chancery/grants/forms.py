"""Forms of the grants service's pages and of the reviewers' page (the counter's form is
application_form.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import MandateeChoiceField
from chancery.core.models import Mandatee, User
from chancery.decisions.models import Meeting, MeetingState


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
