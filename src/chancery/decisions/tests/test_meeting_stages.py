"""The secretariat's meeting page in its stages (preparation, the meeting, after the meeting), the
"all formally in order" sweep that says what it left alone, and the release panel with its preview
(issue 14)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import AccessLevel, AuditEntry, ReleaseState
from chancery.decisions import services
from chancery.decisions.models import AgendaItem, FormalCheck, MeetingState, Release

NONE_PLANNED = "decisions:0 documents:0"  # what the release panel carries before anything is planned


def stage(meeting, name):
    return reverse(f"decisions:meeting_{name}", args=[meeting.uuid])


@pytest.fixture
def decided(secretariat, meeting, add):
    """A final agenda with a public and a confidential note, both decided, a press summary."""
    add(meeting, "Oostgrens")
    add(meeting, "Geheim dossier", access_level=AccessLevel.CONFIDENTIAL)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result="approved", text=f"Beslissing over {item.short_title}.")
    public = services.final_items(meeting).get(short_title="Oostgrens")
    services.set_press_summary(secretariat, public, "De Regering keurt het Oostgrensprogramma goed.")
    meeting.refresh_from_db()
    return meeting


def test_each_stage_has_its_address_and_only_its_forms(client, secretariat, meeting, add):
    item = add(meeting, "Oostgrens")
    client.force_login(secretariat)
    preparation = client.get(stage(meeting, "preparation")).content.decode()
    assert f'action="{reverse("decisions:item_formal_check", args=[item.pk])}"' in preparation
    assert reverse("decisions:item_add", args=[meeting.uuid, "A"]) in preparation
    assert "/beslissing/" not in preparation and "/vrijgave/" not in preparation
    # The tabs link the three stages; the current one is marked for assistive technology.
    for name in ("preparation", "session", "after"):
        assert f'href="{stage(meeting, name)}"' in preparation
    assert f'href="{stage(meeting, "preparation")}" aria-current="page"' in preparation

    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    final = services.final_items(meeting).get()
    session = client.get(stage(meeting, "session")).content.decode()
    assert reverse("decisions:item_decide", args=[final.pk]) in session
    assert reverse("decisions:item_press_summary", args=[final.pk]) in session
    assert reverse("decisions:meeting_close", args=[meeting.uuid]) in session
    assert "item_formal_check" not in session and "/formeel/" not in session and "/vrijgave/" not in session
    after = client.get(stage(meeting, "after")).content.decode()
    assert reverse("decisions:release_schedule", args=[meeting.uuid]) in after
    assert "/formeel/" not in after and reverse("decisions:meeting_close", args=[meeting.uuid]) not in after


def test_the_meeting_opens_on_the_stage_of_its_state(client, secretariat, decided):
    client.force_login(secretariat)
    assert decided.state == MeetingState.AGENDA_APPROVED
    page = client.get(decided.get_absolute_url())
    assert page.status_code == 200 and page.context["stage"] == "meeting"
    services.close_meeting(secretariat, decided)
    assert client.get(decided.get_absolute_url()).context["stage"] == "after"
    # Every stage stays open whatever the state: a link to one shows that one.
    assert client.get(stage(decided, "preparation")).context["stage"] == "preparation"


def test_forms_return_to_the_stage_they_were_on(client, secretariat, decided):
    item = services.final_items(decided).get(short_title="Oostgrens")
    client.force_login(secretariat)
    response = client.post(
        reverse("decisions:item_press_summary", args=[item.pk]), {"text": "Nieuw kort bestek.", "revision": 1}
    )
    assert response["Location"] == stage(decided, "session") + f"#decision-{item.pk}"
    response = client.post(
        reverse("decisions:release_schedule", args=[decided.uuid]), {"scopes": ["decisions"], "revisions": NONE_PLANNED}
    )
    assert response["Location"] == stage(decided, "after") + "#release"
    services.close_meeting(secretariat, decided)
    response = client.post(
        reverse("decisions:item_decide", args=[item.pk]),
        {"result": "approved", "text": "Anders.", "reason": "Typfout", "revision": 1},
    )
    assert response["Location"] == stage(decided, "after") + f"#decision-{item.pk}"


def test_all_formally_in_order_names_the_items_it_left_not_in_order(client, secretariat, meeting, add):
    add(meeting, "Eerste")
    refused = add(meeting, "Onvolledig dossier")
    add(meeting, "Derde")
    draft = services.current_draft(meeting)
    services.set_formal_check(secretariat, refused, FormalCheck.NOT_OK, expected_revision=None)
    client.force_login(secretariat)
    page = client.get(stage(meeting, "preparation")).content.decode()
    assert "1 agendapunt is als niet formeel OK gemarkeerd" in page and "2. Onvolledig dossier" in page
    draft.refresh_from_db()
    response = client.post(
        reverse("decisions:agenda_all_formal", args=[meeting.uuid, "A"]), {"revision": draft.revision}, follow=True
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert "2 agendapunten formeel OK gezet." in text
    assert "1 agendapunt is als niet formeel OK gemarkeerd en bleef zo: 2. Onvolledig dossier." in text
    assert AgendaItem.objects.get(pk=refused.pk).formal_check == FormalCheck.NOT_OK


def test_the_release_panel_says_what_becomes_public_and_when(client, secretariat, decided):
    client.force_login(secretariat)
    page = client.get(stage(decided, "after"))
    html = page.content.decode()
    decisions_outline = page.context["outlines"][0]
    assert [item.short_title for item in decisions_outline.items] == ["Oostgrens"]
    assert decisions_outline.withheld == 1
    assert "1 agendapunt wordt openbaar" in html and "1 ander is niet openbaar en blijft intern." in html
    decisions_at, _documents_at = services.default_release_times(decided)
    assert f'value="{timezone.localtime(decisions_at):%Y-%m-%dT%H:%M}"' in html
    assert reverse("release_preview", args=[decided.uuid]) in html


def test_one_confirmation_plans_and_confirms_and_the_embargo_holds(client, secretariat, decided):
    client.force_login(secretariat)
    moment = timezone.make_aware(datetime.datetime(2026, 12, 4, 15, 30))
    response = client.post(
        reverse("decisions:release_schedule", args=[decided.uuid]),
        {
            "scopes": ["decisions", "documents"],
            "decisions_at": "2026-12-04T15:30",
            "documents_at": "",
            "revisions": NONE_PLANNED,
        },
    )
    assert response.status_code == 302
    releases = {release.scope: release for release in Release.objects.all()}
    assert {scope: release.state for scope, release in releases.items()} == {
        "decisions": ReleaseState.CONFIRMED,
        "documents": ReleaseState.CONFIRMED,
    }
    assert releases["decisions"].planned_at == moment
    assert releases["documents"].planned_at == services.default_release_times(decided)[1]  # empty: the usual
    # Embargoed until the moment: nothing is public before it, everything at it.
    assert services.run_due_releases(now=moment - datetime.timedelta(minutes=1)) == []
    assert not AgendaItem.objects.filter(release_state=ReleaseState.RELEASED).exists()
    services.run_due_releases(now=moment)
    released = AgendaItem.objects.filter(release_state=ReleaseState.RELEASED)
    assert set(released.values_list("short_title", flat=True)) == {"Oostgrens"}


def test_a_refused_confirmation_changes_nothing(client, secretariat, meeting, add):
    add(meeting, "Onbeslist")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    client.force_login(secretariat)
    response = client.post(
        reverse("decisions:release_schedule", args=[meeting.uuid]),
        {"scopes": ["documents", "decisions"], "revisions": NONE_PLANNED},
        follow=True,
    )
    assert "1 agendapunten hebben er geen" in " ".join(str(m) for m in response.context["messages"])
    assert not Release.objects.exists()  # the documents were not planned alone either
    response = client.post(
        reverse("decisions:release_schedule", args=[meeting.uuid]), {"revisions": NONE_PLANNED}, follow=True
    )
    assert "Kies wat vrijgegeven wordt." in " ".join(str(m) for m in response.context["messages"])


def test_the_preview_shows_what_the_public_will_see_and_releases_nothing(client, org, secretariat, decided):
    client.force_login(secretariat)
    audit_before = AuditEntry.objects.count()
    response = client.get(reverse("release_preview", args=[decided.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beslissing over Oostgrens." in html and "De Regering keurt het Oostgrensprogramma goed." in html
    assert "Geheim dossier" not in html  # confidential: never public, so not in the preview either
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    # Nothing happened: no release, no state, no audit entry; the public still finds nothing.
    assert not Release.objects.exists() and AuditEntry.objects.count() == audit_before
    assert not AgendaItem.objects.filter(release_state=ReleaseState.RELEASED).exists()
    client.logout()
    assert client.get(reverse("portal:meeting", args=[decided.uuid])).status_code == 404
    # Only who may release sees the preview.
    for role in ("minister_concerned", "cabinet_concerned", "civil_servant"):
        client.force_login(org.users[role])
        assert client.get(reverse("release_preview", args=[decided.uuid])).status_code == 403, role
    client.logout()
    assert client.get(reverse("release_preview", args=[decided.uuid])).status_code == 302  # to the login


def test_a_stale_release_panel_is_refused_and_moves_nothing(client, secretariat, decided):
    """Two secretaries have the panel open; the second to confirm would silently move the moment
    the first confirmed (issue 13)."""
    client.force_login(secretariat)
    after = stage(decided, "after")
    seen = re.search(r'name="revisions" value="([^"]*)"', client.get(after).content.decode()).group(1)
    assert seen == NONE_PLANNED
    url = reverse("decisions:release_schedule", args=[decided.uuid])
    client.post(url, {"scopes": ["decisions"], "decisions_at": "2026-12-04T16:00", "revisions": seen})
    confirmed = Release.objects.get()
    assert confirmed.state == ReleaseState.CONFIRMED
    stale = {"scopes": ["decisions"], "decisions_at": "2026-12-04T12:00", "revisions": seen}
    response = client.post(url, stale, follow=True)
    assert "Iemand anders heeft deze vrijgave intussen gewijzigd" in response.content.decode()
    unchanged = Release.objects.get()
    assert (unchanged.planned_at, unchanged.state, unchanged.revision) == (
        confirmed.planned_at,
        ReleaseState.CONFIRMED,
        confirmed.revision,
    )
    with pytest.raises(ValidationError) as refused:
        services.schedule_release(secretariat, decided, {"decisions": None}, expected_revisions={"decisions": 0})
    assert refused.value.code == "conflict" and Release.objects.get().planned_at == confirmed.planned_at
    fresh = re.search(r'name="revisions" value="([^"]*)"', client.get(after).content.decode()).group(1)
    client.post(url, {**stale, "revisions": fresh})
    assert timezone.localtime(Release.objects.get().planned_at).hour == 12
