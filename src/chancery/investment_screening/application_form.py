"""The notifier's web form at the counter (`/loket/nieuw/FDI/`): the investor and its ultimate
beneficial owners, the Belgian target, the deal. Every figure is checked by the threshold service's
own checks (services/thresholds.py: percentages from 0 to 100, after not below before, amounts), so
the form, the command and the submission say the same; the submit step reads and checks it all
again (services/notifications.py) and records it. A refused form stores nothing."""

from __future__ import annotations

import re
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chancery.core import countries
from chancery.core.forms import CountryField
from chancery.investment_screening import rules
from chancery.investment_screening.models import InvestorKind
from chancery.investment_screening.services import notifications, thresholds
from chancery.procedures.forms import ApplicationForm, file_field
from chancery.procedures.models import enterprise_number_is_valid
from chancery.strategic_goods.services.applications import country

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _figure(value: str) -> str:
    """As a Dutch notifier types a figure: 12,5 and 150.000.000 (or 150 000 000) read as numbers."""
    text = re.sub(r"\s", "", value or "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
    return text.replace(",", ".")


class NotificationForm(ApplicationForm):
    investor_name = forms.CharField(label=_("Investor"), max_length=300)
    investor_kind = forms.ChoiceField(label=_("Kind of investor"), choices=InvestorKind.choices)
    investor_country = CountryField(
        label=_("Country of seat or residence of the investor"),
        check=partial(country, label=_("Country of the investor")),
    )
    owners = forms.CharField(
        label=_("Ultimate beneficial owners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("One a line: name; country (its name or ISO code). E.g. Jan Jansen; Nederland"),
    )
    target_name = forms.CharField(label=_("Target (Belgian company)"), max_length=200)
    target_enterprise_number = forms.CharField(label=_("Enterprise number of the target"), max_length=20)
    regions = forms.MultipleChoiceField(
        label=_("Regions where the target is established or active"),
        choices=rules.REGIONS,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors in which the target is active"),
        choices=rules.SECTOR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    turnover_eur = forms.CharField(label=_("Turnover of the last financial year (EUR)"), max_length=30)
    voting_rights_before = forms.CharField(label=_("Voting rights of the investor before the deal (%)"), max_length=12)
    voting_rights_after = forms.CharField(label=_("Voting rights of the investor after the deal (%)"), max_length=12)
    control_acquired = forms.BooleanField(label=_("The investor acquires control of the target"), required=False)
    deal_value_eur = forms.CharField(label=_("Deal value (EUR)"), max_length=30)
    signing_date = forms.DateField(label=_("Signing date"), widget=DATE)
    planned_closing = forms.DateField(label=_("Planned closing"), widget=DATE, required=False)
    business_secrets = forms.CharField(
        label=_("Business secrets"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=8000,
        help_text=_("What only the screening authorities may read; it never leaves the confidential file."),
    )
    notification_form = file_field(_("Deal documents"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The file's subject is the deal itself.
        del self.fields["title"]

    def clean_owners(self):
        owners = []
        for line in (self.cleaned_data.get("owners") or "").splitlines():
            if not line.strip():
                continue
            name, _sep, code = line.rpartition(";")
            if not name.strip():
                raise ValidationError(gettext("Write each owner as: name; country."))
            # The country by its name (Dutch or English) or its code, as in the other country fields.
            code = countries.code_for(code) or code.strip()
            owners.append({"name": name.strip(), "country": country(code, gettext("Country of the beneficial owner"))})
        return owners

    def clean_target_enterprise_number(self):
        number = self.cleaned_data["target_enterprise_number"]
        if not enterprise_number_is_valid(number):
            raise ValidationError(gettext("This is not a valid Belgian enterprise number."))
        return number

    def clean_turnover_eur(self):
        return thresholds.amount(_figure(self.cleaned_data["turnover_eur"]), gettext("Turnover"))

    def clean_deal_value_eur(self):
        return thresholds.amount(_figure(self.cleaned_data["deal_value_eur"]), gettext("Deal value"))

    def clean_voting_rights_before(self):
        return thresholds.percentage(
            _figure(self.cleaned_data["voting_rights_before"]), gettext("Voting rights before")
        )

    def clean_voting_rights_after(self):
        return thresholds.percentage(_figure(self.cleaned_data["voting_rights_after"]), gettext("Voting rights after"))

    def clean(self):
        data = super().clean()
        before, after = data.get("voting_rights_before"), data.get("voting_rights_after")
        if before is not None and after is not None:
            try:
                thresholds.voting_rights_in_order(before, after)
            except ValidationError as error:
                self.add_error("voting_rights_after", error)
        signed, closing = data.get("signing_date"), data.get("planned_closing")
        if signed and closing and closing < signed:
            self.add_error("planned_closing", gettext("The planned closing comes before the signing date."))
        return data

    def case_title(self) -> str:
        data = self.cleaned_data
        return gettext("Investment of %(investor)s in %(target)s") % {
            "investor": data["investor_name"].strip(), "target": data["target_name"].strip(),
        }  # fmt: skip

    def case_data(self) -> dict:
        data = self.cleaned_data
        return {
            notifications.DATA_KEY: {
                "investor_name": data["investor_name"].strip(),
                "investor_kind": data["investor_kind"],
                "investor_country": data["investor_country"],
                "owners": data["owners"],
                "target_name": data["target_name"].strip(),
                "target_enterprise_number": data["target_enterprise_number"],
                "regions": data["regions"],
                "sectors": data["sectors"],
                "turnover_eur": str(data["turnover_eur"]),
                "voting_rights_before": str(data["voting_rights_before"]),
                "voting_rights_after": str(data["voting_rights_after"]),
                "control_acquired": bool(data.get("control_acquired")),
                "deal_value_eur": str(data["deal_value_eur"]),
                "signing_date": data["signing_date"].isoformat(),
                "planned_closing": data["planned_closing"].isoformat() if data.get("planned_closing") else "",
                "business_secrets": data.get("business_secrets", "").strip(),
            }
        }

    def case_documents(self) -> list[tuple[str, object, str]]:
        return [("deal_documents", self.cleaned_data.get("notification_form"), gettext("Deal documents"))]


class ExOfficioForm(NotificationForm):
    """The service's form for the ex officio review of a deal that was not notified: the same facts,
    with the day the deal closed (the review is possible up to two years after it)."""

    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No notifier: the file names the target as its party; no documents from the counter.
        for name in (
            "party_kind",
            "party_name",
            "registration_number",
            "country",
            "address",
            "email",
            "notification_form",
        ):
            del self.fields[name]  # fmt: skip

    def case_data(self) -> dict:
        data = super().case_data()
        data[notifications.DATA_KEY]["closed_on"] = self.cleaned_data["closed_on"].isoformat()
        return data
