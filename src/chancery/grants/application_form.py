"""The counter's form of the procedure SUB: the open call, the project's country and purpose, the
budget table (one cost line per row: "description; amount in euro"), the co-financing, whether the
applicant is a person at risk (human rights fund only), the declaration on honour and the annexes.
The rules are the service's (services.applications.submission_errors), asked here so the applicant
sees every error at once and again by the submission's guard."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import CountryField
from chancery.grants.models import Call
from chancery.grants.services import applications, programmes
from chancery.procedures.forms import ApplicationForm, file_field


class CallChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Call) -> str:
        return f"{obj.programme.name}: {obj.title}"


def parse_budget(text: str) -> list[dict]:
    """ "description; amount" per line, as the case's data keeps them (the service checks them)."""
    lines = []
    for row in (text or "").splitlines():
        if not row.strip():
            continue
        label, _sep, amount = row.rpartition(";")
        lines.append({"label": label.strip(), "amount_eur": amount.strip()})
    return lines


class GrantApplicationForm(ApplicationForm):
    call = CallChoice(label=_("Call for proposals"), queryset=Call.objects.none())
    project_country = CountryField(label=_("Country of the project"))
    purpose = forms.CharField(label=_("Purpose of the project"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=4000)  # fmt: skip
    budget = forms.CharField(
        label=_("Budget table"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000,
        help_text=_(
            'One cost line per row: description; amount in euro (e.g. "Training of 20 journalists; 12500.00").'
        ),
    )  # fmt: skip
    co_financing_eur = forms.CharField(label=_("Co-financing by you or others (EUR)"), max_length=20, required=False,
                                       initial="0")  # fmt: skip
    protected = forms.BooleanField(
        label=_("I am a person at risk (human rights fund): my identity stays confidential"), required=False
    )
    declaration_on_honour = forms.BooleanField(
        label=_("I declare on my honour that this application is true and complete, and that the grant will be used "
                "for its purpose only."),
    )  # fmt: skip
    application = file_field(_("Application form"), required=False)
    annex = file_field(_("Annex"), required=False)
    # The counter's page shows the case's data by these labels only (the rest — call, budget lines,
    # co-financing, protection — is in the grants' case panel, worded; never raw True/False or a list).
    DATA_LABELS = {"purpose": _("Purpose of the project")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = programmes.open_calls()

    def _service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "call": data["call"].pk if data.get("call") else None,
            "country": data.get("project_country", ""),
            "purpose": data.get("purpose", ""),
            "budget_lines": parse_budget(data.get("budget", "")),
            "co_financing_eur": (data.get("co_financing_eur") or "0").strip(),
            "protected": bool(data.get("protected")),
            "declaration_on_honour": bool(data.get("declaration_on_honour")),
        }

    def clean(self):
        data = super().clean()
        if data.get("call"):
            errors = applications.submission_errors(data["call"], self._service_data(), applications._now())
            mapping = {"country": "project_country", "budget_lines": "budget"}
            for key, message in errors.items():
                name = mapping.get(key, key)
                self.add_error(name if name in self.fields else None, message)
        return data

    def case_data(self) -> dict:
        return self._service_data()

    def case_documents(self):
        data = self.cleaned_data
        return [
            ("application_form", data.get("application"), str(_("Application form"))),
            ("annex", data.get("annex"), str(_("Annex"))),
        ]
