"""A meeting walked from draft agenda to release in a real browser, then found on the public side."""

import pytest
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.decisions.models import Meeting

from .conftest import log_in, navigate
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_from_draft_agenda_to_public_decision(page, browser, live_server, org, artifacts):
    log_in(page, "t-secretariaat", PASSWORD)
    navigate(page, "Besluitvorming", "Zittingen")
    page.get_by_role("link", name="Nieuwe zitting").click()
    page.get_by_label("Datum en uur").fill("2026-12-04T10:00")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_role("heading", name="Agenda A (Ontwerp)").wait_for()

    page.get_by_label("Korte titel").fill("Oostgrensprogramma 2027")
    page.get_by_label("Titel", exact=True).fill("Oproep 2027 van het Oostgrensprogramma: goedkeuring")
    page.get_by_label("Indienende ministers").select_option(label="Anna Aerts — Minister-president")
    page.get_by_role("button", name="Aan de agenda toevoegen").click()
    page.get_by_text("Het agendapunt is toegevoegd.").wait_for()
    assert describe(run_axe(page)) == []

    page.get_by_label("Formele controle: Oostgrensprogramma 2027").select_option("ok")
    page.get_by_role("button", name="Instellen").click()
    page.get_by_role("button", name="Goedkeuren en afsluiten (definitieve agenda)").click()
    page.get_by_text("Agenda A is goedgekeurd als definitieve agenda.").wait_for()

    page.get_by_label("Resultaat").select_option("approved")
    page.get_by_label("Beslissing", exact=True).fill("De Vlaamse Regering keurt de oproep 2027 goed.")
    page.locator("form[action$='/beslissing/'] button").click()
    page.get_by_text("De beslissing is genoteerd.").wait_for()
    page.locator("summary", has_text="Kort bestek").click()
    page.locator("textarea[name=text][id^=press]").fill(
        "De Vlaamse Regering lanceert de oproep 2027 van het Oostgrensprogramma."
    )
    page.locator("form[action$='/kort-bestek/'] button").click()
    page.get_by_text("Het kort bestek is bewaard.").wait_for()
    assert describe(run_axe(page)) == []

    meeting = Meeting.objects.get()
    public_context = browser.new_context(base_url=live_server.url)
    public = public_context.new_page()
    public.goto(f"/besluiten/{meeting.uuid}/")
    expect(public.get_by_role("heading", name="Niet gevonden")).to_be_visible()  # embargo

    page.get_by_role("button", name="Vrijgave plannen").click()
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("button", name="Nu vrijgeven").click()
    page.get_by_text("Vrijgegeven: 1 agendapunten openbaar gemaakt.").wait_for()
    page.screenshot(path=str(artifacts / "meeting-released.png"), full_page=True)

    public.goto("/besluiten/")
    public.get_by_role("link", name=f"Ministerraad {meeting.number}/{meeting.year}").click()
    public.get_by_text("De Vlaamse Regering keurt de oproep 2027 goed.").wait_for()
    expect(public.get_by_text("lanceert de oproep 2027")).to_be_visible()
    assert describe(run_axe(public)) == []
    public.screenshot(path=str(artifacts / "public-meeting.png"), full_page=True)
    public_context.close()
    assert page.console_errors == []


def test_reorder_the_agenda_by_mouse_and_by_keyboard(page, org):
    import datetime

    from django.utils import timezone

    from chancery.decisions import services

    secretariat = org.users["secretariat"]
    meeting = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 12, 11, 10)))
    draft = services.current_draft(meeting)
    for title in ("Eerste", "Tweede", "Derde"):
        services.add_item(
            secretariat, draft, expected_revision=None, title=title, short_title=title, mandatees=[org.mandatees["a"]]
        )
    log_in(page, "t-secretariaat", PASSWORD)
    page.goto(meeting.get_absolute_url())
    rows = page.locator("tr[data-item-kind=note]")
    with page.expect_navigation():
        rows.nth(2).drag_to(rows.nth(0), source_position={"x": 12, "y": 12}, target_position={"x": 12, "y": 12})
    assert [t for t in draft.current_items().values_list("short_title", flat=True)] == ["Derde", "Eerste", "Tweede"]
    # By keyboard: focus the "down" button of the first item and press Enter.
    page.get_by_role("button", name="Naar beneden: Derde").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert [t for t in draft.current_items().values_list("short_title", flat=True)] == ["Eerste", "Derde", "Tweede"]
