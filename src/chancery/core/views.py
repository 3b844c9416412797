"""Thin views: parse, authorise (through the confidentiality layer), call a service, render."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core import audit, navigation, services, signing
from chancery.core.authz import may, require
from chancery.core.forms import (
    DocumentChangeForm,
    DocumentCreateForm,
    DocumentVersionForm,
    ReleaseForm,
)
from chancery.core.models import (
    AccessLevel,
    Document,
    DocumentKind,
    Entity,
    EntityKind,
    Mandatee,
    ReleaseState,
)
from chancery.core.once import once
from chancery.core.signing_views import CancelFlowForm, StartFlowForm
from chancery.core.views_kit import call_service, form_status, page_number, query

log = logging.getLogger(__name__)


def _visible_document(request, uuid) -> Document:
    # 404, not 403: someone not entitled must not learn that the document exists.
    return get_object_or_404(Document.objects.visible_to(request.user).select_related("owner_entity"), uuid=uuid)


def home(request):
    context = {}
    if request.user.is_authenticated:
        visible = Document.objects.visible_to(request.user)
        context["recent_documents"] = visible.select_related("owner_entity")[:8]
        context["document_count"] = visible.count()
    context["government"] = Mandatee.objects.active_on().select_related("person")
    context["panels"] = navigation.home_panels(request)
    return render(request, "core/home.html", context)


def organisation(request):
    entities = Entity.objects.filter(active=True).select_related("parent").order_by("kind", "name")
    groups = [(kind.label, [e for e in entities if e.kind == kind]) for kind in EntityKind]
    return render(
        request,
        "core/organisation.html",
        {
            "groups": [(label, items) for label, items in groups if items],
            "government": Mandatee.objects.active_on().select_related("person", "cabinet"),
        },
    )


@login_required
def document_list(request):
    documents = Document.objects.visible_to(request.user).select_related("owner_entity")
    params = query(request, soort="kind", niveau="level")  # the English names before
    text = params.get("q", "").strip()
    kind = params.get("soort", "")
    level = params.get("niveau", "")
    if text:
        documents = documents.filter(Q(title__icontains=text) | Q(description__icontains=text))
    if kind in DocumentKind.values:
        documents = documents.filter(kind=kind)
    if level in AccessLevel.values:
        documents = documents.filter(access_level=level)
    page = Paginator(documents, 25).get_page(page_number(request))
    return render(
        request,
        "core/document_list.html",
        {
            "page": page,
            "query": text,
            "kind": kind,
            "level": level,
            "kinds": DocumentKind.choices,
            "levels": AccessLevel.choices,
            "can_upload": may(request.user, "core.upload_document"),
        },
    )


@login_required
@once
def document_create(request):
    require(request.user, "core.upload_document")
    form = DocumentCreateForm(request.POST or None, request.FILES or None, user=request.user)

    def create():
        data = form.cleaned_data
        return services.create_document(
            request.user,
            title=data["title"],
            kind=data["kind"],
            access_level=data["access_level"],
            description=data["description"],
            concerned_mandatees=data["concerned_mandatees"],
            upload=data["file"],
        )

    done = call_service(request, create, form=form, field="file", success=_("The document has been stored."))
    if done:
        return done
    return render(
        request, "core/document_form.html", {"form": form, "title": _("New document")}, status=form_status(form)
    )


def _signature_checks(version) -> list | None:
    """The signatures of a version, or None when its file cannot be read. A page never fails
    because of a file's content: the upload check refuses what the readers cannot read, but a file
    stored before a check was added (or a reader's new error) must still leave the page usable.
    The parsers raise errors of every kind on hostile input, so every error is caught here."""
    if version is None:
        return []
    try:
        return signing.verify(version)
    except Exception:  # noqa: BLE001 - see the docstring; logged with its traceback
        log.exception("Version %s of document %s cannot be read", version.number, version.document_id)
        return None


@login_required
def document_detail(request, uuid):
    document = _visible_document(request, uuid)
    can_edit = may(request.user, "core.edit_document", document)
    context = {
        "document": document,
        "versions": document.versions.select_related("uploaded_by", "rendition"),
        "concerned": document.concerned_mandatees.select_related("person"),
        "can_edit": can_edit,
        "can_release": may(request.user, "core.release"),
        "version_form": DocumentVersionForm(initial={"revision": document.version_count}) if can_edit else None,
        "release_states": ReleaseState,
    }
    latest = document.latest_version
    context["signature_checks"] = _signature_checks(latest)
    context["unreadable"] = context["signature_checks"] is None
    context["flows"] = document.signing_flows.prefetch_related("requests__signer")
    if may(request.user, "core.start_signing_flow") and latest and latest.file_format == "pdf":
        context["start_flow_form"] = StartFlowForm()
    if may(request.user, "core.cancel_signing_flow"):
        context["can_cancel_flow"], context["cancel_flow_form"] = True, CancelFlowForm()
    if may(request.user, "core.read_audit_trail", document):
        context["trail"] = audit.trail_for(document, *context["versions"])[:200]
    return render(request, "core/document_detail.html", context)


@login_required
def document_add_version(request, uuid):
    document = _visible_document(request, uuid)
    require(request.user, "core.edit_document", document, _("You may not add a version to this document."))
    form = DocumentVersionForm(
        request.POST or None, request.FILES or None, initial={"revision": document.version_count}
    )
    done = call_service(
        request,
        lambda: services.add_version(
            request.user,
            document,
            form.cleaned_data["file"],
            reason=form.cleaned_data["reason"],
            expected_revision=form.cleaned_data["revision"],
        ),
        form=form,
        field="file",
        success=lambda version: _("Version %(number)d has been stored.") % {"number": version.number},
        then=document,
    )
    if done:
        return done
    return render(
        request,
        "core/document_form.html",
        {"form": form, "document": document, "title": _("New version of “%(title)s”") % {"title": document.title}},
        status=form_status(form),
    )


@login_required
def document_change(request, uuid):
    document = _visible_document(request, uuid)
    require(request.user, "core.edit_document", document)
    form = DocumentChangeForm(request.POST or None, user=request.user, document=document)

    def change():
        data = dict(form.cleaned_data)
        return services.change_document(
            request.user, document, reason=data.pop("reason"), expected_revision=data.pop("revision"), **data
        )

    def after(_changed):
        # A change of level may take the document out of the editor's sight.
        return (
            document if Document.objects.visible_to(request.user).filter(pk=document.pk).exists() else "document_list"
        )

    done = call_service(request, change, form=form, success=_("The changes have been saved."), then=after)
    if done:
        return done
    return render(
        request,
        "core/document_form.html",
        {"form": form, "document": document, "title": _("Change “%(title)s”") % {"title": document.title}},
        status=form_status(form),
    )


@login_required
@require_POST
def document_release(request, uuid):
    document = _visible_document(request, uuid)
    form = ReleaseForm(request.POST)
    return call_service(
        request,
        lambda: services.set_release_state(
            request.user, document, form.cleaned_data["state"], reason=form.cleaned_data["reason"]
        ),
        form=form,
        success=lambda _result: _("Release state: %(state)s.") % {"state": document.get_release_state_display()},
        back=document,
        invalid=_("Choose a valid release state."),
    )


def document_download(request, uuid, number):
    document = _visible_document(request, uuid)
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404(_("This version does not exist."))
    services.record_download(request.user, version)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_filename,
        content_type=version.mime_type,
    )
    response["Cache-Control"] = "private, no-store" if not document.is_public else "public, max-age=3600"
    return response


def rendition_download(request, uuid, number):
    """The PDF rendition of an office version, under the same access rule as the version."""
    document = _visible_document(request, uuid)
    version = document.versions.filter(number=number).select_related("rendition").first()
    rendition = getattr(version, "rendition", None) if version else None
    if rendition is None or not rendition.file:
        raise Http404(_("There is no PDF rendition of this version."))
    services.record_download(request.user, version)
    name = version.original_filename.rsplit(".", 1)[0] + ".pdf"
    response = FileResponse(
        rendition.file.open("rb"), as_attachment=False, filename=name, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store" if not document.is_public else "public, max-age=3600"
    return response


def health(request):
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
