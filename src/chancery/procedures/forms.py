"""Forms of the procedure pages. Each procedure brings its own application form, a subclass of
`ApplicationForm` named in its definition (`application_form`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from chancery.core.files import allowed_formats_text
from chancery.core.forms import KEPT_SUFFIX, REMOVE_SUFFIX, CountryField, DocumentFileField, KeepsFiles, KeptFileInput
from chancery.core.models import User
from chancery.procedures.models import Party, PartyKind, RepresentationBasis

FILE_ACCEPT = ".pdf,.docx,.odt,.xlsx,.ods,.png,.jpg,.jpeg"


def file_field(label, *, required: bool = True, accept: str = FILE_ACCEPT, help_text=None) -> forms.FileField:
    return DocumentFileField(
        label=label,
        required=required,
        help_text=help_text or _("Accepted: %(formats)s.") % {"formats": allowed_formats_text()},
        widget=KeptFileInput(attrs={"accept": accept}),
    )


class ApplicationForm(KeepsFiles, forms.Form):
    """Who applies (a company or organisation, or a person) and the subject. A procedure's form adds
    its own fields and says what goes into the case's data and which files it attaches.

    For every procedure (issue 14): countries are picked by name (`core.forms.CountryField`); the
    files survive a form shown again with its errors (`core.forms.KeepsFiles`: give the form its
    `user`); the form can be saved as a draft as it stands (`draft_fields`) and shown again from
    one (`show_as_saved`). A procedure's form with formsets keeps them as attributes."""

    party_kind = forms.ChoiceField(
        label=_("You apply as"), choices=PartyKind.choices, initial=PartyKind.ORGANISATION, widget=forms.RadioSelect
    )
    party_name = forms.CharField(label=_("Name of the company, organisation or person"), max_length=200)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        required=False,
        help_text=_(
            "Required for a company or organisation; for a Belgian company: the enterprise number (e.g. 0123.456.749)."
        ),
    )
    # Required for one kind of applicant only: the label does not call it optional.
    registration_number.conditionally_required = True
    country = CountryField(label=_("Country"), initial="BE")
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    email = forms.EmailField(label=_("E-mail for messages about this case"), required=False)
    title = forms.CharField(label=_("Subject of the application"), max_length=300)

    def __init__(self, data=None, files=None, *args, user=None, **kwargs):
        super().__init__(data, files, *args, **kwargs)
        self.take_kept_files(user)

    def formsets(self) -> list[BaseFormSet]:
        return [value for value in vars(self).values() if isinstance(value, BaseFormSet)]

    @property
    def lists_countries(self) -> bool:
        """The page needs the list of countries (`{% country_datalist %}`)."""
        return True

    def draft_fields(self) -> dict[str, list[str]]:
        """The form as sent, for a draft ({name: [values]}), with the keys of the files it keeps
        (call `keep_files` first)."""
        fields = {
            name: values
            for name, values in self.data.lists()
            if not name.endswith(REMOVE_SUFFIX) and not name.endswith(KEPT_SUFFIX)
        }
        for name, kept in self.kept.items():
            fields[f"{self.add_prefix(name)}{KEPT_SUFFIX}"] = [str(kept.key)]
        return fields

    def rejected_files(self) -> list[str]:
        """The refusals of files sent with the form (for a draft, which keeps only those accepted)."""
        return [
            f"{self.fields[name].label}: {' '.join(self.errors[name])}"
            for name in self._kept_file_fields()
            if name in self.errors and self.files.get(self.add_prefix(name))
        ]

    def show_as_saved(self) -> None:
        """A resumed draft is shown as it was saved, without the errors its checks would find now
        (they are shown when it is submitted)."""
        for form in [self, *(f for formset in self.formsets() for f in formset.forms)]:
            form._errors = ErrorDict()
            form.cleaned_data = {}
        for formset in self.formsets():
            formset._errors = [ErrorDict() for _ in formset.forms]
            formset._non_form_errors = formset.error_class()
        for name, kept in self.kept.items():
            self.fields[name].widget.kept = kept

    def clean(self):
        data = super().clean()
        # The party's own rule (registration number of an organisation, valid Belgian enterprise
        # number), asked here too so that the applicant sees it with every other error at once.
        if {"party_kind", "party_name", "country"} <= data.keys():
            try:
                Party(**{key: value for key, value in self.party().items() if key != "email"}).clean()
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return data

    def party(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["party_kind"],
            "name": data["party_name"].strip(),
            "registration_number": data.get("registration_number", "").strip(),
            "country": data["country"],
            "address": data.get("address", "").strip(),
            "email": data.get("email", ""),
        }

    def case_title(self) -> str:
        return self.cleaned_data["title"]

    def case_data(self) -> dict:
        return {}

    def case_documents(self) -> list[tuple[str, object, str]]:
        """(document type, uploaded file, title) of each file to attach."""
        return []


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason or message"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )


# The case pages show several forms at once: each has its prefix, so that no two fields share an
# id (the note's "internal" label once toggled the document form's box).


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(label=_("Text of the note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)
    internal = forms.BooleanField(
        label=_("Internal assessment (never shown to the applicant)"), required=False, initial=True
    )


class CaseDocumentForm(forms.Form):
    prefix = "document"
    kind = forms.ChoiceField(label=_("Document type"))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = file_field(_("File"))
    internal = forms.BooleanField(label=_("Internal (never shown to the applicant)"), required=False)

    def __init__(self, *args, procedure, applicant: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(d.code, d.label) for d in procedure.document_types]
        if applicant:
            del self.fields["internal"]


class AnswerForm(forms.Form):
    prefix = "answer"
    version = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)
    file = file_field(_("Document"), required=False)
    kind = forms.ChoiceField(label=_("Document type"), required=False)

    def __init__(self, *args, procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(d.code, d.label) for d in procedure.document_types]


class ApplicantMessageForm(forms.Form):
    prefix = "message"
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)


class RepresentationForm(forms.Form):
    """The service registers who may act for an organisation at the counter."""

    username = forms.CharField(label=_("User name of the representative"), max_length=150)
    company_name = forms.CharField(label=_("Company or organisation"), max_length=200)
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=40, help_text=_("For a Belgian company: the enterprise number.")
    )
    country = CountryField(label=_("Country"), initial="BE")
    basis = forms.ChoiceField(label=_("On the basis of"), choices=RepresentationBasis.choices, widget=forms.RadioSelect)
    extract = file_field(
        _("Extract of the enterprise register (KBO)"),
        required=False,
        accept=".pdf",
        help_text=_("Required when the representation rests on the extract: the extract that names the person."),
    )
    extract.conditionally_required = True
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    reason = forms.CharField(label=_("Remark"), max_length=1000, required=False)

    def clean_username(self):
        user = User.objects.filter(username=self.cleaned_data["username"].strip()).first()
        if user is None:
            raise ValidationError(_("There is no account with this user name."))
        return user

    def party(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": PartyKind.ORGANISATION,
            "name": data["company_name"].strip(),
            "registration_number": data["registration_number"].strip(),
            "country": data["country"],
        }


class RevocationForm(forms.Form):
    reason = forms.CharField(label=_("Reason of the revocation"), max_length=1000)
