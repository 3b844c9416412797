"""A meeting walked from draft agenda to release in a real browser, then found on the public side."""

import re

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
    # The final agenda opens the meeting itself: its stage holds the decisions.
    expect(
        page.get_by_role("navigation", name="Fasen van de zitting").get_by_role("link", name=re.compile("^De zitting"))
    ).to_have_attribute("aria-current", "page")

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

    page.get_by_role("link", name="Na de zitting").click()
    page.get_by_role("button", name="Vrijgave bevestigen").click()
    page.get_by_text("Vrijgave bevestigd").wait_for()
    page.locator("fieldset", has_text="Beslissingen en kort bestek").get_by_role("button", name="Nu vrijgeven").click()
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


def test_meeting_stages_sweep_preview_and_one_confirmation(page, browser, live_server, org, artifacts):
    """The secretariat's meeting in its stages: the sweep says what it left, the browser's back
    goes back a stage, the preview shows the public page without releasing, one confirmation."""

    from django.utils import timezone

    from chancery.decisions import services

    secretariat = org.users["secretariat"]
    # A meeting begun this minute: its decisions may be recorded (not before its day) and its usual
    # release moment is still to come (14:00, or two hours after a later start), so the embargo shows.
    starts = timezone.localtime().replace(second=0, microsecond=0)
    meeting = services.create_meeting(secretariat, starts_at=starts)
    draft = services.current_draft(meeting)
    for title in ("Oostgrens", "Onvolledig"):
        services.add_item(
            secretariat, draft, expected_revision=None, title=title, short_title=title, mandatees=[org.mandatees["a"]]
        )
    refused = draft.current_items().get(short_title="Onvolledig")
    services.set_formal_check(secretariat, refused, "not_ok", expected_revision=None)

    log_in(page, "t-secretariaat", PASSWORD)
    page.goto(meeting.get_absolute_url())
    stages = page.get_by_role("navigation", name="Fasen van de zitting")
    expect(stages.get_by_role("link", name=re.compile("^Voorbereiding"))).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("1 agendapunt is als niet formeel OK gemarkeerd")).to_be_visible()
    page.get_by_role("button", name="Alle niet-gecontroleerde punten formeel OK").click()
    page.get_by_text("1 agendapunt is als niet formeel OK gemarkeerd en bleef zo: 2. Onvolledig.").wait_for()
    # Put in order after all, on its own row: the page comes back to that row.
    page.get_by_label("Formele controle: Onvolledig").select_option("ok")
    page.locator(f"#item-{refused.pk}").get_by_role("button", name="Instellen").click()
    page.wait_for_url(f"**#item-{refused.pk}")
    page.get_by_role("button", name="Goedkeuren en afsluiten (definitieve agenda)").click()
    page.wait_for_url(re.compile(r"/zitting/(#.*)?$"))
    for title in ("Oostgrens", "Onvolledig"):
        section = page.locator("section.decision", has_text=title)
        section.get_by_label("Resultaat").select_option("approved")
        section.get_by_label("Beslissing", exact=True).fill(f"De Regering keurt {title} goed.")
        with page.expect_navigation():
            section.get_by_role("button", name="Bewaren").click()
        page.get_by_text("De beslissing is genoteerd.").wait_for()

    # Each stage its own page: back and forward go between them.
    stages.get_by_role("link", name="Na de zitting").click()
    page.wait_for_url(re.compile(r"/na-de-zitting/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"/zitting/(#.*)?$"))
    expect(stages.get_by_role("link", name=re.compile("^De zitting"))).to_have_attribute("aria-current", "page")
    page.go_forward()
    page.wait_for_url(re.compile(r"/na-de-zitting/$"))
    expect(page.get_by_text("2 agendapunten worden openbaar")).to_be_visible()

    public_context = browser.new_context(base_url=live_server.url)
    public = public_context.new_page()
    page.get_by_role("link", name="Voorbeeld zoals het publiek het zal zien").click()
    page.get_by_text("Voorbeeld: niet openbaar.").wait_for()
    expect(page.get_by_text("De Regering keurt Oostgrens goed.")).to_be_visible()
    assert describe(run_axe(page)) == []
    page.screenshot(path=str(artifacts / "release-preview.png"), full_page=True)
    public.goto(f"/besluiten/{meeting.uuid}/")
    expect(public.get_by_role("heading", name="Niet gevonden")).to_be_visible()  # the preview released nothing

    page.go_back()
    page.get_by_role("button", name="Vrijgave bevestigen").click()
    page.get_by_text("Vrijgave bevestigd").wait_for()
    expect(page.get_by_text("Bevestigd: openbaar op").first).to_be_visible()
    assert describe(run_axe(page)) == []
    page.screenshot(path=str(artifacts / "release-panel.png"), full_page=True)
    public.goto(f"/besluiten/{meeting.uuid}/")
    expect(public.get_by_role("heading", name="Niet gevonden")).to_be_visible()  # embargo until the moment
    public_context.close()
    assert page.console_errors == []
