"""A user's first visit in a real browser: log in, switch language, upload, version, audit trail;
accessibility (axe-core, keyboard, phone) of the main pages."""

import json
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from chancery.core import samples
from chancery.core.models import Document
from chancery.core.testing import PASSWORD

from .conftest import log_in, navigate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_a_document_and_see_its_versions_and_trail(page, org, tmp_path, artifacts):
    first = tmp_path / "nota-exportcontrole.pdf"
    first.write_bytes(samples.make_pdf("Voorstel van beslissing over exportcontrole"))
    second = tmp_path / "nota-exportcontrole-v2.docx"
    second.write_bytes(samples.make_docx("Tweede versie van de nota"))

    log_in(page, "t-secretariaat", PASSWORD)
    # Switch to English: every page carries the switch.
    page.get_by_role("button", name="English").click()
    navigate(page, "Decision-making", "Documents")
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Title").fill("Note on export control")
    page.get_by_label("Kind").select_option("note")
    page.get_by_label("Access level").select_option("internal_council")
    page.get_by_label("File").set_input_files(str(first))
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Note on export control").wait_for()
    expect(page.get_by_text("The document has been stored.")).to_be_visible()
    document = Document.objects.get(title="Note on export control")
    assert document.versions.get().original_filename == "nota-exportcontrole.pdf"

    page.get_by_role("link", name="Upload a new version").click()
    page.get_by_label("File").set_input_files(str(second))
    page.get_by_label("What changed").fill("Second reading")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Version 2 has been stored.").wait_for()

    versions = page.locator("table[aria-labelledby=versions] tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("nota-exportcontrole-v2.docx")
    trail = page.locator("table[aria-labelledby=trail] tbody tr")
    expect(trail).to_have_count(3)
    expect(trail.nth(0)).to_contain_text("Second reading")
    page.screenshot(path=str(artifacts / "document-detail.png"), full_page=True)

    # The first version downloads unchanged.
    with page.expect_download() as download:
        page.get_by_role("link", name="nota-exportcontrole.pdf").click()
    assert open(download.value.path(), "rb").read() == first.read_bytes()

    # Back to Dutch.
    page.get_by_role("button", name="Nederlands").click()
    page.get_by_role("heading", name="Versies").wait_for()
    assert page.console_errors == []


def test_a_refused_upload_shows_why_in_dutch(page, org, tmp_path):
    fake = tmp_path / "nota.pdf"
    fake.write_bytes(b"MZ this is a program, not a PDF")
    log_in(page, "t-ambtenaar", PASSWORD)
    page.goto("/documenten/nieuw/")
    page.get_by_label("Titel").fill("Iets")
    page.get_by_label("Bestand").set_input_files(str(fake))
    page.get_by_role("button", name="Bewaren").click()
    alert = page.locator(".field--error .errorlist")
    alert.wait_for()
    expect(alert).to_contain_text("Dit soort bestand wordt niet aanvaard")
    assert Document.objects.count() == 0


def run_axe(page) -> list[dict]:
    source = (settings.NODE_MODULES / "axe-core" / "axe.min.js").read_text()
    page.evaluate(source)  # evaluated through the DevTools protocol, so the page's CSP is untouched
    result = page.evaluate(
        "async () => JSON.stringify((await axe.run(document, {runOnly: "
        "{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations)"
    )
    return json.loads(result)


def describe(violations):
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_main_pages_have_no_accessibility_violations(page, org):
    from chancery.core import services
    from chancery.core.testing import pdf_upload

    document = services.create_document(org.users["secretariat"], title="Nota", upload=pdf_upload())
    for path in ("/", "/login/", "/organisatie/"):
        page.goto(path)
        assert describe(run_axe(page)) == [], path
    log_in(page, "t-secretariaat", PASSWORD)
    for path in ("/", "/documenten/", "/documenten/nieuw/", document.get_absolute_url(), "/organisatie/"):
        page.goto(path)
        assert describe(run_axe(page)) == [], path
    # Also with the form showing its errors.
    page.goto("/documenten/nieuw/")
    page.get_by_role("button", name="Bewaren").click()
    page.locator(".errorlist").first.wait_for()
    assert describe(run_axe(page)) == []
    assert page.console_errors == []


def test_keyboard_reaches_the_skip_link_and_the_content(page, org):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_readable_on_a_phone(browser, live_server, org, artifacts):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    log_in(page, "t-kabinet-a", PASSWORD)
    for path in ("/", "/documenten/", "/organisatie/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
    page.goto("/")
    page.screenshot(path=str(artifacts / "home-phone.png"), full_page=True)
    nav = page.get_by_role("navigation", name=re.compile("Hoofdnavigatie"))
    expect(nav).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_navigation_is_grouped_by_area_on_a_phone_and_a_desktop(browser, live_server, org, artifacts, width):
    """The secretariat sees every area: one short bar of areas, each opening its menu, at phone
    width and on a desktop, keyboard included."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 800})
    page = context.new_page()
    log_in(page, "t-secretariaat", PASSWORD)
    nav = page.locator("nav.main-nav")
    top = nav.locator("ul.wrap > li")
    assert top.count() <= 7, top.all_inner_texts()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    expect(nav.get_by_role("link", name="Zittingen", exact=True)).to_be_hidden()
    nav.locator("summary", has_text="Besluitvorming").focus()
    page.keyboard.press("Enter")
    page.screenshot(path=str(artifacts / f"navigation-{width}.png"))
    nav.get_by_role("link", name="Zittingen", exact=True).click()
    page.wait_for_url("**/app/zittingen/")
    expect(nav.locator("summary.is-current")).to_have_text("Besluitvorming")
    assert describe(run_axe(page)) == []
    context.close()
