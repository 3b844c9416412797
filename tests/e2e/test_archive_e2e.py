"""The archive in the browser: one archivist asks for a destruction list, is refused the approval
(four eyes), another archivist strikes one record off with a reason, approves and carries out the
list; the archivist downloads an archive package with the export button. The pages pass axe-core."""

import datetime
import io
import zipfile

import pytest
from playwright.sync_api import expect

from chancery.archive.services import packages
from chancery.archive.testing import add_document, archivist, closed_case
from chancery.core.testing import PASSWORD
from chancery.procedures.models import Case

from .conftest import log_in, navigate
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def old_files(org):
    cases = [closed_case(f"CSG-2010-000{n}", datetime.date(2010, 6, n)) for n in (1, 2)]
    add_document(cases[0], org.users["secretariat"])
    return cases


def test_a_destruction_list_from_proposal_to_destruction(browser, live_server, old_files):
    archivist("t-archivaris-1"), archivist("t-archivaris-2")
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log_in(page, "t-archivaris-1", PASSWORD)
    navigate(page, "Beheer", "Archief")
    expect(page.get_by_role("heading", name="Bewaartermijnen")).to_be_visible()
    assert describe(run_axe(page)) == []
    page.get_by_role("button", name="Een vernietigingslijst voorstellen").click()
    expect(page.get_by_text("voorgesteld.")).to_be_visible()
    expect(page.locator("#items")).to_contain_text("CSG-2010-0001")
    assert describe(run_axe(page)) == []
    page.get_by_role("button", name="De lijst goedkeuren").click()
    expect(page.locator(".message--error")).to_contain_text("Vier-ogenprincipe: een andere archivaris")
    list_url = page.url

    page.get_by_role("button", name="Afmelden").click()
    log_in(page, "t-archivaris-2", PASSWORD)
    page.goto(list_url)
    row = page.locator("#items tr", has_text="CSG-2010-0002")
    row.get_by_label("Reden").fill("Voorbeelddossier voor de opleiding")
    row.get_by_role("button", name="Schrappen").click()
    expect(page.get_by_text("CSG-2010-0002 is van de lijst geschrapt.")).to_be_visible()
    page.get_by_role("button", name="De lijst goedkeuren").click()
    page.get_by_role("button", name="De vernietiging uitvoeren").click()
    expect(page.locator("#list-state")).to_have_text("Uitgevoerd")
    expect(page.get_by_text("1 stuk vernietigd")).to_be_visible()
    assert list(Case.objects.filter(reference__startswith="CSG-2010").values_list("reference", flat=True)) == [
        "CSG-2010-0002"
    ]

    page.goto("/app/archief/")
    page.get_by_label("Referentie van het dossier of filters").fill("CSG-2010-0002")
    with page.expect_download() as download:
        page.get_by_role("button", name="Naar een archiefpakket exporteren").click()
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        assert packages.MANIFEST in archive.namelist() and "CSG-2010-0002/metadata.json" in archive.namelist()
    context.close()
