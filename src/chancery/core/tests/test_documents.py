"""The document store: immutable versions, checksums, grants, release states, and their trail."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from chancery.core import samples, services
from chancery.core.models import AccessLevel, AuditAction, AuditEntry, Document, DocumentVersion, ReleaseState
from chancery.core.testing import pdf_upload, upload


def test_new_upload_is_version_n_plus_one_and_nothing_is_overwritten(org, stored_files):
    cabinet = org.users["cabinet_concerned"]
    document = services.create_document(cabinet, title="Nota", upload=pdf_upload("v1.pdf", "eerste versie"))
    first = document.versions.get()
    first_bytes = first.file.open("rb").read()
    second = services.add_version(cabinet, document, pdf_upload("v2.pdf", "tweede versie"), reason="correctie")
    third = services.add_version(cabinet, document, upload("v3.docx", samples.make_docx("derde versie")))
    assert [v.number for v in document.versions.order_by("number")] == [1, 2, 3]
    assert Document.objects.get(pk=document.pk).version_count == 3
    assert document.latest_version == third
    # The first version is untouched, byte for byte.
    first.refresh_from_db()
    assert first.file.open("rb").read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert second.sha256 != first.sha256
    assert len(stored_files()) == 3


def test_versions_are_immutable(org):
    document = services.create_document(org.users["secretariat"], title="Nota", upload=pdf_upload())
    version = document.versions.get()
    version.original_filename = "anders.pdf"
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    with pytest.raises(ValueError, match="never deleted"):
        version.delete()
    assert DocumentVersion.objects.get().original_filename == "nota.pdf"


def test_same_content_is_stored_once(org, stored_files):
    user = org.users["secretariat"]
    services.create_document(user, title="A", upload=pdf_upload("a.pdf", "dezelfde inhoud"))
    services.create_document(user, title="B", upload=pdf_upload("b.pdf", "dezelfde inhoud"))
    assert DocumentVersion.objects.count() == 2
    assert len(stored_files()) == 1
    assert len(set(DocumentVersion.objects.values_list("file", flat=True))) == 1


def test_creating_and_versioning_is_in_the_audit_trail(org):
    user = org.users["civil_servant"]
    document = services.create_document(
        user, title="Verslag", access_level=AccessLevel.INTERNAL_GOVERNMENT, upload=pdf_upload()
    )
    services.add_version(user, document, pdf_upload("v2.pdf", "nieuw"), reason="cijfers bijgewerkt")
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.action, e.content_type.model) for e in entries] == [
        (AuditAction.CREATE, "document"),
        (AuditAction.CREATE, "documentversion"),
        (AuditAction.CREATE, "documentversion"),
    ]
    assert all(e.actor == user for e in entries)
    assert entries[0].after["title"] == "Verslag"
    assert entries[2].after["number"] == 2
    assert entries[2].reason == "cijfers bijgewerkt"


def test_changing_the_level_needs_a_reason_and_keeps_before_and_after(org):
    secretariat = org.users["secretariat"]
    document = services.create_document(
        secretariat, title="Nota", access_level=AccessLevel.INTERNAL_COUNCIL, upload=pdf_upload()
    )
    with pytest.raises(ValidationError):
        services.change_document(secretariat, document, reason=" ", access_level=AccessLevel.PUBLIC)
    assert Document.objects.get().access_level == AccessLevel.INTERNAL_COUNCIL
    services.change_document(secretariat, document, reason="Beslist tot openbaarheid", access_level=AccessLevel.PUBLIC)
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert entry.before["access_level"] == "internal_council"
    assert entry.after["access_level"] == "public"
    assert entry.reason == "Beslist tot openbaarheid"
    assert ("access_level", "internal_council", "public") in entry.changed_fields
    assert ("toegangsniveau", "Intern Regering", "Publiek") in entry.changes


def test_nobody_but_the_secretariat_gives_internal_secretariat(org):
    with pytest.raises(ValidationError):
        services.create_document(
            org.users["cabinet_concerned"],
            title="X",
            access_level=AccessLevel.INTERNAL_SECRETARIAT,
            upload=pdf_upload(),
        )
    assert Document.objects.count() == 0


def test_a_confidential_author_keeps_access_to_their_document(org):
    cabinet = org.users["cabinet_other"]
    document = services.create_document(
        cabinet, title="Vertrouwelijk", access_level=AccessLevel.CONFIDENTIAL, upload=pdf_upload()
    )
    assert document.is_visible_to(cabinet)
    assert document.is_visible_to(org.users["minister_other"])  # their minister is concerned
    assert not document.is_visible_to(org.users["cabinet_concerned"])  # the other cabinet is not


def test_outsiders_cannot_upload_and_strangers_cannot_add_versions(org):
    for role in ("expert", "applicant"):
        with pytest.raises(PermissionDenied):
            services.create_document(org.users[role], title="X", access_level=AccessLevel.PUBLIC, upload=pdf_upload())
    document = services.create_document(org.users["cabinet_concerned"], title="Nota", upload=pdf_upload())
    # Minister B's cabinet sees internal_council documents but does not own this one.
    with pytest.raises(PermissionDenied):
        services.add_version(org.users["cabinet_other"], document, pdf_upload("v2.pdf", "x"))
    assert document.versions.count() == 1


def test_release_goes_planned_confirmed_released_and_is_final(org):
    secretariat = org.users["secretariat"]
    document = services.create_document(
        secretariat, title="Persbericht", access_level=AccessLevel.PUBLIC, upload=pdf_upload()
    )
    with pytest.raises(ValidationError):
        services.set_release_state(secretariat, document, ReleaseState.RELEASED)  # not confirmed yet
    with pytest.raises(PermissionDenied):
        services.set_release_state(org.users["minister_concerned"], document, ReleaseState.CONFIRMED)
    services.set_release_state(secretariat, document, ReleaseState.CONFIRMED)
    services.set_release_state(secretariat, document, ReleaseState.RELEASED)
    document.refresh_from_db()
    assert document.release_state == ReleaseState.RELEASED and document.released_at is not None
    with pytest.raises(ValidationError):
        services.set_release_state(secretariat, document, ReleaseState.PLANNED)
    states = [
        e.after["release_state"] for e in AuditEntry.objects.filter(action=AuditAction.STATE_CHANGE).order_by("pk")
    ]
    assert states == ["confirmed", "released"]


def test_downloads_of_protected_files_are_audited(client, org):
    secretariat = org.users["secretariat"]
    confidential = services.create_document(
        secretariat,
        title="Geheim",
        access_level=AccessLevel.CONFIDENTIAL,
        upload=pdf_upload(),
        concerned_mandatees=[org.mandatees["a"]],
    )
    public = services.create_document(
        secretariat, title="Open", access_level=AccessLevel.PUBLIC, upload=pdf_upload("o.pdf", "open")
    )
    services.set_release_state(secretariat, public, ReleaseState.CONFIRMED)
    services.set_release_state(secretariat, public, ReleaseState.RELEASED)
    minister = org.users["minister_concerned"]
    client.force_login(minister)
    assert client.get(confidential.versions.get().get_download_url()).status_code == 200
    assert client.get(public.versions.get().get_download_url()).status_code == 200
    downloads = AuditEntry.objects.filter(action=AuditAction.DOWNLOAD)
    assert [(d.actor, d.object_id) for d in downloads] == [(minister, str(confidential.versions.get().pk))]


def test_document_pages_show_versions_and_trail_to_the_entitled(client, org):
    secretariat = org.users["secretariat"]
    document = services.create_document(
        secretariat, title="Nota", access_level=AccessLevel.INTERNAL_COUNCIL, upload=pdf_upload()
    )
    services.add_version(secretariat, document, pdf_upload("nota-v2.pdf", "tweede"), reason="Tweede lezing")
    client.force_login(org.users["cabinet_other"])
    html = client.get(document.get_absolute_url()).content.decode()
    assert "nota-v2.pdf" in html and "Audittrail" in html and "Tweede lezing" in html
    # An expert named on the document sees it, but the trail is for the administration.
    services.change_document(secretariat, document, reason="Expert betrokken", named_users=[org.users["expert"]])
    client.force_login(org.users["expert"])
    html = client.get(document.get_absolute_url()).content.decode()
    assert "nota-v2.pdf" in html and "Audittrail" not in html


def test_change_form_through_the_web(client, org):
    secretariat = org.users["secretariat"]
    document = services.create_document(
        secretariat, title="Oud", access_level=AccessLevel.INTERNAL_COUNCIL, upload=pdf_upload()
    )
    client.force_login(secretariat)
    url = reverse("document_change", args=[document.uuid])
    fields = {"title": "Nieuw", "kind": "note", "access_level": "public", "description": "", "revision": 1}
    response = client.post(url, {**fields, "reason": ""})
    assert response.status_code == 400
    assert Document.objects.get().title == "Oud"
    response = client.post(url, {**fields, "reason": "Titel verbeterd"})
    assert response.status_code == 302
    assert Document.objects.get().title == "Nieuw"


def test_a_stale_change_form_is_refused_and_changes_nothing(client, org):
    """Two editors open the change form; the second to save worked on what the first replaced, and
    would silently reset the access level (internal_secretariat → internal_council, issue 13)."""
    secretariat = org.users["secretariat"]
    document = services.create_document(
        secretariat, title="Nota", access_level=AccessLevel.INTERNAL_SECRETARIAT, upload=pdf_upload()
    )
    client.force_login(secretariat)
    url = reverse("document_change", args=[document.uuid])
    seen = client.get(url).context["form"]["revision"].value()
    first = {"title": "Nota (herzien)", "kind": "note", "access_level": "internal_secretariat", "description": ""}
    assert client.post(url, {**first, "revision": seen, "reason": "Titel"}).status_code == 302
    stale = {"title": "Nota", "kind": "note", "access_level": "internal_council", "description": "", "reason": "x"}
    response = client.post(url, {**stale, "revision": seen})
    assert response.status_code == 400
    assert "Iemand anders heeft dit stuk intussen gewijzigd" in response.content.decode()
    document.refresh_from_db()
    assert (document.title, document.access_level) == ("Nota (herzien)", AccessLevel.INTERNAL_SECRETARIAT)
    fresh = client.get(url).context["form"]["revision"].value()
    assert client.post(url, {**stale, "revision": fresh}).status_code == 302


def test_the_change_service_refuses_a_stale_revision(org):
    secretariat = org.users["secretariat"]
    document = services.create_document(secretariat, title="Nota", upload=pdf_upload())
    seen = document.revision
    services.change_document(secretariat, document, reason="r", title="Een", expected_revision=seen)
    with pytest.raises(ValidationError) as refused:
        services.change_document(secretariat, document, reason="r", title="Twee", expected_revision=seen)
    assert refused.value.code == "conflict"
    assert Document.objects.get().title == "Een"


def test_a_stale_new_version_form_is_refused_and_stores_nothing(client, org):
    """Two editors open "new version" on version 1; the second's file would silently become the one
    in force over the first one's version 2, which its uploader never saw."""
    secretariat = org.users["secretariat"]
    document = services.create_document(secretariat, title="Nota", upload=pdf_upload())
    client.force_login(secretariat)
    url = reverse("document_add_version", args=[document.uuid])
    seen = client.get(url).context["form"]["revision"].value()
    assert seen == 1
    assert client.post(url, {"file": pdf_upload("nota-2.pdf", "Versie twee"), "revision": seen}).status_code == 302
    response = client.post(url, {"file": pdf_upload("nota-b.pdf", "Versie b"), "revision": seen})
    assert response.status_code == 400
    assert "Iemand anders heeft intussen een nieuwe versie van dit stuk opgeslagen" in response.content.decode()
    assert document.versions.count() == 2 and Document.objects.get().version_count == 2
    with pytest.raises(ValidationError) as refused:
        services.add_version(secretariat, document, pdf_upload("nota-c.pdf", "Versie c"), expected_revision=seen)
    assert refused.value.code == "conflict" and document.versions.count() == 2
    fresh = client.get(url).context["form"]["revision"].value()
    assert client.post(url, {"file": pdf_upload("nota-b.pdf", "Versie b"), "revision": fresh}).status_code == 302
    assert document.versions.count() == 3
