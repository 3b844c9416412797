from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.strategic_goods.models import FindingValue, HitDecision
from chancery.strategic_goods.services.assessment import CRITERIA


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Control-list code"), max_length=60, help_text=_("E.g. 3A001.a.1 or ML1.a."))


class ScreenForm(forms.Form):
    """Asked in the page's address, whose query parameters are Dutch: ?naam=…&land=…"""

    QUERY_NAMES = {"name": "naam", "country": "land"}

    name = forms.CharField(label=_("Name of the party"), max_length=300)
    country = forms.CharField(
        label=_("Country"), max_length=60, required=False, help_text=_("ISO code of two letters (e.g. RU) or name.")
    )

    def add_prefix(self, field_name):
        return super().add_prefix(self.QUERY_NAMES.get(field_name, field_name))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=HitDecision.choices, widget=forms.RadioSelect)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 4}))


class FindingForm(forms.Form):
    """A handler's finding on one criterion of Common Position 2008/944/CFSP (internal)."""

    criterion = forms.TypedChoiceField(label=_("Criterion"), coerce=int)
    finding = forms.ChoiceField(label=_("Finding"), choices=FindingValue.choices)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)
    # The revision of each criterion's finding the handler saw ("1:0 2:3 …", 0: none yet): one form
    # serves the eight criteria, and a stale one is refused (assessment.record_finding).
    revisions = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, findings: dict | None = None, **kwargs):
        if findings is not None:
            seen = " ".join(
                f"{c.number}:{findings[c.number].revision if c.number in findings else 0}" for c in CRITERIA
            )
            kwargs.setdefault("initial", {"revisions": seen})
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [(c.number, f"{c.number}. {c.title}") for c in CRITERIA]

    def clean_revisions(self) -> dict[int, int]:
        try:
            pairs = (pair.split(":") for pair in self.cleaned_data["revisions"].split())
            return {int(number): int(revision) for number, revision in pairs}
        except ValueError:
            raise forms.ValidationError(_("The form is damaged: reload the file."), code="revisions") from None

    def expected_revision(self) -> int:
        """The revision of the chosen criterion's finding that the handler saw."""
        return self.cleaned_data["revisions"].get(self.cleaned_data["criterion"], 0)
