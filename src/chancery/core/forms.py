from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from chancery.core import countries, pending, permissions
from chancery.core.files import allowed_formats_text, inspect_upload
from chancery.core.models import AccessLevel, Document, DocumentKind, Mandatee, ReleaseState


class MandateeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person} — {obj.label_title}"


class DocumentFileField(forms.FileField):
    """A file for the document store, inspected when the form is cleaned (`core.files.inspect_upload`):
    a refusal shows on the field, and the unpacking of an office file happens here, outside the
    service's transaction, which reuses the result."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            inspect_upload(upload)
        return upload


class KeptFileInput(forms.ClearableFileInput):
    """A file input that says which file is already attached (kept across a form shown again,
    `core.pending`) and carries its key; choosing another file replaces it."""

    template_name = "core/widgets/kept_file.html"
    kept = None  # the PendingUpload shown, set per form by KeepsFiles

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        context["widget"]["kept"] = self.kept
        context["widget"]["kept_name"] = f"{name}{KEPT_SUFFIX}"
        context["widget"]["removable"] = not self.is_required
        context["widget"]["remove_name"] = f"{name}{REMOVE_SUFFIX}"
        return context

    def value_from_datadict(self, data, files, name):
        return files.get(name)


KEPT_SUFFIX = "-kept"
REMOVE_SUFFIX = "-remove"


class KeepsFiles:
    """A form whose files survive a failed validation (issue 14). Call `take_kept_files(user)` in
    `__init__`: a field sent without a new file takes the user's kept file named in its hidden key;
    after cleaning, `keep_files()` keeps each file that passed its field (inspected) and the form
    shows it as already attached. A key of another user, or an expired one, finds nothing."""

    def take_kept_files(self, user) -> None:
        self.kept_by = user
        self.kept: dict[str, object] = {}
        if not self.is_bound or user is None:
            return
        files = MultiValueDict(dict(self.files.lists())) if self.files else MultiValueDict()
        for name in self._kept_file_fields():
            html_name = self.add_prefix(name)
            if files.get(html_name) or self.data.get(f"{html_name}{REMOVE_SUFFIX}"):
                continue  # a new file replaces the kept one; an optional one may be removed
            found = pending.find(user, self.data.get(f"{html_name}{KEPT_SUFFIX}", ""))
            if found is not None:
                files[html_name] = pending.reopen(found)
                self.kept[name] = found
        self.files = files

    def _kept_file_fields(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field.widget, KeptFileInput)]

    def keep_files(self) -> dict:
        """Keep every file that passed its field and show it as attached; {field: PendingUpload}."""
        cleaned = getattr(self, "cleaned_data", {})
        for name in self._kept_file_fields():
            upload = cleaned.get(name)
            if not upload:
                self.kept.pop(name, None)
                continue
            self.kept[name] = getattr(upload, "chancery_pending", None) or pending.keep(self.kept_by, upload)
        for name, kept in self.kept.items():
            self.fields[name].widget.kept = kept
        return dict(self.kept)


class CountryInput(forms.TextInput):
    """A country typed or picked by its name from the page's list of countries (a `<datalist>`,
    `{% country_datalist %}`: the browser suggests the names as one types); the ISO code it stands
    for is shown as the name."""

    def __init__(self, attrs=None):
        super().__init__({"list": DATALIST_ID, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        value = super().format_value(value)
        if value and len(value) == 2 and countries.code_for(value) == value.upper():
            return countries.name(value.upper())
        return value


DATALIST_ID = "country-names"


def _no_country(value) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a country we know: choose it from the list, or give its ISO code of two letters."),
        code="country",
        params={"value": value},
    )


class CountryField(forms.CharField):
    """A country by its name (Dutch or English) or its ISO 3166 code; cleans to the code.
    `check(code)`, when given, is the service's own check of the code (it returns the code or
    raises its message), so the form and the service refuse with the same words."""

    widget = CountryInput

    def __init__(self, *, check=None, **kwargs):
        self.check = check
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return countries.code_for(text) or text if text else text

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if self.check is None and countries.code_for(value) != value:
            raise _no_country(value)

    def clean(self, value):
        code = super().clean(value)
        if code and self.check is not None:
            return self.check(code)
        return code


class CountriesInput(forms.Widget):
    """Several countries: one input per country, each with the list of names; a button (forms.js)
    adds one more, and without script the form shows two empty ones beyond those filled."""

    template_name = "core/widgets/countries.html"
    row_label = ""  # the field's label, for the inputs after the first (set by CountriesField)

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str):
            value = [value]
        values = [v for v in (value or []) if v]
        shown = [CountryInput().format_value(v) for v in values]
        shown += [""] * max(2, 3 - len(shown))
        base_id = (attrs or {}).get("id") or f"id_{name}"
        context["widget"]["rows"] = [
            {"id": base_id if i == 0 else f"{base_id}_{i}", "value": v, "number": i + 1} for i, v in enumerate(shown)
        ]
        context["widget"]["datalist"] = DATALIST_ID
        context["widget"]["row_label"] = self.row_label
        return context


class CountriesField(forms.Field):
    """Several countries (names or codes, one per input; commas or semicolons also separate them),
    cleaned to a list of codes without repeats, each through `check` like `CountryField`."""

    widget = CountriesInput

    def __init__(self, *, check=None, **kwargs):
        self.check = check
        super().__init__(**kwargs)
        self.widget.row_label = self.label

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        texts = [part.strip() for item in (value or []) for part in re.split(r"[,;]", item or "") if part.strip()]
        codes = []
        for text in texts:
            code = countries.code_for(text)
            if code is None:
                # Old forms and scripts sent codes separated by spaces.
                parts = text.split()
                if len(parts) > 1 and all(countries.code_for(p) == p.upper() for p in parts):
                    codes += [p.upper() for p in parts]
                    continue
            codes.append(code or text)
        return list(dict.fromkeys(codes))

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        codes = super().clean(value)
        if self.check is not None:
            return [self.check(code) for code in codes]
        for code in codes:
            if countries.code_for(code) != code:
                raise _no_country(code)
        return codes


def _file_field() -> forms.FileField:
    return DocumentFileField(
        label=_("File"),
        help_text=_("Accepted: %(formats)s.") % {"formats": allowed_formats_text()},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx,.ods,.png,.jpg,.jpeg"}),
    )


class DocumentCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.NOTE)
    access_level = forms.ChoiceField(label=_("Access level"))
    concerned_mandatees = MandateeChoiceField(
        label=_("Government members concerned"),
        queryset=Mandatee.objects.none(),
        required=False,
        help_text=_("For a confidential document: whose cabinets may see it."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = _file_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_level"].choices = [(lvl.value, lvl.label) for lvl in permissions.assignable_levels(user)]
        self.fields["access_level"].initial = AccessLevel.INTERNAL_GOVERNMENT
        self.fields["concerned_mandatees"].queryset = Mandatee.objects.active_on().select_related("person")


class DocumentVersionForm(forms.Form):
    file = _file_field()
    reason = forms.CharField(label=_("What changed (optional)"), max_length=500, required=False)
    # The number of versions the editor saw: a stale form is refused (core.services.add_version).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DocumentChangeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    access_level = forms.ChoiceField(label=_("Access level"))
    concerned_mandatees = MandateeChoiceField(
        label=_("Government members concerned"), queryset=Mandatee.objects.none(), required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)
    # The revision the editor saw: a stale form is refused (core.services.change_document).
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user, document: Document, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "revision": document.revision,
                "title": document.title,
                "kind": document.kind,
                "access_level": document.access_level,
                "description": document.description,
                "concerned_mandatees": list(document.concerned_mandatees.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["access_level"].choices = [(lvl.value, lvl.label) for lvl in permissions.assignable_levels(user)]
        self.fields["concerned_mandatees"].queryset = Mandatee.objects.select_related("person")


class ReleaseForm(forms.Form):
    state = forms.ChoiceField(choices=ReleaseState.choices)
    reason = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


def add_service_errors(form: forms.Form, exc: ValidationError, field: str | None = None) -> None:
    """Show a service's refusal on the form: on the field it names, else on `field`."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, exc)
