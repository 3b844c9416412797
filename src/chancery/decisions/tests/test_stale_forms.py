"""Two secretaries with the same meeting page open: the second to save worked on what the first
replaced. Every edit form carries the revision its editor saw and a stale one is refused with the
Dutch conflict message, changing nothing (issue 13, docs/ARCHITECTURE.md "Optimistic locking, one
way"): the correction of a decision, the press summary, the attendance and the minutes."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chancery.core.models import AuditEntry
from chancery.core.testing import inspection_depths, pdf_upload, upload
from chancery.decisions import services
from chancery.decisions.models import Decision, Meeting, Minutes, PressSummary

CONFLICT = "intussen gewijzigd. Laad"


@pytest.fixture
def running(secretariat, meeting, add):
    """A meeting whose final agenda has one item: the meeting stage is open."""
    add(meeting, "Oostgrens")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    meeting.refresh_from_db()
    return meeting


def seen_revision(client, page_url, action) -> int:
    """The revision the form posting to `action` carries on the page, as a browser would send it."""
    page = client.get(page_url).content.decode()
    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', page, re.S)
    assert form, f"no form posting to {action}"
    return int(re.search(r'name="revision" value="(\d+)"', form.group(0)).group(1))


def refusal(client, response) -> str:
    """The message flashed by a refused small form, on the page it goes back to."""
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def session(meeting):
    return reverse("decisions:meeting_session", args=[meeting.uuid])


def test_a_stale_decision_form_is_refused_and_changes_nothing(client, secretariat, running):
    item = services.final_items(running).get()
    url = reverse("decisions:item_decide", args=[item.pk])
    client.force_login(secretariat)
    unseen = seen_revision(client, session(running), url)
    assert unseen == 0  # no decision yet
    client.post(url, {"result": "approved", "text": "Goedgekeurd.", "revision": unseen})
    seen = seen_revision(client, session(running), url)
    assert seen == 1
    first = {"result": "approved", "text": "Goedgekeurd, met amendement.", "reason": "Amendement", "revision": seen}
    assert "Goedgekeurd, met amendement." in refusal(client, client.post(url, first))
    # The second secretary still has the page as it was before the correction.
    stale = {"result": "postponed", "text": "Uitgesteld.", "reason": "Typfout", "revision": seen}
    assert CONFLICT in refusal(client, client.post(url, stale))
    # A form opened before any decision was recorded is as stale (and lacks the reason field).
    assert CONFLICT in refusal(client, client.post(url, {"result": "withdrawn", "text": "", "revision": unseen}))
    assert [d.text for d in Decision.objects.order_by("version")] == ["Goedgekeurd.", "Goedgekeurd, met amendement."]
    with pytest.raises(ValidationError) as refused:
        services.correct_decision(secretariat, item, result="postponed", text="x", reason="r", expected_revision=1)
    assert refused.value.code == "conflict" and Decision.objects.count() == 2
    fresh = seen_revision(client, session(running), url)
    client.post(url, {**stale, "revision": fresh})
    assert Decision.objects.latest("version").text == "Uitgesteld."


def test_a_stale_press_summary_form_is_refused_and_changes_nothing(client, secretariat, running):
    item = services.final_items(running).get()
    url = reverse("decisions:item_press_summary", args=[item.pk])
    client.force_login(secretariat)
    unseen = seen_revision(client, session(running), url)
    assert unseen == 0  # none written yet
    client.post(url, {"text": "De Regering keurt het programma goed.", "revision": unseen})
    # A second secretary who opened the page before the first summary was written.
    stale = {"text": "Een andere tekst.", "revision": unseen}
    assert CONFLICT in refusal(client, client.post(url, stale))
    seen = seen_revision(client, session(running), url)
    client.post(url, {"text": "De Regering keurt het Oostgrensprogramma goed.", "revision": seen})
    assert CONFLICT in refusal(client, client.post(url, {"text": "Nog een tekst.", "revision": seen}))
    summary = PressSummary.objects.get()
    assert (summary.text, summary.revision) == ("De Regering keurt het Oostgrensprogramma goed.", 2)
    with pytest.raises(ValidationError) as refused:
        services.set_press_summary(secretariat, item, "x", expected_revision=1)
    assert refused.value.code == "conflict" and PressSummary.objects.get().revision == 2


def test_a_stale_attendance_form_is_refused_and_changes_nothing(client, secretariat, running, org):
    url = reverse("decisions:meeting_attendance", args=[running.uuid])
    client.force_login(secretariat)
    seen = client.get(url).context["form"]["revision"].value()
    first = {"chair": org.mandatees["a"].pk, "excused": [org.mandatees["b"].pk], "revision": seen}
    assert client.post(url, first).status_code == 302
    # The second secretary's form still shows nobody excused: saving it would drop the first's excuse.
    response = client.post(url, {"chair": org.mandatees["a"].pk, "excused": [], "revision": seen})
    assert response.status_code == 400
    assert "Iemand anders heeft de aanwezigheid intussen gewijzigd" in response.content.decode()
    assert list(Meeting.objects.get().excused.all()) == [org.mandatees["b"]]
    entries = AuditEntry.objects.filter(object_id=str(running.pk)).count()
    with pytest.raises(ValidationError) as refused:
        services.record_attendance(secretariat, running, chair=None, secretary=None, excused=[], expected_revision=seen)
    assert refused.value.code == "conflict"
    assert list(Meeting.objects.get().excused.all()) == [org.mandatees["b"]]
    assert AuditEntry.objects.filter(object_id=str(running.pk)).count() == entries
    fresh = client.get(url).context["form"]["revision"].value()
    assert client.post(url, {"chair": org.mandatees["a"].pk, "excused": [], "revision": fresh}).status_code == 302
    assert not Meeting.objects.get().excused.exists()


def test_a_stale_minutes_form_is_refused_and_stores_nothing(client, secretariat, running):
    url = reverse("decisions:meeting_minutes", args=[running.uuid])
    client.force_login(secretariat)
    unseen = seen_revision(client, session(running), url)
    assert unseen == 0
    client.post(url, {"file": pdf_upload("notulen.pdf", "Notulen"), "revision": unseen})
    # The second secretary opened the page before the first minutes were stored.
    response = client.post(url, {"file": pdf_upload("andere.pdf", "Andere notulen"), "revision": unseen})
    assert "Iemand anders heeft intussen een versie van de notulen opgeslagen" in refusal(client, response)
    seen = seen_revision(client, session(running), url)
    assert seen == 1
    client.post(url, {"file": pdf_upload("notulen-2.pdf", "Notulen 2"), "revision": seen})
    response = client.post(url, {"file": pdf_upload("notulen-b.pdf", "Notulen b"), "revision": seen})
    assert "Iemand anders heeft intussen een versie van de notulen opgeslagen" in refusal(client, response)
    assert Minutes.objects.get().document.versions.count() == 2
    with pytest.raises(ValidationError) as refused:
        services.attach_minutes(secretariat, running, pdf_upload("x.pdf"), expected_revision=1)
    assert refused.value.code == "conflict" and Minutes.objects.get().document.versions.count() == 2


def test_the_minutes_file_is_checked_by_the_form_before_the_service_opens_its_transaction(
    client, secretariat, running, monkeypatch
):
    """The minutes' upload had no form: its file was unpacked inside the service's transaction."""
    from chancery.core import samples

    url = reverse("decisions:meeting_minutes", args=[running.uuid])
    client.force_login(secretariat)
    refused = client.post(url, {"file": upload("notulen.pdf", b"geen pdf"), "revision": 0})
    assert "Dit soort bestand wordt niet aanvaard." in refusal(client, refused) and not Minutes.objects.exists()
    missing = refusal(client, client.post(url, {"revision": 0}))
    assert "Kies het bestand met de notulen." in missing and not Minutes.objects.exists()

    outside, depths = inspection_depths(monkeypatch)  # outside: the test's own transaction
    stored = client.post(url, {"file": upload("notulen.docx", samples.make_docx("Notulen")), "revision": 0})
    assert stored.status_code == 302 and Minutes.objects.exists()
    assert depths == [outside]  # once, and in no transaction of the request's
