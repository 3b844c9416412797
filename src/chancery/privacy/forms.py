from django import forms
from django.utils.translation import gettext_lazy as _


class SubjectForm(forms.Form):
    query = forms.CharField(
        label=_("E-mail address, national register number or full name"), max_length=200,
        help_text=_("Check the person's identity first. The identifier is not stored; only a pseudonym of it."),
    )  # fmt: skip

    id_prefix = "access"

    def __init__(self, *args, **kwargs):
        # Both forms share a page: their fields need ids of their own.
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ErasureForm(SubjectForm):
    id_prefix = "erase"
    confirm = forms.BooleanField(
        label=_("I checked the person's identity and the request; pseudonymise what the law allows."), required=True
    )
