"""The applicant's web form for a strategic-goods licence (what an application contains,
procedure-rules.md §A3–§A4): the kind of application and licence, the parties and countries, and a
formset of goods lines. The form checks what it can at once (control-list codes with the control
list's own messages, countries, what does not fit together: the Benelux rule, EU
membership, kind of goods against kind of licence and codes); the submit step records the application through
chancery.strategic_goods.services.applications, which checks it all again."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chancery.core.forms import CountriesField, CountryField
from chancery.procedures.forms import ApplicationForm, file_field
from chancery.strategic_goods.models import ApplicationKind, GoodsFamily, LicenceForm
from chancery.strategic_goods.procedure import END_USER_CERTIFICATE
from chancery.strategic_goods.services import applications
from chancery.strategic_goods.services.control_list import ControlCodeError, validate_code


def _checked(label):
    """The service's own check of a country code (the same message as at submission)."""
    return partial(applications.country, label=label)


class GoodsLineForm(forms.Form):
    description = forms.CharField(
        label=_("Description (technical characteristics)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=8000
    )
    control_list_code = forms.CharField(
        label=_("Control-list code"), max_length=40, help_text=_("E.g. 5A002 (dual use) or ML10 (military).")
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    value_eur = forms.DecimalField(label=_("Value (EUR)"), min_value=Decimal("0"), max_digits=14, decimal_places=2)

    def clean_control_list_code(self):
        try:
            return validate_code(self.cleaned_data["control_list_code"])
        except ControlCodeError as exc:
            raise ValidationError(exc.messages) from exc


GoodsLineFormSet = forms.formset_factory(
    GoodsLineForm, extra=1, min_num=1, validate_min=True, max_num=50, validate_max=True
)


class FurtherEndUserForm(forms.Form):
    name = forms.CharField(label=_("Name of this end user"), max_length=300)
    country = CountryField(label=_("Country of this end user"), check=_checked(_("Country of the end user")))
    end_use = forms.CharField(
        label=_("End use by this end user"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


# Only for a combined licence; empty rows are ignored.
FurtherEndUserFormSet = forms.formset_factory(FurtherEndUserForm, extra=2, max_num=50, validate_max=True)


class LicenceApplicationForm(ApplicationForm):
    kind = forms.ChoiceField(label=_("Kind of application"), choices=ApplicationKind.choices)
    licence_form = forms.ChoiceField(label=_("Licence form"), choices=LicenceForm.choices)
    goods_family = forms.ChoiceField(
        label=_("Kind of goods"),
        choices=GoodsFamily.choices,
        help_text=_(
            "To export, transit or transfer defence-related products, your company needs a valid prior "
            "authorisation or certified-person certificate first."
        ),
    )
    temporary = forms.BooleanField(
        label=_("Temporary: the goods come back (exhibition, demonstration, repair, testing)"),
        required=False,
        help_text=_("A temporary export or transit needs no prior authorisation."),
    )
    consignee_name = forms.CharField(label=_("Consignee"), max_length=300)
    consignee_country = CountryField(label=_("Country of the consignee"), check=_checked(_("Country of the consignee")))
    end_user_name = forms.CharField(label=_("End user"), max_length=300)
    end_user_country = CountryField(label=_("Country of the end user"), check=_checked(_("Country of the end user")))
    end_use = forms.CharField(label=_("End use"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    destination_country = CountryField(
        label=_("Country of destination"),
        check=_checked(_("Country of destination")),
        help_text=_(
            "A transfer from Flanders to the Netherlands or Luxembourg needs no licence (Benelux) and cannot be filed."
        ),
    )
    transit_countries = CountriesField(
        label=_("Transit countries"), required=False, check=_checked(_("Transit country"))
    )
    end_user_certificate = file_field(
        _("Signed end-user certificate (PDF)"),
        accept=".pdf",
        help_text=_("Without a complete, signed end-user certificate the processing does not start."),
    )
    technical_description = file_field(_("Technical description"), required=False)

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(data, files, *args, **kwargs)
        self.goods_lines = GoodsLineFormSet(data, prefix="goods")
        # A post without this section (an older form, a script) names no further end users.
        has_section = data is not None and "endusers-TOTAL_FORMS" in data
        self.end_users = FurtherEndUserFormSet(data if has_section else None, prefix="endusers")

    def is_valid(self) -> bool:
        # All, always: the applicant sees every error at once.
        valid = super().is_valid()
        lines_valid = self.goods_lines.is_valid()
        end_users_valid = not self.end_users.is_bound or self.end_users.is_valid()
        return end_users_valid and lines_valid and valid

    def further_end_users(self) -> list[dict]:
        if not self.end_users.is_bound or not self.end_users.is_valid():
            return []
        return [row for row in self.end_users.cleaned_data if row]

    def clean(self):
        data = super().clean()
        codes = [line["control_list_code"] for line in self.goods_lines.cleaned_data if line] if (
            self.goods_lines.is_valid()
        ) else []  # fmt: skip
        errors = applications.combination_errors(
            data.get("kind", ""), data.get("licence_form", ""), data.get("goods_family", ""),
            data.get("destination_country", ""), codes, len(self.further_end_users()),
        )  # fmt: skip
        for field, message in errors.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def case_data(self) -> dict:
        data = self.cleaned_data
        lines = [
            {
                "description": line["description"],
                "control_list_code": line["control_list_code"],
                "quantity": line["quantity"],
                "value_eur": str(line["value_eur"]),
            }
            for line in self.goods_lines.cleaned_data
            if line
        ]
        return {
            applications.DATA_KEY: {
                **{
                    key: data[key]
                    for key in (
                        "kind",
                        "licence_form",
                        "goods_family",
                        "temporary",
                        "consignee_name",
                        "consignee_country",
                        "end_user_name",
                        "end_user_country",
                        "end_use",
                        "destination_country",
                        "transit_countries",
                    )
                },  # fmt: skip
                "goods_lines": lines,
                "further_end_users": self.further_end_users(),
            }
        }

    def case_documents(self):
        data = self.cleaned_data
        return [
            (END_USER_CERTIFICATE, data["end_user_certificate"], str(_("End-user certificate"))),
            ("technical_description", data.get("technical_description"), str(_("Technical description"))),
        ]

    # Labels of the engine's own data for the case pages (the application is shown from its
    # records by the strategic-goods panel).
    DATA_LABELS = {"decision_level": _("Decision level")}
    # Their values in words (the page showed "Beslissingsniveau department").
    DATA_VALUES = {"decision_level": {"department": _("the department"), "minister": _("the minister")}}
