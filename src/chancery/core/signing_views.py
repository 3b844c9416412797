"""Screens of the signing flow: start one on a document, the signer's inbox, sign or refuse."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chancery.core import signing
from chancery.core.authz import require
from chancery.core.models import Document, SignatureRequest, User


class SignerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class StartFlowForm(forms.Form):
    """Up to three signers, in the order they sign (e.g. the Minister-President, then the minister)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        signers = User.objects.filter(signing_credential__isnull=False, is_active=True).order_by("last_name")
        for n in (1, 2, 3):
            self.fields[f"signer_{n}"] = SignerChoiceField(
                label=gettext_lazy("Signer %(n)d") % {"n": n}, queryset=signers, required=n == 1
            )

    def signers(self) -> list:
        return [self.cleaned_data[f"signer_{n}"] for n in (1, 2, 3) if self.cleaned_data.get(f"signer_{n}")]


class SignForm(forms.Form):
    passphrase = forms.CharField(label=gettext_lazy("Signing passphrase"), widget=forms.PasswordInput)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why do you refuse to sign?"), max_length=500)


@login_required
@require_POST
def start_flow(request, uuid):
    document = get_object_or_404(Document.objects.visible_to(request.user), uuid=uuid)
    require(request.user, "core.start_signing_flow")
    form = StartFlowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one signer."))
        return redirect(document)
    try:
        signing.start_flow(request.user, document, form.signers())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The signing flow has started."))
    return redirect(document)


@login_required
def inbox(request):
    return render(request, "core/signing_inbox.html", {"requests": signing.inbox(request.user)})


@login_required
def act(request, pk):
    signature = get_object_or_404(SignatureRequest.objects.select_related("flow__document"), pk=pk, signer=request.user)
    sign_form, refuse_form = SignForm(), RefuseForm()
    if request.method == "POST":
        try:
            if "refuse" in request.POST:
                refuse_form = RefuseForm(request.POST)
                if refuse_form.is_valid():
                    signing.refuse(request.user, signature, refuse_form.cleaned_data["reason"])
                    messages.success(request, _("You refused to sign."))
                    return redirect("signing_inbox")
            else:
                sign_form = SignForm(request.POST)
                if sign_form.is_valid():
                    signing.sign(request.user, signature, sign_form.cleaned_data["passphrase"])
                    messages.success(request, _("Signed."))
                    return redirect("signing_inbox")
        except ValidationError as exc:
            target = refuse_form if "refuse" in request.POST else sign_form
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    target.add_error(field if field in target.fields else None, errors)
            else:
                target.add_error(None, exc)
    return render(
        request,
        "core/signing_act.html",
        {"signature": signature, "sign_form": sign_form, "refuse_form": refuse_form},
        status=400 if request.method == "POST" else 200,
    )
