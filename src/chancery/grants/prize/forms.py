"""Forms of the human rights prize: the public nomination form (with its honeypot field and the
signed moment it was shown), the jury's declaration and scores (grants' forms), a deliberation note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.grants.services.prize import HONEYPOT


class NominationForm(forms.Form):
    nominee_name = forms.CharField(label=_("Name of the person or organisation you nominate"), max_length=200)
    nominee_country = forms.CharField(label=_("Country where the nominee works (two-letter code, e.g. UA)"),
                                      max_length=2)  # fmt: skip
    motivation = forms.CharField(label=_("Why do you nominate them?"), widget=forms.Textarea(attrs={"rows": 6}),
                                 max_length=6000)  # fmt: skip
    consents_to_publication = forms.BooleanField(
        label=_("The nominee agrees to be named in public should they become laureate"), required=False
    )
    nominator_name = forms.CharField(label=_("Your name"), max_length=200)
    nominator_email = forms.CharField(label=_("Your e-mail address"), max_length=254)
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))  # fmt: skip
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT]


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(label=_("Deliberation note (confidential: the jury and the secretariat only)"),
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)  # fmt: skip
