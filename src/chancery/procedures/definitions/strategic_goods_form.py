"""The applicant's web form for a strategic-goods licence (what an application contains,
procedure-rules.md §A4)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.procedures.definitions.strategic_goods import END_USER_CERTIFICATE
from chancery.procedures.forms import ApplicationForm, file_field

LICENCE_TYPES = [
    ("individual_export", _("Individual export licence")),
    ("global_export", _("Global export licence")),
    ("transfer", _("Transfer to another EU Member State")),
    ("transit", _("Transit licence")),
    ("import", _("Import licence")),
]
GOODS_FAMILIES = [
    ("military", _("Defence-related products (Common Military List)")),
    ("dual_use", _("Dual-use items (Reg. 2021/821)")),
    ("law_enforcement", _("Law-enforcement material")),
    ("firearms", _("Civil firearms, parts and ammunition")),
]


class LicenceApplicationForm(ApplicationForm):
    licence_type = forms.ChoiceField(label=_("Licence type"), choices=LICENCE_TYPES)
    goods_family = forms.ChoiceField(label=_("Kind of goods"), choices=GOODS_FAMILIES)
    control_list_code = forms.CharField(
        label=_("Control-list code"), max_length=40, help_text=_("E.g. 5A002 (dual use) or ML10 (military).")
    )
    goods_description = forms.CharField(
        label=_("Technical characteristics and use"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    value_eur = forms.DecimalField(label=_("Value (EUR)"), min_value=Decimal("0"), max_digits=14, decimal_places=2)
    destination_country = forms.CharField(label=_("Country of destination (ISO code)"), max_length=2)
    consignee = forms.CharField(label=_("Consignee"), max_length=300)
    end_user = forms.CharField(label=_("End user"), max_length=300)
    end_use = forms.CharField(label=_("End use"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    end_user_certificate = file_field(
        _("Signed end-user certificate (PDF)"),
        accept=".pdf",
        help_text=_("Without a complete, signed end-user certificate the processing does not start."),
    )
    technical_description = file_field(_("Technical description"), required=False)

    def clean_destination_country(self):
        return self.cleaned_data["destination_country"].strip().upper()

    def clean_control_list_code(self):
        return self.cleaned_data["control_list_code"].strip().upper()

    def case_data(self) -> dict:
        data = self.cleaned_data
        return {
            "licence_type": data["licence_type"],
            "goods_family": data["goods_family"],
            "control_list_code": data["control_list_code"],
            "goods_description": data["goods_description"],
            "quantity": data["quantity"],
            "value_eur": str(data["value_eur"]),
            "destination_country": data["destination_country"],
            "consignee": data["consignee"],
            "end_user": data["end_user"],
            "end_use": data["end_use"],
        }

    def case_documents(self):
        data = self.cleaned_data
        return [
            (END_USER_CERTIFICATE, data["end_user_certificate"], str(_("End-user certificate"))),
            ("technical_description", data.get("technical_description"), str(_("Technical description"))),
        ]

    # Labels of the data for the case pages, in the order shown.
    DATA_LABELS = {
        "licence_type": _("Licence type"),
        "goods_family": _("Kind of goods"),
        "control_list_code": _("Control-list code"),
        "goods_description": _("Technical characteristics and use"),
        "quantity": _("Quantity"),
        "value_eur": _("Value (EUR)"),
        "destination_country": _("Country of destination"),
        "consignee": _("Consignee"),
        "end_user": _("End user"),
        "end_use": _("End use"),
        "decision_level": _("Decision level"),
    }
