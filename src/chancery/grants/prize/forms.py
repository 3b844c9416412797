"""Forms of the human rights prize: the public nomination form (with its honeypot field and the
signed moment it was shown), the jury's declaration and scores (grants' forms), a deliberation note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chancery.core.models import User
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


def _moment(label) -> forms.DateTimeField:
    """A moment in Europe/Brussels (the site's time zone), entered in the browser's own field."""
    return forms.DateTimeField(
        label=label, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )  # fmt: skip


class EditionForm(forms.Form):
    """A new edition for the grants service: its year, theme, nomination period and the jury's
    criteria, one per line as "name; weight" (the weight 1 when left out)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    theme = forms.CharField(label=_("Theme"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                  max_length=4000)  # fmt: skip
    nominations_open = _moment(_("Nominations open"))
    nominations_close = _moment(_("Nominations close"))
    criteria = forms.CharField(
        label=_("Criteria of the jury, one per line: name; weight"), widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000, help_text=_("For example: Courage of the nominee; 2"),
    )  # fmt: skip

    def clean_criteria(self) -> list[dict]:
        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, weight = line.partition(";")
            weight = weight.strip() or "1"
            if not name.strip():
                raise forms.ValidationError(_("Line %(number)s gives no criterion's name.") % {"number": number})
            if not weight.isdigit() or not 1 <= int(weight) <= 10:
                raise forms.ValidationError(
                    _("Line %(number)s: the weight is a whole number from 1 to 10, not “%(weight)s”.")
                    % {"number": number, "weight": weight}
                )
            rows.append({"name": name.strip()[:200], "weight": int(weight)})
        if not rows:
            raise forms.ValidationError(_("Give the jury at least one criterion."))
        return rows


class JuryMemberForm(forms.Form):
    """A jury member added to an edition: an existing user (civil servant or expert) by user name,
    with the name and affiliation the public page shows."""

    prefix = "jury"
    username = forms.CharField(label=_("User name"), max_length=150)
    public_name = forms.CharField(label=_("Name shown on the public page"), max_length=200)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=200, required=False)
    chair = forms.BooleanField(label=_("Chair of the jury"), required=False)

    def clean_username(self):
        user = User.objects.filter(username=self.cleaned_data["username"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active user with that user name."))
        return user
