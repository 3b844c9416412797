"""Issue 13 in a real browser: a signer signs (PAdES B-LT, time-stamped); the document page shows
the signature valid with its level and time stamp, then as changed after signing once an unsigned
update writes on page 1; the secretariat cancels a flow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chancery.core import services, signing
from chancery.core.testing import PASSWORD, pdf_upload, signing_authority
from chancery.core.tests.test_pades import stamp_on_page_one

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASS = "mijn-handtekening-42"


def test_sign_see_it_valid_then_changed_and_cancel_a_flow(page, org, settings, tmp_path, artifacts):
    authority = signing_authority(tmp_path, settings)
    signer, secretariat = org.users["minister_concerned"], org.users["secretariat"]
    signing.register_credential(signer, *authority.issue("Anna Aerts", PASS))
    decision = services.create_document(
        secretariat, title="Beslissing", kind="decision", access_level="internal_council",
        upload=pdf_upload("beslissing.pdf", "De Vlaamse Regering beslist."),
    )  # fmt: skip
    signing.start_flow(secretariat, decision, [signer])

    log_in(page, signer.username, PASSWORD)
    page.goto("/handtekeningen/")
    page.get_by_role("link", name="Beslissing").click()
    page.get_by_label("Wachtzin voor de handtekening").fill(PASS)
    page.get_by_role("button", name="Ondertekenen", exact=True).click()
    page.get_by_text("Ondertekend (PAdES B-LT, met tijdstempel).").wait_for()

    page.goto(decision.get_absolute_url())
    signatures = page.locator("ul.signature-checks")
    assert "geldig en vertrouwd" in signatures.inner_text() and "PAdES B-LT, tijdstempel" in signatures.inner_text()
    assert describe(run_axe(page)) == []

    signed = decision.latest_version.file.open("rb").read()
    services.add_version(
        secretariat, decision, SimpleUploadedFile("gewijzigd.pdf", stamp_on_page_one(signed)), reason="Gewijzigd"
    )
    page.reload()
    text = signatures.inner_text()
    assert "GEWIJZIGD na ondertekening" in text and "pagina 1: de inhoud werd gewijzigd" in text
    assert "geldig en vertrouwd" not in text
    page.screenshot(path=str(artifacts / "signature-changed-after-signing.png"), full_page=True)

    page.context.clear_cookies()
    log_in(page, secretariat.username, PASSWORD)
    page.goto(decision.get_absolute_url())
    signing.start_flow(secretariat, decision, [signer])
    page.reload()
    page.locator("summary", has_text="Dit handtekeningtraject annuleren").click()
    page.get_by_label("Waarom wordt het handtekeningtraject geannuleerd?").fill("Verkeerde versie")
    page.get_by_role("button", name="Handtekeningtraject annuleren").click()
    page.get_by_text("Het handtekeningtraject is geannuleerd.").wait_for()
    assert page.get_by_text("Geannuleerd").first.is_visible()
    assert describe(run_axe(page)) == []
    assert page.console_errors == []
