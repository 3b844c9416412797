"""Screens of the signing flow: start one on a document, the signer's inbox, sign or refuse, cancel."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chancery.core import signing
from chancery.core.authz import require
from chancery.core.models import Document, SignatureRequest, SigningFlow, User
from chancery.core.views_kit import call_service


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


class CancelFlowForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why is the signing flow cancelled?"), max_length=500)


def _signed_message(version) -> str:
    """Say which PAdES level was produced: B-B (no time stamp) is legal but weaker, so the signer
    and the secretariat should know when no time-stamp authority is configured."""
    if signing.pades_level_produced() == "B-B":
        return _("Signed (PAdES B-B: no time-stamp authority is configured, so the signature has no time stamp).")
    return _("Signed (PAdES %(level)s, time-stamped).") % {"level": signing.pades_level_produced()}


@login_required
@require_POST
def start_flow(request, uuid):
    document = get_object_or_404(Document.objects.visible_to(request.user), uuid=uuid)
    require(request.user, "core.start_signing_flow")
    form = StartFlowForm(request.POST)
    return call_service(
        request,
        lambda: signing.start_flow(request.user, document, form.signers()),
        form=form,
        success=_("The signing flow has started."),
        back=document,
        invalid=_("Choose at least one signer."),
    )


@login_required
def inbox(request):
    return render(request, "core/signing_inbox.html", {"requests": signing.inbox(request.user)})


@login_required
def act(request, pk):
    signature = get_object_or_404(SignatureRequest.objects.select_related("flow__document"), pk=pk, signer=request.user)
    sign_form, refuse_form = SignForm(), RefuseForm()
    done = None
    if request.method == "POST" and "refuse" in request.POST:
        refuse_form = RefuseForm(request.POST)
        done = call_service(
            request,
            lambda: signing.refuse(request.user, signature, refuse_form.cleaned_data["reason"]),
            form=refuse_form,
            success=_("You refused to sign."),
            then="signing_inbox",
        )
    elif request.method == "POST":
        sign_form = SignForm(request.POST)
        done = call_service(
            request,
            lambda: signing.sign(request.user, signature, sign_form.cleaned_data["passphrase"]),
            form=sign_form,
            success=_signed_message,
            then="signing_inbox",
        )
    if done:
        return done
    return render(
        request,
        "core/signing_act.html",
        {"signature": signature, "sign_form": sign_form, "refuse_form": refuse_form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def cancel_flow(request, pk):
    flow = get_object_or_404(SigningFlow.objects.select_related("document"), pk=pk)
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=flow.document_id)
    require(request.user, "core.cancel_signing_flow", flow)
    form = CancelFlowForm(request.POST)
    return call_service(
        request,
        lambda: signing.cancel(request.user, flow, form.cleaned_data["reason"]),
        form=form,
        success=_("The signing flow has been cancelled."),
        back=document,
    )
