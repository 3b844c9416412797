from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chancery.core import permissions
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
