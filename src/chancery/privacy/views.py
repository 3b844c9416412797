"""Pages of the privacy module: the register of processing and the data subjects' requests for
the data protection officer (/app/privacy/), the public privacy statement (/privacy/). Views are
thin: the rules live in services. Requests are sent by POST so that no identifier of a person
ends up in an address, a log or a browser's history; the answers are never cached."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from chancery.core.authz import may
from chancery.core.forms import add_service_errors
from chancery.core.pdf import html_to_pdf
from chancery.core.views_kit import form_status
from chancery.privacy import forms
from chancery.privacy.models import SubjectRequest
from chancery.privacy.services import register, subjects


def _officer(request) -> None:
    if not may(request.user, "privacy.view_register"):
        raise Http404(_("The register of processing is for the data protection officer."))


def _index(request, access_form=None, erasure_form=None, status=200):
    may_handle = may(request.user, "privacy.handle_requests")
    return render(request, "privacy/index.html", {
        "entries": register.entries(),
        "may_handle": may_handle,
        "access_form": access_form or forms.SubjectForm(),
        "erasure_form": erasure_form or forms.ErasureForm(),
        "requests": SubjectRequest.objects.visible_to(request.user).select_related("made_by")[:20],
    }, status=status)  # fmt: skip


@login_required
@never_cache
def index(request):
    _officer(request)
    return _index(request)


@login_required
@never_cache
@require_POST
def access(request):
    _officer(request)
    form = forms.SubjectForm(request.POST)
    if form.is_valid():
        try:
            export = subjects.subject_access(request.user, form.cleaned_data["query"])
        except ValidationError as exc:
            add_service_errors(form, exc, "query")
        else:
            wanted = request.POST.get("format", "html")
            name = f"inzage-{export['request']}"
            if wanted == "json":
                response = HttpResponse(
                    json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                    content_type="application/json; charset=utf-8",
                )
                response["Content-Disposition"] = f'attachment; filename="{name}.json"'
                return response
            if wanted == "pdf":
                html = render_to_string("privacy/export_pdf.html", {"export": export}, request=request)
                response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
                response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
                return response
            return render(request, "privacy/export.html", {"export": export})
    return _index(request, access_form=form, status=form_status(form))


@login_required
@never_cache
@require_POST
def erase(request):
    _officer(request)
    form = forms.ErasureForm(request.POST)
    if form.is_valid():
        try:
            result = subjects.pseudonymise(request.user, form.cleaned_data["query"])
        except ValidationError as exc:
            add_service_errors(form, exc, "query")
        else:
            return render(request, "privacy/erasure.html", {"result": result})
    return _index(request, erasure_form=form, status=form_status(form))


def statement(request):
    """The public privacy statement, made from the register."""
    return render(request, "privacy/statement.html", {"entries": register.entries(public_only=True)})
