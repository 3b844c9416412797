"""The applicant's form for every procedure (issue 14): countries picked by their Dutch name, files
kept across a form shown again with its errors, and drafts ("Opslaan als ontwerp")."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.core import pending
from chancery.core.models import AuditEntry, PendingUpload
from chancery.core.testing import form_markup_problems
from chancery.procedures.models import ApplicationDraft, Case
from chancery.procedures.services import drafts
from chancery.procedures.testing import pdf
from chancery.procedures.tests.test_pages import form_fields

APPLY = reverse("counter:apply", args=["CSG"])


@pytest.fixture
def as_applicant(client, applicant):
    client.force_login(applicant)
    return client


def kept_key(page: str, field: str = "end_user_certificate") -> str:
    return re.search(rf'name="{field}-kept" value="([0-9a-f-]+)"', page).group(1)


def stored(document_store, prefix="pending"):
    folder = document_store / prefix
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- countries ----------------------------------------------------------------------------------


def test_the_form_offers_the_countries_by_their_dutch_names(as_applicant):
    page = as_applicant.get(APPLY).content.decode()
    names = re.findall(r'<option value="([^"]+)"></option>', page)
    assert len(names) > 240 and {"Duitsland", "Japan", "Verenigde Staten van Amerika", "IJsland"} <= set(names)
    assert names.index("Albanië") < names.index("Algerije") < names.index("Zwitserland")  # sorted in Dutch
    assert 'list="country-names"' in page and 'value="België"' in page  # the party's country, by name
    assert "ISO-code" not in page
    assert form_markup_problems(page) == []


def test_countries_chosen_by_name_are_stored_as_codes(as_applicant, team):
    response = as_applicant.post(
        APPLY,
        form_fields(
            country="België", consignee_country="Verenigde Staten van Amerika", end_user_country="japan",
            destination_country="Japan", transit_countries=["Duitsland", "", "fr"],
        ),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Case.objects.get().strategic_application
    assert (application.consignee_country, application.end_user_country) == ("US", "JP")
    assert application.destination_country == "JP" and application.transit_countries == ["DE", "FR"]
    assert Case.objects.get().applicant.country == "BE"


def test_an_unknown_country_is_refused_in_dutch_and_nothing_is_stored(as_applicant, team):
    response = as_applicant.post(APPLY, form_fields(destination_country="XX", transit_countries="Narnia"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Land van bestemming: “XX” is geen land dat we kennen: kies het uit de lijst" in page
    assert "Doorvoerland: “Narnia” is geen land dat we kennen" in page
    assert 'value="Narnia"' in page  # shown again as typed
    assert not Case.objects.exists()


# --- files kept across a form shown again -------------------------------------------------------


def test_a_file_is_kept_after_a_validation_error_and_used_on_resubmission(
    as_applicant, applicant, team, document_store, django_capture_on_commit_callbacks
):
    wrong = form_fields(**{"goods-0-control_list_code": "5A992"}, end_user_certificate=pdf("verklaring-ok.pdf"))
    response = as_applicant.post(APPLY, wrong)
    page = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "Al bijgevoegd: <strong>verklaring-ok.pdf</strong>" in page
    assert "kies een ander bestand om het te vervangen" in page
    assert form_markup_problems(page) == []
    kept = PendingUpload.objects.get()
    assert kept.user == applicant and kept.filename == "verklaring-ok.pdf" and len(stored(document_store)) == 1

    fixed = form_fields()
    del fixed["end_user_certificate"]
    fixed["end_user_certificate-kept"] = kept_key(page)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_applicant.post(APPLY, fixed)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Case.objects.get().documents.get(kind="end_user_certificate").document
    assert document.versions.get().original_filename == "verklaring-ok.pdf"
    assert not PendingUpload.objects.exists() and stored(document_store) == []  # used: no longer kept


def test_a_new_file_replaces_the_kept_one(as_applicant, team):
    page = as_applicant.post(APPLY, form_fields(title="")).content.decode()
    fields = form_fields(end_user_certificate=pdf("nieuw.pdf"))
    fields["end_user_certificate-kept"] = kept_key(page)
    assert as_applicant.post(APPLY, fields).status_code == 302
    assert Case.objects.get().documents.get().document.versions.get().original_filename == "nieuw.pdf"


def test_a_refused_file_is_not_kept(as_applicant, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("verklaring.pdf", b"not a pdf at all", content_type="application/pdf")
    page = as_applicant.post(APPLY, form_fields(end_user_certificate=fake)).content.decode()
    assert "Al bijgevoegd" not in page and not PendingUpload.objects.exists()


def test_another_user_cannot_use_a_kept_file(client, as_applicant, applicant, other_applicant, handler, org, team):
    page = as_applicant.post(APPLY, form_fields(title="")).content.decode()
    key = kept_key(page)
    for reader in (other_applicant, handler, org.users["admin"], org.users["secretariat"]):
        assert PendingUpload.objects.visible_to(reader).count() == 0
    assert PendingUpload.objects.visible_to(applicant).count() == 1

    client.force_login(other_applicant)
    fields = form_fields(party_name="Andere Onderneming BV", registration_number="0203.040.596")
    del fields["end_user_certificate"]
    fields["end_user_certificate-kept"] = key
    response = client.post(APPLY, fields)
    page = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "Al bijgevoegd" not in page and key not in page
    assert pending.find(other_applicant, key) is None and pending.find(applicant, key) is not None


def test_abandoned_kept_files_expire_and_are_purged(
    as_applicant, applicant, team, document_store, django_capture_on_commit_callbacks
):
    page = as_applicant.post(APPLY, form_fields(title="")).content.decode()
    key = kept_key(page)
    held = pending.keep(applicant, pdf("ontwerp.pdf"))
    pending.hold([held])
    PendingUpload.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert pending.find(applicant, key) is None  # expired: no longer found
    assert pending.find(applicant, held.key) is not None  # held by a draft: does not expire
    with django_capture_on_commit_callbacks(execute=True):
        assert pending.purge_expired.call() == 1
    assert list(PendingUpload.objects.values_list("key", flat=True)) == [held.key]
    assert stored(document_store) == [f"{held.key}"]


# --- drafts -------------------------------------------------------------------------------------


def test_a_draft_is_saved_without_its_checks_listed_resumed_and_submitted(
    as_applicant, applicant, team, document_store, django_capture_on_commit_callbacks
):
    partial = {
        "action": "draft", "party_kind": "organisation", "party_name": "Precisie Optiek NV",
        "title": "Uitvoer naar Japan", "destination_country": "Japan", "transit_countries": ["Duitsland"],
        "goods-TOTAL_FORMS": "1", "goods-INITIAL_FORMS": "0", "goods-0-description": "Camera's",
        "end_user_certificate": pdf("verklaring.pdf"), "form_token": "not-a-token",
    }  # fmt: skip
    response = as_applicant.post(APPLY, partial)
    draft = ApplicationDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("counter:index") + f"#draft-{draft.pk}"
    assert draft.user == applicant and draft.procedure == "CSG" and draft.title == "Uitvoer naar Japan"
    assert "form_token" not in draft.fields and "action" not in draft.fields
    assert not Case.objects.exists()
    assert PendingUpload.objects.get().held
    assert AuditEntry.objects.filter(content_type__model="applicationdraft", action="create").exists()

    index = as_applicant.get(reverse("counter:index")).content.decode()
    assert "Ontwerpen" in index and "Uitvoer naar Japan" in index
    assert reverse("counter:draft", args=[draft.pk]) in index

    resumed = as_applicant.get(reverse("counter:draft", args=[draft.pk]))
    page = resumed.content.decode()
    assert resumed.status_code == 200
    assert 'value="Uitvoer naar Japan"' in page and 'value="Japan"' in page and 'value="Duitsland"' in page
    assert "Camera&#x27;s" in page or "Camera's" in page
    assert "Al bijgevoegd: <strong>verklaring.pdf</strong>" in page
    assert "errorlist" not in page  # shown as saved, not checked
    assert form_markup_problems(page) == []

    # Submitting the resumed draft: the checks run now; the kept file goes along.
    fields = form_fields(title="Uitvoer naar Japan", destination_country="Japan", consignee_country="Japan",
                         end_user_country="Japan")  # fmt: skip
    del fields["end_user_certificate"]
    fields["end_user_certificate-kept"] = kept_key(page)
    fields["goods-0-control_list_code"] = "nope"
    again = as_applicant.post(reverse("counter:draft", args=[draft.pk]), fields)
    assert again.status_code == 400 and "Al bijgevoegd" in again.content.decode()
    assert ApplicationDraft.objects.exists() and not Case.objects.exists()
    fields["goods-0-control_list_code"] = "6A003"
    with django_capture_on_commit_callbacks(execute=True):
        done = as_applicant.post(reverse("counter:draft", args=[draft.pk]), fields)
    case = Case.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("counter:case", args=[case.reference])
    assert case.state == "submitted" and case.strategic_application.destination_country == "JP"
    assert case.documents.get().document.versions.get().original_filename == "verklaring.pdf"
    assert not ApplicationDraft.objects.exists() and not PendingUpload.objects.exists()
    assert stored(document_store) == []


def test_a_draft_is_saved_again_and_deleted(
    as_applicant, applicant, team, document_store, django_capture_on_commit_callbacks
):
    as_applicant.post(APPLY, {"action": "draft", "title": "Eerste", "end_user_certificate": pdf("a.pdf")})
    draft = ApplicationDraft.objects.get()
    page = as_applicant.get(reverse("counter:draft", args=[draft.pk])).content.decode()
    # Saved again with another file: the draft holds the new one, the old one goes.
    with django_capture_on_commit_callbacks(execute=True):
        response = as_applicant.post(
            reverse("counter:draft", args=[draft.pk]),
            {"action": "draft", "title": "Tweede", "end_user_certificate": pdf("b.pdf"),
             "end_user_certificate-kept": kept_key(page)},
        )  # fmt: skip
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Tweede" and ApplicationDraft.objects.count() == 1
    assert [p.filename for p in PendingUpload.objects.all()] == ["b.pdf"] and len(stored(document_store)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = as_applicant.post(reverse("counter:draft_delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not ApplicationDraft.objects.exists() and not PendingUpload.objects.exists()
    assert stored(document_store) == []
    assert AuditEntry.objects.filter(content_type__model="applicationdraft", action="delete").exists()
    assert as_applicant.get(reverse("counter:draft", args=[draft.pk])).status_code == 404


def test_a_draft_is_its_authors_alone(client, applicant, other_applicant, handler, org, team):
    draft = drafts.save_draft(applicant, _csg(), fields={
        "title": ["Geheim plan"]}, title="Geheim plan")  # fmt: skip
    others = [other_applicant, handler, *(org.users[k] for k in ("admin", "secretariat", "civil_servant"))]
    for user in others:
        assert ApplicationDraft.objects.visible_to(user).count() == 0
        client.force_login(user)
        assert client.get(reverse("counter:draft", args=[draft.pk])).status_code == 404
        assert client.post(reverse("counter:draft_delete", args=[draft.pk])).status_code in (403, 404)
    client.force_login(handler)
    assert "Geheim plan" not in client.get(reverse("procedures:inbox")).content.decode()
    assert ApplicationDraft.objects.visible_to(applicant).get() == draft
    # Not a case: the API of cases shows it to nobody, its author included.
    for user in (applicant, handler, org.users["admin"]):
        api = APIClient()
        _token, key = ApiToken.issue(user, ["read-public", "read-internal"], name="test")
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = api.get(reverse("api:case-list"))
        assert response.status_code == 200 and "Geheim plan" not in response.content.decode()


def test_only_applicants_save_drafts(client, handler, team):
    client.force_login(handler)
    response = client.post(APPLY, {"action": "draft", "title": "Van een behandelaar"})
    assert response.status_code == 403 and not ApplicationDraft.objects.exists()


def test_a_draft_for_a_company_one_does_not_represent_is_not_submitted(client, other_applicant, team):
    client.force_login(other_applicant)
    client.post(APPLY, {"action": "draft", "title": "Voor een ander", "party_name": "Precisie Optiek NV"})
    draft = ApplicationDraft.objects.get()
    response = client.post(reverse("counter:draft", args=[draft.pk]), form_fields())  # the tests' company
    assert response.status_code == 400 and not Case.objects.exists()
    assert ApplicationDraft.objects.filter(pk=draft.pk).exists()


def _csg():
    from chancery.procedures import registry

    return registry.get("CSG")
