"""The archive's pages through the web (/app/archief/): the periods with their sources, proposing,
striking, approving (four eyes) and carrying out a list, a legal hold, the export button's zip; the
pages are for archivists and the secretariat only, and refusals are in Dutch."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from chancery.archive.models import DestructionList, ItemState, LegalHold, ListState
from chancery.archive.services import packages
from chancery.archive.testing import add_document, closed_case
from chancery.procedures.models import Case


@pytest.fixture
def old_files(org):
    cases = [closed_case(f"CSG-2010-000{n}", datetime.date(2010, 6, n)) for n in (1, 2)]
    add_document(cases[0], org.users["secretariat"])
    return cases


def _messages(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


def test_outsiders_do_not_reach_the_archive(client, org):
    for role in ("civil_servant", "minister_concerned", "expert", "applicant"):
        client.force_login(org.users[role])
        assert client.get(reverse("archive:index")).status_code == 403
        assert client.post(reverse("archive:propose")).status_code == 403
    client.logout()
    assert client.get(reverse("archive:index")).status_code == 302  # to the login page


def test_the_index_shows_every_period_with_its_source(client, archivists):
    client.force_login(archivists[0])
    page = client.get(reverse("archive:index")).content.decode()
    assert "Bewaartermijnen" in page and "Archiefdecreet van 9 juli 2010" in page and "te verifiëren" in page
    assert "Dossiers: vergunningsaanvragen voor strategische goederen" in page and "blijvend" in page


def test_propose_strike_approve_and_carry_out_through_the_pages(client, archivists, old_files):
    proposer, approver = archivists
    client.force_login(proposer)
    response = client.post(reverse("archive:propose"))
    the_list = DestructionList.objects.get()
    assert response.status_code == 302 and response.url == the_list.get_absolute_url()
    page = client.get(the_list.get_absolute_url()).content.decode()
    assert "CSG-2010-0001" in page and "CSG-2010-0002" in page and "Geheim onderwerp" not in page
    response = client.post(reverse("archive:approve", args=[the_list.number]), follow=True)
    assert "Vier-ogenprincipe" in _messages(response)
    first, second = the_list.items.order_by("identifier")
    client.force_login(approver)
    response = client.post(reverse("archive:strike", args=[the_list.number, second.pk]), {"reason": ""}, follow=True)
    assert "Zeg waarom" in _messages(response)
    client.post(reverse("archive:strike", args=[the_list.number, second.pk]), {"reason": "Voorbeelddossier"})
    client.post(reverse("archive:approve", args=[the_list.number]))
    client.post(reverse("archive:carry_out", args=[the_list.number]))
    the_list.refresh_from_db()
    assert the_list.state == ListState.CARRIED_OUT
    assert [i.state for i in the_list.items.order_by("identifier")] == [ItemState.DESTROYED, ItemState.STRUCK]
    assert list(Case.objects.filter(reference__startswith="CSG-2010").values_list("reference", flat=True)) == [
        "CSG-2010-0002"
    ]
    assert "1 stuk vernietigd" in client.get(the_list.get_absolute_url()).content.decode()


def test_a_legal_hold_through_the_page_in_dutch(client, org, archivists, old_files):
    client.force_login(org.users["secretariat"])
    response = client.post(reverse("archive:place_hold"), {"hold-identifier": "XYZ-1", "hold-reason": "Rechtszaak"},
                           follow=True)  # fmt: skip
    assert "Er is geen dossier of document „XYZ-1”" in _messages(response)
    client.post(reverse("archive:place_hold"), {"hold-identifier": "CSG-2010-0001", "hold-reason": "Rechtszaak"})
    hold = LegalHold.objects.get()
    assert "CSG-2010-0001" in client.get(reverse("archive:index")).content.decode()
    assert client.post(reverse("archive:lift_hold", args=[hold.pk]), {"reason": "klaar"}).status_code == 403
    client.force_login(archivists[0])
    client.post(reverse("archive:lift_hold", args=[hold.pk]), {"reason": "Zaak afgesloten"})
    hold.refresh_from_db()
    assert hold.lifted_by == archivists[0]


def test_the_export_button_gives_a_zip_with_its_manifest(client, archivists, old_files):
    client.force_login(archivists[0])
    response = client.post(reverse("archive:export"), {"export-spec": "CSG-2010-0001"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        names = archive.namelist()
        assert packages.MANIFEST in names and "CSG-2010-0001/metadata.xml" in names
    response = client.post(reverse("archive:export"), {"export-spec": "procedure=XYZ"}, follow=True)
    assert "Er is geen procedure „XYZ”" in _messages(response)
